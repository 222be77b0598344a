/**
 * docs/zim-semantics.md, offline invitees and the delivery check: scenarios 20 to 23 and 25.
 * B has logged in before (so it can be invited) and is offline when the scenario starts.
 * Scenario 24 (the caller going away) runs over real sockets in wire.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../../shared/calls/enums.js';
import { TestHub, T0, type TestClient } from '../testkit.js';
import { callOf, changed, comeOnline, user } from './cast.js';

const { Accepted, Inviting, Received } = CallUserState;

function withOfflineB(): { hub: TestHub; A: TestClient; D: TestClient } {
  const hub = new TestHub();
  hub.register('B');
  return { hub, A: hub.login('A'), D: hub.login('D') };
}

describe('conformance: offline invitees and the delivery check', () => {
  it('scenario 20: offline, logs in within the timeout', () => {
    const { hub, A, D } = withOfflineB();
    const { callID } = A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.General, timeout: 60, extendedData: 'x' } });
    A.clear();
    hub.clock.advance(5_000);
    expect(A.eventNames()).toEqual([]);
    const B = comeOnline(hub, 'B');
    expect(B.frames[0]).toMatchObject({ id: 1, result: { userID: 'B' } });
    expect(B.events('callInvitationReceived')).toEqual([{
      callID, mode: CallMode.General, caller: 'A', inviter: 'A', extendedData: 'x', timeout: 55, createTime: T0,
      callUserList: [user('A', Accepted), user('B', Inviting)],
    }]);
    expect(A.events('callUserStateChanged')).toEqual([changed(callID, user('B', Received))]);
    expect(D.frames).toEqual([]);
  });

  it('scenario 21: offline, logs in after the timeout', () => {
    const { hub, A } = withOfflineB();
    const { callID } = A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.General, timeout: 3 } });
    hub.clock.advance(10_000);
    const B = comeOnline(hub, 'B');
    expect(B.eventNames()).toEqual([]);
    const call = callOf(B, callID);
    expect(call.state).toBe(CallState.Ended);
    expect(call.callUserList).toEqual([user('A', Accepted), user('B', CallUserState.Timeout)]);
  });

  it('scenario 22: NotYetReceived check', () => {
    const { hub, A, D } = withOfflineB();
    const { callID } = A.ok('callInvite', { invitees: ['B'], config: { timeout: 60, enableNotReceivedCheck: true } });
    A.clear();
    hub.clock.advance(4_999);
    expect(A.eventNames()).toEqual([]);
    hub.clock.advance(1);
    expect(A.events('callUserStateChanged')).toEqual([changed(callID, user('B', CallUserState.NotYetReceived))]);
    hub.clock.advance(15_000);
    A.clear();
    const B = comeOnline(hub, 'B');
    expect(A.events('callUserStateChanged')).toEqual([changed(callID, user('B', Received))]);
    expect(B.events('callInvitationReceived')).toEqual([expect.objectContaining({ callID, timeout: 40 })]);
    expect(D.frames).toEqual([]);
  });

  it('scenario 23: no check by default', () => {
    const { hub, A } = withOfflineB();
    const { callID } = A.ok('callInvite', { invitees: ['B'], config: { timeout: 60 } });
    A.clear();
    hub.clock.advance(10_000);
    expect(A.eventNames()).toEqual([]);
    expect(callOf(A, callID).callUserList).toEqual([user('A', Accepted), user('B', Inviting)]);
  });

  it('scenario 25: offline invitee misses a cancel', () => {
    const { hub, A } = withOfflineB();
    const { callID } = A.ok('callInvite', { invitees: ['B'], config: { timeout: 60 } });
    A.ok('callCancel', { invitees: ['B'], callID, config: {} });
    hub.clock.advance(5_000);
    const B = comeOnline(hub, 'B');
    expect(B.eventNames()).toEqual([]);
    expect(callOf(B, callID).callUserList).toEqual([user('A', CallUserState.Cancelled), user('B', CallUserState.BeCancelled)]);
    // Advanced mode: a partial cancel keeps the call going, and still B is not told about it.
    B.close();
    hub.login('C');
    const advanced = A.ok('callInvite', { invitees: ['B', 'C'], config: { mode: CallMode.Advanced, timeout: 60 } }).callID;
    A.ok('callCancel', { invitees: ['B'], callID: advanced, config: {} });
    const again = comeOnline(hub, 'B');
    expect(again.eventNames()).toEqual([]);
    expect(callOf(again, advanced).state).toBe(CallState.Started);
  });
});
