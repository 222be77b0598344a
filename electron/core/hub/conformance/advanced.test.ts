/**
 * docs/zim-semantics.md, advanced mode: scenarios 26 to 32, 34 and 35. Scenario 33 (callJoin)
 * runs over real sockets in wire.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../../shared/protocol/errors.js';
import { T0 } from '../testkit.js';
import { callOf, cast, changed, clear, user, type Cast } from './cast.js';

const { Accepted, Inviting, Received } = CallUserState;

/** A mode-1 call from A to `invitees` (all online), everyone's frames cleared. */
function advancedCall(invitees: string[], timeout = 30): Cast & { callID: string } {
  const people = cast();
  const { callID } = people.A.ok('callInvite', { invitees, config: { mode: CallMode.Advanced, timeout, extendedData: 'adv' } });
  clear(people.A, people.B, people.C, people.D);
  return { ...people, callID };
}

describe('conformance: advanced mode', () => {
  it('scenario 26: in-call invite', () => {
    const { hub, A, B, C, D, callID } = advancedCall(['B']);
    hub.clock.advance(10_000);
    B.ok('callAccept', { callID, config: {} });
    clear(A, B);
    expect(B.ok('callingInvite', { invitees: ['C'], callID, config: {} })).toEqual({ callID, errorUserList: [] });
    expect(C.events('callInvitationReceived')).toEqual([{
      callID, mode: CallMode.Advanced, caller: 'A', inviter: 'B', extendedData: 'adv', timeout: 30, createTime: T0,
      callUserList: [user('A', Accepted), user('B', Accepted), user('C', Inviting)],
    }]);
    // Invited, then delivered: both changes reach everyone in the call.
    const expected = [changed(callID, user('C', Inviting)), changed(callID, user('C', Received))];
    expect(A.events('callUserStateChanged')).toEqual(expected);
    expect(B.events('callUserStateChanged')).toEqual(expected);
    expect(callOf(C, callID).inviter).toBe('B');
    // C's invitation runs for its own 30 s from the in-call invite, not from the call's creation.
    hub.clock.advance(29_999);
    expect(C.events('callInvitationTimeout')).toEqual([]);
    hub.clock.advance(1);
    expect(C.events('callInvitationTimeout')).toEqual([{ callID, mode: CallMode.Advanced }]);
    expect(D.frames).toEqual([]);
  });

  it('scenario 27: callingInvite from a non-Accepted user', () => {
    const { A, B, C, D, callID } = advancedCall(['B', 'C']);
    B.ok('callAccept', { callID, config: {} });
    clear(A, B, C);
    expect(C.fails('callingInvite', { invitees: ['D'], callID, config: {} }).code).toBe(ZimErrorCode.CallCommonError);
    expect(D.frames).toEqual([]);
    for (const client of [A, B, C]) expect(client.eventNames()).toEqual([]);
    expect(callOf(A, callID).callUserList.map((info) => info.userID)).toEqual(['A', 'B', 'C']);
  });

  it('scenario 28: advanced-only APIs on a general call', () => {
    // ZIM lets anyone join (--open-join), so D meets the mode check; a members-only hub tells an
    // outsider 6000274 first (advanced.test.ts).
    const { A, B, D } = cast({ openJoin: true });
    const { callID } = A.ok('callInvite', { invitees: ['B', 'C'], config: { mode: CallMode.General } });
    B.ok('callAccept', { callID, config: {} });
    clear(A, B);
    const advancedOnly = ZimErrorCode.CallAdvancedOnly;
    expect(A.fails('callingInvite', { invitees: ['D'], callID, config: {} }).code).toBe(advancedOnly);
    expect(B.fails('callQuit', { callID, config: {} }).code).toBe(advancedOnly);
    expect(A.fails('callEnd', { callID, config: {} }).code).toBe(advancedOnly);
    expect(D.fails('callJoin', { callID, config: {} }).code).toBe(advancedOnly);
    expect(A.eventNames()).toEqual([]);
    expect(B.eventNames()).toEqual([]);
    expect(callOf(A, callID).state).toBe(CallState.Started);
  });

  it('scenario 29: quit', () => {
    const { hub, A, B, C, D, callID } = advancedCall(['B']);
    hub.clock.advance(2_000);
    B.ok('callAccept', { callID, config: {} });
    hub.clock.advance(1_000);
    clear(A, B);
    expect(B.ok('callQuit', { callID, config: { extendedData: 'q' } })).toEqual({
      callID, createTime: T0, acceptTime: T0 + 2_000, quitTime: T0 + 3_000,
    });
    const quit = changed(callID, user('B', CallUserState.Quit, 'q'));
    expect(B.events('callUserStateChanged')).toEqual([quit]);
    expect(A.events('callUserStateChanged')).toEqual([quit]);
    expect(callOf(A, callID).state).toBe(CallState.Started);
    A.ok('callingInvite', { invitees: ['C'], callID, config: {} });
    expect(C.events('callInvitationReceived')).toHaveLength(1);
    expect(D.frames).toEqual([]);
  });

  it('scenario 30: end', () => {
    const { hub, A, B, C, D, callID } = advancedCall(['B', 'C']);
    B.ok('callAccept', { callID, config: {} });
    hub.clock.advance(4_000);
    clear(A, B, C);
    const endTime = T0 + 4_000;
    expect(A.ok('callEnd', { callID, config: { extendedData: 'e' } })).toEqual({ callID, createTime: T0, acceptTime: T0, endTime });
    const ended = { callID, mode: CallMode.Advanced, caller: 'A', operatedUserID: 'A', extendedData: 'e', endTime };
    expect(B.events('callInvitationEnded')).toEqual([ended]);
    expect(C.events('callInvitationEnded')).toEqual([ended]);
    // Nobody's state changes but the operator's (C5), and nobody gets a state change for it.
    for (const client of [A, B, C]) expect(client.events('callUserStateChanged')).toEqual([]);
    expect(callOf(B, callID)).toMatchObject({
      state: CallState.Ended, endTime,
      callUserList: [user('A', CallUserState.Ended, 'e'), user('B', Accepted), user('C', Received)],
    });
    // The call is over for those who were still in it too.
    expect(C.fails('callAccept', { callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    expect(D.frames).toEqual([]);
  });

  it('scenario 31: advanced timeout does not end the call', () => {
    const { hub, A, B, C, D, callID } = advancedCall(['B', 'C'], 5);
    B.ok('callAccept', { callID, config: {} });
    clear(A, B);
    hub.clock.advance(5_000);
    expect(C.events('callInvitationTimeout')).toEqual([{ callID, mode: CallMode.Advanced }]);
    const timeout = changed(callID, user('C', CallUserState.Timeout));
    expect(A.eventNames()).toEqual(['callUserStateChanged']);
    expect(B.eventNames()).toEqual(['callUserStateChanged']);
    expect(A.events('callUserStateChanged')).toEqual([timeout]);
    expect(B.events('callUserStateChanged')).toEqual([timeout]);
    hub.clock.advance(60_000);
    expect(callOf(A, callID)).toMatchObject({ state: CallState.Started, endTime: 0 });
    A.ok('callEnd', { callID, config: {} });
    expect(B.events('callInvitationEnded')).toHaveLength(1);
    expect(C.events('callInvitationEnded')).toEqual([]);
    expect(D.frames).toEqual([]);
  });

  it('scenario 32: partial cancel (2.16+)', () => {
    const first = advancedCall(['B', 'C']);
    const { A, B, C, D } = first;
    expect(A.ok('callCancel', { invitees: ['B'], callID: first.callID, config: { extendedData: 'not you' } }))
      .toEqual({ callID: first.callID, errorInvitees: [] });
    expect(B.events('callInvitationCancelled')).toEqual([
      { callID: first.callID, mode: CallMode.Advanced, inviter: 'A', extendedData: 'not you' },
    ]);
    expect(C.events('callInvitationCancelled')).toEqual([]);
    expect(C.events('callUserStateChanged')).toEqual([changed(first.callID, user('B', CallUserState.BeCancelled))]);
    expect(C.ok('callAccept', { callID: first.callID, config: {} })).toEqual({ callID: first.callID });
    // The empty-list cancel needs nobody to have accepted, so it gets a call of its own.
    const { callID } = A.ok('callInvite', { invitees: ['B', 'C'], config: { mode: CallMode.Advanced } });
    A.ok('callCancel', { invitees: ['B'], callID, config: {} });
    clear(B, C);
    expect(A.ok('callCancel', { invitees: [], callID, config: { extendedData: 'all' } })).toEqual({ callID, errorInvitees: [] });
    expect(C.events('callInvitationCancelled')).toEqual([{ callID, mode: CallMode.Advanced, inviter: 'A', extendedData: 'all' }]);
    expect(B.eventNames()).toEqual([]);
    expect(callOf(A, callID)).toMatchObject({
      state: CallState.Ended,
      callUserList: [user('A', CallUserState.Cancelled, 'all'), user('B', CallUserState.BeCancelled), user('C', CallUserState.BeCancelled)],
    });
    expect(D.frames).toEqual([]);
  });

  it('scenario 34: join from the current primary device', () => {
    const { A, B, callID } = advancedCall(['B']);
    B.ok('callAccept', { callID, config: {} });
    clear(A, B);
    expect(B.fails('callJoin', { callID, config: {} }).code).toBe(ZimErrorCode.CallUserAlreadyInTheCall);
    expect(A.eventNames()).toEqual([]);
    expect(B.eventNames()).toEqual([]);
  });

  it('scenario 35: 1v1 busy decline via callEnd', () => {
    const { A, B, D, callID } = advancedCall(['B']);
    const { endTime } = B.ok('callEnd', { callID, config: { extendedData: 'busy' } });
    expect(A.events('callInvitationEnded')).toEqual([
      { callID, mode: CallMode.Advanced, caller: 'A', operatedUserID: 'B', extendedData: 'busy', endTime },
    ]);
    expect(callOf(A, callID)).toMatchObject({
      state: CallState.Ended, callUserList: [user('A', Accepted), user('B', CallUserState.Ended, 'busy')],
    });
    expect(D.frames).toEqual([]);
  });
});
