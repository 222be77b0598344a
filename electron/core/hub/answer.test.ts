import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { TestHub } from './testkit.js';

function generalCall(invitees = ['bob'], timeout = 30) {
  const hub = new TestHub();
  const alice = hub.login('alice');
  const bob = hub.login('bob');
  const carol = hub.login('carol');
  const dave = hub.login('dave');
  const { callID } = alice.ok('callInvite', { invitees, config: { mode: CallMode.General, timeout } });
  for (const client of [alice, bob, carol, dave]) client.clear();
  const state = (userID = 'alice') =>
    hub.login(userID).ok('queryCallInvitationList', { config: { count: 1 } }).callList.find((call) => call.callID === callID)!;
  return { hub, alice, bob, carol, dave, callID, state };
}

describe('callAccept and callReject', () => {
  it('accept: callUserStateChanged to the caller and the deprecated callInvitationAccepted (general)', () => {
    const { alice, bob, callID, state } = generalCall();
    expect(bob.ok('callAccept', { callID, config: { extendedData: 'ok' } })).toEqual({ callID });
    const accepted = { callID, callUserList: [{ userID: 'bob', state: CallUserState.Accepted, extendedData: 'ok' }] };
    expect(alice.eventNames()).toEqual(['callUserStateChanged', 'callInvitationAccepted']);
    expect(alice.events('callUserStateChanged')).toEqual([accepted]);
    expect(alice.events('callInvitationAccepted')).toEqual([{ callID, invitee: 'bob', extendedData: 'ok' }]);
    expect(state().state).toBe(CallState.Ended);
  });

  it('reject: callUserStateChanged and callInvitationRejected; the 1v1 general call ends', () => {
    const { alice, bob, callID, state } = generalCall();
    bob.ok('callReject', { callID, config: { extendedData: 'no' } });
    expect(alice.events('callUserStateChanged')[0]!.callUserList).toEqual([{ userID: 'bob', state: CallUserState.Rejected, extendedData: 'no' }]);
    expect(alice.events('callInvitationRejected')).toEqual([{ callID, invitee: 'bob', extendedData: 'no' }]);
    expect(state()).toMatchObject({ state: CallState.Ended, endTime: expect.any(Number) });
  });

  it('keeps a multi-party general call Started until every invitee has answered', () => {
    const { bob, carol, callID, state } = generalCall(['bob', 'carol']);
    bob.ok('callAccept', { callID, config: {} });
    expect(state()).toMatchObject({ state: CallState.Started, endTime: 0 });
    expect(carol.events('callUserStateChanged')[0]!.callUserList[0]).toMatchObject({ userID: 'bob', state: CallUserState.Accepted });
    carol.ok('callReject', { callID, config: {} });
    expect(state().state).toBe(CallState.Ended);
  });

  it('refuses an outsider with 6000274, the caller with 6000274 and an unknown call with 6000276', () => {
    const { alice, dave, callID } = generalCall();
    const outsider = dave.fails('callAccept', { callID, config: {} });
    expect(outsider.code).toBe(ZimErrorCode.CallIsNotInvitee);
    expect(outsider.message).toBe(`callAccept: dave is not in call ${callID}`);
    expect(dave.fails('callReject', { callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
    expect(alice.fails('callAccept', { callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
    expect(dave.fails('callAccept', { callID: '999', config: {} })).toEqual({
      code: ZimErrorCode.CallDoesNotExist, message: 'callAccept: call 999 does not exist',
    });
    expect(dave.frames.filter((frame) => frame.event)).toEqual([]);
  });

  it('refuses to answer twice or after the call ended with 6000276', () => {
    const { bob, callID } = generalCall();
    bob.ok('callAccept', { callID, config: {} });
    expect(bob.fails('callReject', { callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    expect(bob.fails('callAccept', { callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
  });
});

describe('multi-device', () => {
  it('an accept on one device is seen by the other; the call then follows the accepting device only', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob1 = hub.login('bob');
    const bob2 = hub.login('bob');
    const carol = hub.login('carol');
    const { callID } = alice.ok('callInvite', { invitees: ['bob', 'carol'], config: { mode: CallMode.Advanced } });
    expect(bob1.events('callInvitationReceived')).toHaveLength(1);
    expect(bob2.events('callInvitationReceived')).toHaveLength(1);
    bob1.clear();
    bob2.clear();
    bob1.ok('callAccept', { callID, config: {} });
    const accepted = { callID, callUserList: [{ userID: 'bob', state: CallUserState.Accepted, extendedData: '' }] };
    expect(bob2.events('callUserStateChanged')).toEqual([accepted]);
    expect(bob2.fails('callAccept', { callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    bob1.clear();
    bob2.clear();
    carol.ok('callReject', { callID, config: {} });
    expect(bob1.events('callUserStateChanged')).toHaveLength(1);
    expect(bob2.eventNames()).toEqual([]);
  });

  it('a reject on one device is seen by the other', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob1 = hub.login('bob');
    const bob2 = hub.login('bob');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: {} });
    bob2.clear();
    bob1.ok('callReject', { callID, config: {} });
    expect(bob2.events('callUserStateChanged')[0]!.callUserList).toEqual([{ userID: 'bob', state: CallUserState.Rejected, extendedData: '' }]);
  });
});

describe('callCancel', () => {
  it('general: cancels the invitation; the invitee gets callInvitationCancelled and can no longer accept', () => {
    const { hub, alice, bob, callID } = generalCall();
    expect(alice.ok('callCancel', { invitees: ['bob'], callID, config: { extendedData: 'bye' } })).toEqual({ callID, errorInvitees: [] });
    expect(bob.events('callInvitationCancelled')).toEqual([{ callID, mode: CallMode.General, inviter: 'alice', extendedData: 'bye' }]);
    expect(bob.fails('callAccept', { callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    const [call] = alice.ok('queryCallInvitationList', { config: { count: 1 } }).callList;
    expect(call!.callUserList).toEqual([
      { userID: 'alice', state: CallUserState.Cancelled, extendedData: 'bye' },
      { userID: 'bob', state: CallUserState.BeCancelled, extendedData: '' },
    ]);
    expect(hub.clock.pendingTimers).toBe(0);
  });

  it('general: cancels every pending invitee whatever the list says, and reports listed users it could not cancel', () => {
    const { alice, bob, carol, callID } = generalCall(['bob', 'carol']);
    expect(alice.ok('callCancel', { invitees: ['bob', 'zed'], callID, config: {} }).errorInvitees).toEqual(['zed']);
    expect(bob.events('callInvitationCancelled')).toHaveLength(1);
    expect(carol.events('callInvitationCancelled')).toHaveLength(1);
  });

  it('refuses a non-caller (invitee or outsider) with 6000273', () => {
    const { bob, dave, callID } = generalCall();
    expect(bob.fails('callCancel', { invitees: ['bob'], callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInviter);
    const error = dave.fails('callCancel', { invitees: [], callID, config: {} });
    expect(error).toEqual({ code: ZimErrorCode.CallIsNotInviter, message: `callCancel: dave is not the caller of call ${callID}` });
  });

  it('refuses once an invitee accepted with 6000271', () => {
    const { alice, bob, carol, callID } = generalCall(['bob', 'carol']);
    bob.ok('callAccept', { callID, config: {} });
    expect(alice.fails('callCancel', { invitees: ['carol'], callID, config: {} }).code).toBe(ZimErrorCode.CallCancelAfterAccept);
    expect(carol.events('callInvitationCancelled')).toEqual([]);
  });

  it('fails with 6000276 after the timeout', () => {
    const { hub, alice, callID } = generalCall(['bob'], 3);
    hub.clock.advance(3_000);
    expect(alice.fails('callCancel', { invitees: ['bob'], callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
  });

  it('advanced: cancels only the listed invitees, then everyone pending with an empty list', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const carol = hub.login('carol');
    const { callID } = alice.ok('callInvite', { invitees: ['bob', 'carol'], config: { mode: CallMode.Advanced } });
    carol.clear();
    alice.ok('callCancel', { invitees: ['bob'], callID, config: { extendedData: 'not you' } });
    expect(bob.events('callInvitationCancelled')).toEqual([{ callID, mode: CallMode.Advanced, inviter: 'alice', extendedData: 'not you' }]);
    expect(carol.events('callUserStateChanged')).toEqual([
      { callID, callUserList: [{ userID: 'bob', state: CallUserState.BeCancelled, extendedData: '' }] },
    ]);
    carol.ok('callAccept', { callID, config: {} });
    const dave = hub.login('dave');
    alice.ok('callingInvite', { invitees: ['dave'], callID, config: {} });
    expect(alice.fails('callCancel', { invitees: [], callID, config: {} }).code).toBe(ZimErrorCode.CallCancelAfterAccept);
    expect(alice.fails('callCancel', { invitees: ['carol'], callID, config: {} }).code).toBe(ZimErrorCode.CallCancelAfterAccept);
    alice.ok('callCancel', { invitees: ['dave'], callID, config: {} });
    expect(dave.events('callInvitationCancelled')).toHaveLength(1);
  });

  it('advanced: an empty list cancels every pending invitee and ends the call', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const carol = hub.login('carol');
    const { callID } = alice.ok('callInvite', { invitees: ['bob', 'carol'], config: { mode: CallMode.Advanced } });
    alice.ok('callCancel', { invitees: [], callID, config: {} });
    expect(bob.events('callInvitationCancelled')).toHaveLength(1);
    expect(carol.events('callInvitationCancelled')).toHaveLength(1);
    expect(alice.fails('callEnd', { callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
  });

  it('advanced 1v1: cancelling the only invitee ends the call instead of leaving the caller alone in it', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    hub.register('bob');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    alice.ok('callCancel', { invitees: ['bob'], callID, config: {} });
    const [call] = alice.ok('queryCallInvitationList', { config: { count: 1 } }).callList;
    expect(call).toMatchObject({ state: CallState.Ended });
    expect(call!.callUserList[0]!.state).toBe(CallUserState.Cancelled);
  });
});

describe('timeouts', () => {
  it('general 1v1: the invitee gets callInvitationTimeout; the caller a state change and callInviteesAnsweredTimeout; the call ends', () => {
    const { hub, alice, bob, callID, state } = generalCall(['bob'], 3);
    hub.clock.advance(2_999);
    expect(bob.eventNames()).toEqual([]);
    hub.clock.advance(1);
    expect(bob.eventNames()).toEqual(['callInvitationTimeout']);
    expect(bob.events('callInvitationTimeout')).toEqual([{ callID, mode: CallMode.General }]);
    expect(alice.eventNames()).toEqual(['callUserStateChanged', 'callInviteesAnsweredTimeout']);
    expect(alice.events('callUserStateChanged')[0]!.callUserList).toEqual([{ userID: 'bob', state: CallUserState.Timeout, extendedData: '' }]);
    expect(alice.events('callInviteesAnsweredTimeout')).toEqual([{ callID, invitees: ['bob'] }]);
    expect(state().state).toBe(CallState.Ended);
    expect(bob.fails('callAccept', { callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
  });

  it('multi-party: the silent invitee times out, the one who accepted is told', () => {
    const { hub, alice, bob, carol, callID } = generalCall(['bob', 'carol'], 5);
    hub.clock.advance(1_000);
    bob.ok('callAccept', { callID, config: {} });
    bob.clear();
    hub.clock.advance(4_000);
    expect(carol.events('callInvitationTimeout')).toHaveLength(1);
    const timedOut = { callID, callUserList: [{ userID: 'carol', state: CallUserState.Timeout, extendedData: '' }] };
    expect(bob.events('callUserStateChanged')).toEqual([timedOut]);
    expect(alice.events('callUserStateChanged').at(-1)).toEqual(timedOut);
  });

  it('advanced: a timeout does not end the call, and sends no deprecated event', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const carol = hub.login('carol');
    const { callID } = alice.ok('callInvite', { invitees: ['bob', 'carol'], config: { mode: CallMode.Advanced, timeout: 5 } });
    bob.ok('callAccept', { callID, config: {} });
    alice.clear();
    hub.clock.advance(5_000);
    expect(carol.events('callInvitationTimeout')).toEqual([{ callID, mode: CallMode.Advanced }]);
    expect(alice.eventNames()).toEqual(['callUserStateChanged']);
    expect(alice.ok('queryCallInvitationList', { config: { count: 1 } }).callList[0]!.state).toBe(CallState.Started);
  });

  it('clears its timers when the call ends', () => {
    const { hub, bob, callID } = generalCall(['bob'], 30);
    expect(hub.clock.pendingTimers).toBe(1);
    bob.ok('callReject', { callID, config: {} });
    expect(hub.clock.pendingTimers).toBe(0);
  });
});
