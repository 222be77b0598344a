import { describe, expect, it } from 'vitest';
import { encodeBusy, encodeDecline } from '../../../../shared/calls/busy.js';
import { CallMode, CallUserState } from '../../../../shared/calls/enums.js';
import {
  coHostInvitation,
  flutterAdvancedInvitation,
  flutterBasicInvitation,
  webKitInvitation,
  type KitCaller,
} from '../../../../shared/calls/zegoKitSamples.js';
import { handleExpressMessage } from '../../calls/expressRequests.js';
import { callsOf, TestWorld, type Phone } from '../../calls/testWorld.js';
import { WebKitUser } from './kitDouble.js';
import { ZimCloud, type ZimSdkDouble } from './sdkDouble.js';

// Switchboard users on the ZIM adapter and ZEGO call kit users on the same ZIM SDK double.
async function kitWorld(bobSetup: { incoming?: number; dnd?: boolean } = {}) {
  const world = new TestWorld('zim');
  const cloud = new ZimCloud({ hub: world.hub });
  const bob = await world.add('bob', bobSetup);
  return { world, cloud, bob };
}

const ann: KitCaller = { inviterID: 'ann', inviterName: 'Ann Lee', invitees: ['bob'], type: 0 };

/** Fills bob's only line with a call from carol, a Switchboard user. */
async function busyLine(world: TestWorld): Promise<void> {
  const carol = await world.add('carol');
  await carol.manager.dial('bob');
  await world.settle();
}

/** A web kit user, ann, calls bob; its setting picks the mode (advanced with canInvitingInCalling). */
async function kitCallsBob(canInvitingInCalling: boolean) {
  const { world, cloud, bob } = await kitWorld();
  const kit = await WebKitUser.signIn(cloud, 'ann', canInvitingInCalling);
  const callID = await kit.invite(['bob'], webKitInvitation(ann, canInvitingInCalling));
  await world.settle();
  return { world, bob, kit, callID };
}

describe('ZEGO call kits over ZIM: a turned-away caller is answered in the form it reads', () => {
  const kitShapes: Array<[string, string, boolean]> = [
    ['the web kit (general mode, its default)', webKitInvitation(ann), false],
    ['the web kit with canInvitingInCalling (advanced mode)', webKitInvitation(ann, true), true],
    ['a Flutter kit (general mode)', flutterBasicInvitation(ann), false],
    ['a Flutter kit with canInvitingInCalling (advanced mode)', flutterAdvancedInvitation(ann), true],
  ];

  it.each(kitShapes)('%s over the limit: callReject with reason busy, which the kit reads as busy', async (_name, extendedData, advanced) => {
    const { world, cloud, bob } = await kitWorld({ incoming: 1 });
    await busyLine(world);
    const kit = await WebKitUser.signIn(cloud, 'ann', advanced);
    const callID = await kit.invite(['bob'], extendedData);
    await world.settle();

    expect(callsOf(bob)).toEqual(['incoming:carol:ringing']);
    expect(bob.history.at(-1)).toMatchObject({ callID, peer: 'ann', outcome: 'turned-away', detail: 'turned away: line limit' });
    // Rejected, not ended: the kit reads the reason, and its waiting page does not close as "cancelled".
    expect(kit.refusals).toEqual([{ callID, userID: 'bob', reason: 'busy', extendedData: encodeBusy('call_limit_reached') }]);
    expect(kit.cancelled).toEqual([]);
  });

  it('a kit caller while do not disturb is on: callReject with reason busy (do_not_disturb)', async () => {
    const { world, cloud } = await kitWorld({ dnd: true });
    const kit = await WebKitUser.signIn(cloud, 'ann', true);
    const callID = await kit.invite(['bob'], flutterAdvancedInvitation(ann));
    await world.settle();
    expect(kit.refusals).toEqual([{ callID, userID: 'bob', reason: 'busy', extendedData: encodeBusy('do_not_disturb') }]);
    expect(kit.cancelled).toEqual([]);
  });

  it('a kit caller declined by the user: callReject with reason decline', async () => {
    const { world, bob, kit, callID } = await kitCallsBob(true);
    await bob.manager.decline(callID);
    await world.settle();
    expect(kit.refusals).toEqual([{ callID, userID: 'bob', reason: 'decline', extendedData: encodeDecline() }]);
    expect(kit.cancelled).toEqual([]);
  });

  it('a ZIM-native 1v1 advanced-mode invitation over the limit: callEnd with the busy reason, as the reference flow does', async () => {
    const { world, cloud, bob } = await kitWorld({ incoming: 1 });
    await busyLine(world);
    const native = cloud.sdk();
    await native.login('zoe', { userName: 'zoe', token: cloud.issueToken('zoe'), isOfflineLogin: false, customStatus: '', customStatusDuration: 0 });
    const ended: string[] = [];
    native.on('callInvitationEnded', (_zim, data) => ended.push(data.extendedData));
    const { callID } = await native.callInvite(['bob'], { mode: CallMode.Advanced, timeout: 60, extendedData: '{"topic":"support"}' });
    await world.settle();
    expect(bob.history.at(-1)).toMatchObject({ callID, outcome: 'turned-away' });
    expect(ended).toEqual([encodeBusy('call_limit_reached')]);
    expect(await stateOf(native, callID, 'bob')).toBe(CallUserState.Ended);
  });

  it('another Switchboard over the limit: callEnd too, although its invitation carries the kits\' fields', async () => {
    const { world } = await kitWorld({ incoming: 1 });
    await busyLine(world);
    const dave = await world.add('dave');
    await dave.manager.dial('bob');
    await world.settle();
    expect(dave.notices).toEqual([{ kind: 'busy', text: 'bob is busy — call limit reached' }]);
    const { callList } = await dave.port.request('queryCallInvitationList', { config: { count: 1 } });
    expect(callList[0]!.callUserList.find((user) => user.userID === 'bob')?.state).toBe(CallUserState.Ended);
  });
});

describe('ZEGO call kits over ZIM: every invitation shape rings with the caller\'s name', () => {
  const shapes: Array<[string, string, CallMode]> = [
    ['web kit', webKitInvitation({ ...ann, type: 1 }), CallMode.General],
    ['Flutter kit, basic', flutterBasicInvitation(ann), CallMode.General],
    ['Flutter kit, advanced', flutterAdvancedInvitation({ ...ann, type: 1 }), CallMode.Advanced],
  ];

  it.each(shapes)('%s', async (_name, extendedData, mode) => {
    const { world, cloud, bob } = await kitWorld();
    const kit = await WebKitUser.signIn(cloud, 'ann', mode === CallMode.Advanced);
    await kit.invite(['bob'], extendedData);
    await world.settle();
    expect(bob.manager.calls).toEqual([expect.objectContaining({ direction: 'incoming', peer: 'ann', peerName: 'Ann Lee', phase: 'ringing' })]);
  });
});

describe('ZEGO call kits over ZIM: a cancel or a timeout stops the ringing on both sides', () => {
  it('Switchboard cancels its call to a kit user: the kit stops ringing, and Switchboard says it cancelled', async () => {
    const { world, cloud, bob } = await kitWorld();
    const kit = await WebKitUser.signIn(cloud, 'ann');
    await bob.manager.dial('ann');
    await world.settle();
    const [callID] = [...kit.ringing.keys()];
    await bob.manager.cancel(bob.manager.calls[0]!.callID);
    await world.settle();
    expect(kit.ringing.size).toBe(0);
    expect(kit.closed).toEqual([{ callID, why: 'cancelled' }]);
    expect(bob.history.at(-1)).toMatchObject({ callID, outcome: 'cancelled' });
  });

  it('Switchboard\'s call to a kit user times out: the kit stops ringing, and Switchboard says nobody answered', async () => {
    const { world, cloud, bob } = await kitWorld();
    const kit = await WebKitUser.signIn(cloud, 'ann');
    await bob.manager.dial('ann');
    await world.settle();
    const [callID] = [...kit.ringing.keys()];
    await world.advance(90_000);
    expect(kit.ringing.size).toBe(0);
    expect(kit.closed).toEqual([{ callID, why: 'timeout' }]);
    expect(bob.history.at(-1)).toMatchObject({ callID, outcome: 'no-answer', detail: 'no answer from ann' });
    expect(bob.manager.ongoing).toBe(0);
  });

  it('a kit caller cancels, or its invitation times out: Switchboard stops ringing and frees the line', async () => {
    const { world, cloud, bob } = await kitWorld({ incoming: 1 });
    const kit = await WebKitUser.signIn(cloud, 'ann');
    const cancelled = await kit.invite(['bob'], webKitInvitation(ann));
    await world.settle();
    await kit.sdk.callCancel(['bob'], cancelled, { extendedData: '' });
    await world.settle();
    expect(bob.history.at(-1)).toMatchObject({ callID: cancelled, outcome: 'missed', detail: 'missed: ann cancelled' });

    const unanswered = await kit.invite(['bob'], webKitInvitation(ann));
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:ann:ringing']);
    await world.advance(60_000);
    expect(bob.history.at(-1)).toMatchObject({ callID: unanswered, outcome: 'missed', detail: 'missed: not answered in time' });
    expect(bob.manager.ongoing).toBe(0);
  });
});

describe('ZEGO call kits over ZIM: live-streaming invitations are not calls', () => {
  it.each([2, 3, 4] as const)('a co-host invitation of type %i is declined politely, never rung', async (type) => {
    const { world, cloud, bob } = await kitWorld();
    const host = await WebKitUser.signIn(cloud, 'host');
    const callID = await host.invite(['bob'], coHostInvitation('Host', type));
    await world.settle();
    expect(bob.manager.ongoing).toBe(0);
    expect(bob.manager.calls).toEqual([]);
    expect(bob.history).toEqual([]);
    expect(host.refusals).toEqual([{ callID, userID: 'bob', reason: 'decline', extendedData: encodeDecline() }]);
  });
});

describe('ZEGO call kits over ZIM: a kit user\'s hang-up ends the call and frees the line', () => {
  it('the web kit quits the call because Switchboard invites with canInvitingInCalling', async () => {
    const { world, cloud, bob } = await kitWorld();
    // The kit app's own setting is the default (off): only the invitation turns it on.
    const kit = await WebKitUser.signIn(cloud, 'ann', false);
    await bob.manager.dial('ann');
    await world.settle();
    const [callID] = [...kit.ringing.keys()];
    expect(kit.ringing.get(callID!)).toMatchObject({ inviter: 'bob', canInvitingInCalling: true });
    await kit.accept(callID!);
    await world.settle();
    expect(callsOf(bob)).toEqual(['outgoing:ann:connected']);

    const hungUpAt = world.hub.clock.now();
    await kit.hangUp(callID!);
    await world.settle();
    expect(kit.sdk.calls.at(-1)).toEqual({ method: 'callQuit', args: [callID, { extendedData: '' }] });
    expect(bob.manager.ongoing).toBe(0);
    // At once: no time passed on the cloud's clock between the hang-up and the end.
    expect(bob.history.at(-1)).toMatchObject({ callID, outcome: 'answered', endedAt: hungUpAt, detail: 'ann hung up after 0:00' });
    // The line is free: bob's one outgoing line takes the next call.
    await bob.manager.dial('ann');
    expect(callsOf(bob)).toEqual(['outgoing:ann:calling']);
  });

  it('a kit calling in advanced mode quits on hang-up, and the call ends at once here too', async () => {
    const { world, bob, kit, callID } = await kitCallsBob(true);
    await bob.manager.accept(callID);
    await world.settle();
    const hungUpAt = world.hub.clock.now();
    await kit.hangUp(callID);
    await world.settle();
    expect(bob.manager.ongoing).toBe(0);
    expect(bob.history.at(-1)).toMatchObject({ callID, outcome: 'answered', endedAt: hungUpAt, detail: 'ann hung up after 0:00' });
  });

  it('a web kit calling in general mode (its default) tells ZIM nothing on hang-up: leaving its Express room ends the call at once and frees the line', async () => {
    const { world, bob, kit, callID } = await kitCallsBob(false);
    await bob.manager.accept(callID);
    await world.settle();
    // The room bob's renderer logs in to is the one the kit named in its invitation.
    expect(bob.manager.calls[0]?.media.room).toBe('call_ann_1760000000000');
    await kit.hangUp(callID);
    await world.advance(10_000);
    expect(kit.sdk.calls.filter((call) => call.method === 'callQuit' || call.method === 'callEnd')).toEqual([]);
    // ZIM said nothing: the call is still up until the room tells.
    expect(callsOf(bob)).toEqual(['incoming:ann:connected']);

    const leftAt = world.hub.clock.now();
    roomLeft(bob, callID, 'ann');
    await world.settle();
    expect(bob.manager.ongoing).toBe(0);
    expect(bob.history.at(-1)).toMatchObject({ callID, outcome: 'answered', endedAt: leftAt, detail: 'ann hung up after 0:10' });
    // The line is free: another kit call rings.
    const again = await kit.invite(['bob'], webKitInvitation(ann));
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:ann:ringing']);
    expect(bob.manager.calls[0]?.callID).toBe(again);
  });

  it('a room report is no hang-up for a call no kit placed, nor for someone not in the call', async () => {
    const { world, cloud, bob } = await kitWorld();
    const carol = await world.add('carol');
    await carol.manager.dial('bob');
    await world.settle();
    const [fromCarol] = bob.manager.calls;
    await bob.manager.accept(fromCarol!.callID);
    await world.settle();
    // Another Switchboard stops publishing on hold: only ZIM says when it hangs up.
    roomLeft(bob, fromCarol!.callID, 'carol');
    await world.settle();
    expect(callsOf(bob)).toEqual(['incoming:carol:connected']);

    const kit = await WebKitUser.signIn(cloud, 'ann');
    const fromKit = await kit.invite(['bob'], webKitInvitation(ann));
    await world.settle();
    await bob.manager.accept(fromKit);
    await world.settle();
    roomLeft(bob, fromKit, 'eve');
    roomLeft(bob, 'not-a-call', 'ann');
    await world.settle();
    expect(callsOf(bob).sort()).toEqual(['incoming:ann:connected', 'incoming:carol:connected']);
  });
});

/** What bob's renderer reports when `userID` leaves the Express room, through the core's media-stream handler. */
function roomLeft(phone: Phone, callID: string, userID: string): void {
  const handled = handleExpressMessage(
    { roomLeft: { callID, userID } },
    { token: null, roomLeft: (call, user) => phone.manager.mediaPeerLeft(call, user), deliver: () => undefined, log: () => undefined },
  );
  expect(handled).toBe(true);
}

/** A user's state in a call, as the caller's own query of the cloud shows it. */
async function stateOf(sdk: ZimSdkDouble, callID: string, userID: string): Promise<number | undefined> {
  const { callList } = await sdk.queryCallInvitationList({ count: 5, nextFlag: 0 });
  return callList.find((call) => call.callID === callID)?.callUserList.find((user) => user.userID === userID)?.state;
}
