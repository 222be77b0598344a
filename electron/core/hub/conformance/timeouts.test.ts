/** docs/zim-semantics.md, timeouts: scenarios 17 to 19, on the fake clock. */
import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../../shared/protocol/errors.js';
import { T0 } from '../testkit.js';
import { callOf, cast, changed, clear, user, type Cast } from './cast.js';

const { Timeout } = CallUserState;

/** Scenario 17 up to the moment of the timeout. */
function timedOut(): Cast & { callID: string } {
  const people = cast();
  const { hub, A, B, C, D } = people;
  const { callID } = A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.General, timeout: 3 } });
  clear(A, B, C, D);
  hub.clock.advance(2_999);
  expect(A.eventNames()).toEqual([]);
  expect(B.eventNames()).toEqual([]);
  hub.clock.advance(1);
  return { ...people, callID };
}

describe('conformance: timeouts', () => {
  it('scenario 17: general invitee timeout', () => {
    const { A, B, C, D, callID } = timedOut();
    expect(B.events('callInvitationTimeout')).toEqual([{ callID, mode: CallMode.General }]);
    // The timed-out user learns it from callInvitationTimeout, not from its own state change (C8).
    expect(B.eventNames()).toEqual(['callInvitationTimeout']);
    expect(A.eventNames()).toEqual(['callUserStateChanged', 'callInviteesAnsweredTimeout']);
    expect(A.events('callUserStateChanged')).toEqual([changed(callID, user('B', Timeout))]);
    expect(A.events('callInviteesAnsweredTimeout')).toEqual([{ callID, invitees: ['B'] }]);
    expect(callOf(A, callID)).toMatchObject({ state: CallState.Ended, endTime: T0 + 3_000 });
    expect(C.frames).toEqual([]);
    expect(D.frames).toEqual([]);
  });

  it('scenario 18: late operations after timeout', () => {
    const { A, B, callID } = timedOut();
    clear(A, B);
    expect(B.fails('callAccept', { callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    expect(B.fails('callReject', { callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    expect(A.fails('callCancel', { invitees: ['B'], callID, config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    expect(A.eventNames()).toEqual([]);
    expect(B.eventNames()).toEqual([]);
  });

  it('scenario 19: multi-party partial timeout', () => {
    const { hub, A, B, C, D } = cast();
    const { callID } = A.ok('callInvite', { invitees: ['B', 'C'], config: { mode: CallMode.General, timeout: 5 } });
    hub.clock.advance(1_000);
    B.ok('callAccept', { callID, config: {} });
    clear(A, B, C, D);
    hub.clock.advance(3_999);
    expect(C.eventNames()).toEqual([]);
    hub.clock.advance(1);
    expect(C.events('callInvitationTimeout')).toEqual([{ callID, mode: CallMode.General }]);
    expect(A.events('callUserStateChanged')).toEqual([changed(callID, user('C', Timeout))]);
    expect(B.events('callUserStateChanged')).toEqual([changed(callID, user('C', Timeout))]);
    expect(B.eventNames()).toEqual(['callUserStateChanged']);
    expect(D.frames).toEqual([]);
    expect(callOf(B, callID).callUserList).toEqual([
      user('A', CallUserState.Accepted), user('B', CallUserState.Accepted), user('C', Timeout),
    ]);
  });
});
