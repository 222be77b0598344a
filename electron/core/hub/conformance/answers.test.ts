/**
 * docs/zim-semantics.md, accept, reject and cancel: scenarios 11, 12 and 14 to 16. Scenario 13
 * runs over real sockets in wire.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../../shared/protocol/errors.js';
import { T0 } from '../testkit.js';
import { callOf, cast, changed, clear, user } from './cast.js';

const { Accepted, Rejected, Received } = CallUserState;

/** Scenario 1's call, A to B in general mode, with everyone's frames cleared. */
function generalCall() {
  const people = cast();
  const { callID } = people.A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.General, timeout: 30, extendedData: 'x' } });
  clear(people.A, people.B, people.C, people.D);
  return { ...people, callID };
}

describe('conformance: accept, reject and cancel (general mode)', () => {
  it('scenario 11: accept', () => {
    const { A, B, D, callID } = generalCall();
    expect(B.ok('callAccept', { callID, config: { extendedData: 'ok' } })).toEqual({ callID });
    expect(A.eventNames()).toEqual(['callUserStateChanged', 'callInvitationAccepted']);
    expect(A.events('callUserStateChanged')).toEqual([changed(callID, user('B', Accepted, 'ok'))]);
    expect(A.events('callInvitationAccepted')).toEqual([{ callID, invitee: 'B', extendedData: 'ok' }]);
    expect(D.frames).toEqual([]);
  });

  it('scenario 12: reject', () => {
    const { hub, A, B, D, callID } = generalCall();
    hub.clock.advance(2_000);
    expect(B.ok('callReject', { callID, config: { extendedData: 'no' } })).toEqual({ callID });
    expect(A.events('callUserStateChanged')).toEqual([changed(callID, user('B', Rejected, 'no'))]);
    expect(A.events('callInvitationRejected')).toEqual([{ callID, invitee: 'B', extendedData: 'no' }]);
    expect(D.frames).toEqual([]);
    // Every invitee has answered, so the general call is over.
    expect(callOf(A, callID)).toMatchObject({ state: CallState.Ended, endTime: T0 + 2_000 });
  });

  it('scenario 14: cancel by a non-caller', () => {
    const { A, B, D, callID } = generalCall();
    expect(B.fails('callCancel', { invitees: ['B'], callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInviter);
    expect(D.fails('callCancel', { invitees: ['B'], callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInviter);
    expect(A.eventNames()).toEqual([]);
    expect(B.eventNames()).toEqual([]);
    expect(callOf(A, callID).callUserList).toEqual([user('A', Accepted), user('B', Received)]);
  });

  it('scenario 15: cancel after accept', () => {
    // General 1v1: B's accept also ends the call, and the cancel still reports the accept.
    const { A, B, D, callID } = generalCall();
    B.ok('callAccept', { callID, config: {} });
    clear(A, B);
    expect(A.fails('callCancel', { invitees: ['B'], callID, config: {} }).code).toBe(ZimErrorCode.CallCancelAfterAccept);
    expect(A.fails('callCancel', { invitees: [], callID, config: {} }).code).toBe(ZimErrorCode.CallCancelAfterAccept);
    // Advanced 1v1: the call goes on after the accept.
    const advanced = A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.Advanced } }).callID;
    B.ok('callAccept', { callID: advanced, config: {} });
    clear(A, B);
    expect(A.fails('callCancel', { invitees: ['B'], callID: advanced, config: {} }).code).toBe(ZimErrorCode.CallCancelAfterAccept);
    expect(A.fails('callCancel', { invitees: [], callID: advanced, config: {} }).code).toBe(ZimErrorCode.CallCancelAfterAccept);
    expect(B.eventNames()).toEqual([]);
    expect(callOf(B, advanced)).toMatchObject({ state: CallState.Started });
    expect(D.frames).toEqual([]);
  });

  it('scenario 16: uninvited accept or reject', () => {
    const { A, B, D, callID } = generalCall();
    expect(D.fails('callAccept', { callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
    expect(D.fails('callReject', { callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
    expect(A.eventNames()).toEqual([]);
    expect(B.eventNames()).toEqual([]);
    expect(callOf(A, callID).callUserList).toEqual([user('A', Accepted), user('B', Received)]);
  });
});
