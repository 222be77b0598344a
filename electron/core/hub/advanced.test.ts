import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { TestHub, T0 } from './testkit.js';

function advancedCall(invitees = ['bob'], options: { openJoin?: boolean; reportUnknownUsers?: boolean } = {}) {
  const hub = new TestHub(options);
  const alice = hub.login('alice');
  const bob = hub.login('bob');
  const carol = hub.login('carol');
  const dave = hub.login('dave');
  const { callID } = alice.ok('callInvite', { invitees, config: { mode: CallMode.Advanced, timeout: 60, extendedData: 'hi' } });
  for (const client of [alice, bob, carol, dave]) client.clear();
  const query = () => alice.ok('queryCallInvitationList', { config: { count: 1 } }).callList[0]!;
  return { hub, alice, bob, carol, dave, callID, query };
}

describe('callEnd', () => {
  it('reference flow: a Received callee ends a 1v1 call to say busy; the caller gets callInvitationEnded with its extendedData', () => {
    const { hub, alice, bob, callID, query } = advancedCall();
    hub.clock.advance(1_000);
    const busy = JSON.stringify({ reason: 'busy', code: 'call_limit_reached' });
    expect(bob.ok('callEnd', { callID, config: { extendedData: busy } })).toEqual({
      callID, createTime: T0, acceptTime: 0, endTime: T0 + 1_000,
    });
    expect(alice.eventNames()).toEqual(['callInvitationEnded']);
    expect(alice.events('callInvitationEnded')).toEqual([{
      callID, mode: CallMode.Advanced, caller: 'alice', operatedUserID: 'bob', extendedData: busy, endTime: T0 + 1_000,
    }]);
    expect(bob.eventNames()).toEqual([]);
    expect(query()).toMatchObject({ state: CallState.Ended, endTime: T0 + 1_000 });
    expect(query().callUserList).toEqual([
      { userID: 'alice', state: CallUserState.Accepted, extendedData: '' },
      { userID: 'bob', state: CallUserState.Ended, extendedData: busy },
    ]);
    expect(hub.clock.pendingTimers).toBe(0);
  });

  it('tells everyone still in the call and leaves their states unchanged', () => {
    const { alice, bob, carol, callID, query } = advancedCall(['bob', 'carol']);
    bob.ok('callAccept', { callID, config: {} });
    alice.clear();
    const result = alice.ok('callEnd', { callID, config: { extendedData: 'e' } });
    expect(result).toMatchObject({ callID, acceptTime: T0 });
    const ended = { callID, mode: CallMode.Advanced, caller: 'alice', operatedUserID: 'alice', extendedData: 'e', endTime: T0 };
    expect(bob.events('callInvitationEnded')).toEqual([ended]);
    expect(carol.events('callInvitationEnded')).toEqual([ended]);
    expect(alice.eventNames()).toEqual([]);
    expect(query().callUserList.map((user) => user.state)).toEqual([CallUserState.Ended, CallUserState.Accepted, CallUserState.Received]);
  });

  it("reaches the operator's other devices, not the one that ended it", () => {
    const { hub, alice, callID } = advancedCall();
    const bob2 = hub.login('bob');
    const bob1 = hub.login('bob');
    bob1.ok('callEnd', { callID, config: {} });
    expect(bob1.eventNames()).toEqual([]);
    expect(bob2.events('callInvitationEnded')).toHaveLength(1);
    expect(alice.events('callInvitationEnded')[0]!.operatedUserID).toBe('bob');
  });

  it('does not reach users who left the call or were never in it', () => {
    const { alice, carol, dave, callID } = advancedCall(['bob', 'carol']);
    carol.ok('callReject', { callID, config: {} });
    carol.clear();
    alice.ok('callEnd', { callID, config: {} });
    expect(carol.eventNames()).toEqual([]);
    expect(dave.eventNames()).toEqual([]);
  });

  it('is refused on a general call (6000286), to an outsider (6000274), to a user who left (6000276) and on an ended call (6000276)', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    hub.register('bob');
    const general = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.General } }).callID;
    expect(alice.fails('callEnd', { callID: general, config: {} })).toEqual({
      code: ZimErrorCode.CallAdvancedOnly,
      message: `callEnd: call ${general} is a general-mode call; callEnd needs advanced mode`,
    });
    const { bob, carol, dave, callID } = advancedCall(['bob', 'carol']);
    expect(dave.fails('callEnd', { callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
    carol.ok('callReject', { callID, config: {} });
    expect(carol.fails('callEnd', { callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    bob.ok('callEnd', { callID, config: {} });
    expect(bob.fails('callEnd', { callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
  });
});

describe('callQuit', () => {
  it('marks the user Quit; the others and the quitting device (only) are told; the call goes on', () => {
    const { hub, alice, bob, carol, callID, query } = advancedCall(['bob', 'carol']);
    const bob2 = hub.login('bob');
    bob.ok('callAccept', { callID, config: {} });
    carol.ok('callAccept', { callID, config: {} });
    for (const client of [alice, bob, bob2, carol]) client.clear();
    hub.clock.advance(2_000);
    expect(bob.ok('callQuit', { callID, config: { extendedData: 'q' } })).toEqual({
      callID, createTime: T0, acceptTime: T0, quitTime: T0 + 2_000,
    });
    const quit = { callID, callUserList: [{ userID: 'bob', state: CallUserState.Quit, extendedData: 'q' }] };
    expect(bob.events('callUserStateChanged')).toEqual([quit]);
    expect(alice.events('callUserStateChanged')).toEqual([quit]);
    expect(carol.events('callUserStateChanged')).toEqual([quit]);
    expect(bob2.eventNames()).toEqual([]);
    expect(query().state).toBe(CallState.Started);
  });

  it('ends the call when the last user quits', () => {
    const { alice, bob, callID, query } = advancedCall();
    bob.ok('callAccept', { callID, config: {} });
    bob.ok('callQuit', { callID, config: {} });
    expect(query().state).toBe(CallState.Started);
    alice.ok('callQuit', { callID, config: {} });
    expect(query().state).toBe(CallState.Ended);
  });

  it('is refused before accepting (6000270), on a general call (6000286) and to an outsider (6000274)', () => {
    const { bob, dave, callID } = advancedCall();
    const error = bob.fails('callQuit', { callID, config: {} });
    expect(error.code).toBe(ZimErrorCode.CallCommonError);
    expect(error.message).toMatch(/bob is Received in call \d+; only an Accepted user can quit/);
    expect(dave.fails('callQuit', { callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
    const hub = new TestHub();
    const alice = hub.login('alice');
    hub.register('bob');
    const general = alice.ok('callInvite', { invitees: ['bob'], config: {} }).callID;
    expect(alice.fails('callQuit', { callID: general, config: {} }).code).toBe(ZimErrorCode.CallAdvancedOnly);
  });
});

describe('callingInvite', () => {
  it('an Accepted member invites someone new: caller and inviter are kept apart', () => {
    const { alice, bob, carol, callID } = advancedCall();
    bob.ok('callAccept', { callID, config: {} });
    alice.clear();
    bob.clear();
    expect(bob.ok('callingInvite', { invitees: ['carol'], callID, config: {} })).toEqual({ callID, errorUserList: [] });
    expect(carol.events('callInvitationReceived')).toEqual([expect.objectContaining({
      callID, mode: CallMode.Advanced, caller: 'alice', inviter: 'bob', extendedData: 'hi', timeout: 60, createTime: T0,
    })]);
    const inviting = { callID, callUserList: [{ userID: 'carol', state: CallUserState.Inviting, extendedData: '' }] };
    const received = { callID, callUserList: [{ userID: 'carol', state: CallUserState.Received, extendedData: '' }] };
    expect(alice.events('callUserStateChanged')).toEqual([inviting, received]);
    expect(bob.events('callUserStateChanged')).toEqual([inviting, received]);
    const [call] = carol.ok('queryCallInvitationList', { config: { count: 1 } }).callList;
    expect(call).toMatchObject({ callID, caller: 'alice', inviter: 'bob' });
  });

  it('reports users already in the call or unknown (with reportUnknownUsers), and gives the new invitee its own timeout', () => {
    const { hub, alice, bob, carol, callID } = advancedCall(['bob'], { reportUnknownUsers: true });
    hub.clock.advance(30_000);
    const result = alice.ok('callingInvite', { invitees: ['bob', 'ghost', 'carol'], callID, config: {} });
    expect(result.errorUserList).toEqual([
      { userID: 'bob', reason: ZimErrorCode.CallUserAlreadyInTheCall },
      { userID: 'ghost', reason: ZimErrorCode.CallInviteUserDoesNotExist },
    ]);
    hub.clock.advance(30_000);
    expect(bob.events('callInvitationTimeout')).toHaveLength(1);
    expect(carol.events('callInvitationTimeout')).toHaveLength(0);
    hub.clock.advance(30_000);
    expect(carol.events('callInvitationTimeout')).toHaveLength(1);
  });

  it('can bring back a caller who quit, who then answers like any invitee', () => {
    const { alice, bob, callID } = advancedCall();
    bob.ok('callAccept', { callID, config: {} });
    alice.ok('callQuit', { callID, config: {} });
    expect(alice.fails('callAccept', { callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
    bob.ok('callingInvite', { invitees: ['alice'], callID, config: {} });
    expect(alice.events('callInvitationReceived').at(-1)).toMatchObject({ callID, caller: 'alice', inviter: 'bob' });
    alice.ok('callAccept', { callID, config: {} });
    expect(bob.events('callUserStateChanged').at(-1)!.callUserList).toEqual([{ userID: 'alice', state: CallUserState.Accepted, extendedData: '' }]);
  });

  it('caps the call at 10 participants with 6000272', () => {
    const hub = new TestHub();
    const users = Array.from({ length: 10 }, (_, i) => `user${i}`);
    hub.register(...users);
    const alice = hub.login('alice');
    const { callID } = alice.ok('callInvite', { invitees: users.slice(0, 8), config: { mode: CallMode.Advanced } });
    alice.ok('callingInvite', { invitees: ['user8'], callID, config: {} });
    const error = alice.fails('callingInvite', { invitees: ['user9'], callID, config: {} });
    expect(error.code).toBe(ZimErrorCode.CallServerError);
    expect(error.message).toContain('11 participants');
  });

  it('is refused to a member who has not accepted, to an outsider, and on a general call', () => {
    const { bob, dave, callID } = advancedCall();
    expect(bob.fails('callingInvite', { invitees: ['dave'], callID, config: {} }).code).toBe(ZimErrorCode.CallCommonError);
    expect(dave.fails('callingInvite', { invitees: ['carol'], callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
    const hub = new TestHub();
    const alice = hub.login('alice');
    hub.register('bob', 'carol');
    const general = alice.ok('callInvite', { invitees: ['bob'], config: {} }).callID;
    expect(alice.fails('callingInvite', { invitees: ['carol'], callID: general, config: {} }).code).toBe(ZimErrorCode.CallAdvancedOnly);
  });
});

describe('callJoin', () => {
  it("with ZIM's open rule, lets an outsider join an advanced call; everyone in it is told", () => {
    const { hub, alice, bob, dave, callID } = advancedCall(['bob'], { openJoin: true });
    bob.ok('callAccept', { callID, config: {} });
    alice.clear();
    bob.clear();
    hub.clock.advance(500);
    const joined = dave.ok('callJoin', { callID, config: { extendedData: 'j' } });
    expect(joined).toMatchObject({ callID, createTime: T0, joinTime: T0 + 500, extendedData: 'hi' });
    expect(joined.callUserList).toContainEqual({ userID: 'dave', state: CallUserState.Accepted, extendedData: 'j' });
    const change = { callID, callUserList: [{ userID: 'dave', state: CallUserState.Accepted, extendedData: 'j' }] };
    expect(alice.events('callUserStateChanged')).toEqual([change]);
    expect(bob.events('callUserStateChanged')).toEqual([change]);
  });

  it('refuses the device already in the call with 6000283, and silently moves the call to another device', () => {
    const { hub, alice, bob, callID } = advancedCall();
    bob.ok('callAccept', { callID, config: {} });
    expect(bob.fails('callJoin', { callID, config: {} }).code).toBe(ZimErrorCode.CallUserAlreadyInTheCall);
    const bob2 = hub.login('bob');
    alice.clear();
    bob2.ok('callJoin', { callID, config: {} });
    expect(alice.eventNames()).toEqual([]);
    bob.clear();
    alice.ok('callEnd', { callID, config: {} });
    expect(bob2.events('callInvitationEnded')).toHaveLength(1);
    expect(bob.eventNames()).toEqual([]);
  });

  it('is refused to an outsider (6000274, before the mode is checked), on a general call (6000286) and on an unknown or ended call (6000276)', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const dave = hub.login('dave');
    const bob = hub.login('bob');
    const carol = hub.login('carol');
    const general = alice.ok('callInvite', { invitees: ['bob'], config: {} }).callID;
    // An outsider learns neither that the call is general nor anything else about it.
    expect(dave.fails('callJoin', { callID: general, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
    expect(bob.fails('callJoin', { callID: general, config: {} }).code).toBe(ZimErrorCode.CallAdvancedOnly);
    expect(dave.fails('callJoin', { callID: '42', config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    const advanced = alice.ok('callInvite', { invitees: ['carol'], config: { mode: CallMode.Advanced } }).callID;
    alice.ok('callEnd', { callID: advanced, config: {} });
    expect(carol.fails('callJoin', { callID: advanced, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    expect(dave.fails('callJoin', { callID: advanced, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
  });
});
