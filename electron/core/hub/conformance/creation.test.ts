/**
 * docs/zim-semantics.md, creation and delivery: scenarios 1, 4 and 5. Scenario 2 runs over
 * real sockets in wire.test.ts; scenario 3 belongs to client adapters (docs/protocol.md).
 */
import { describe, expect, it } from 'vitest';
import { CallMode, CallUserState } from '../../../../shared/calls/enums.js';
import { T0 } from '../testkit.js';
import { cast, clear, user } from './cast.js';

const { Accepted, Inviting } = CallUserState;

describe('conformance: creation and delivery', () => {
  it('scenario 1: create a general 1v1 call', () => {
    const { A, B, C, D } = cast();
    const sent = A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.General, timeout: 30, extendedData: 'x' } });
    expect(sent).toEqual({ callID: expect.stringMatching(/^\d{1,20}$/), timeout: 30, errorUserList: [] });
    const { callID } = sent;
    const callUserList = [user('A', Accepted), user('B', Inviting)];
    expect(A.events('callInvitationCreated')).toEqual([
      { callID, mode: CallMode.General, caller: 'A', extendedData: 'x', timeout: 30, createTime: T0, callUserList },
    ]);
    expect(B.events('callInvitationReceived')).toEqual([
      { callID, mode: CallMode.General, caller: 'A', inviter: 'A', extendedData: 'x', timeout: 30, createTime: T0, callUserList },
    ]);
    // The reply leads, and callInvitationCreated follows it directly on the calling connection.
    expect(A.frames[0]).toEqual({ id: 2, result: sent });
    expect(A.frames[1]).toMatchObject({ event: 'callInvitationCreated' });
    expect(C.frames).toEqual([]);
    expect(D.frames).toEqual([]);
  });

  it('scenario 4: outsiders get nothing', () => {
    const { hub, A, B, D } = cast();
    // Every kind of event the hub sends, each caused once while D watches.
    const cancelled = A.ok('callInvite', { invitees: ['B'], config: {} }).callID;
    A.ok('callCancel', { invitees: ['B'], callID: cancelled, config: {} });
    const ended = A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.Advanced } }).callID;
    B.ok('callAccept', { callID: ended, config: {} });
    A.ok('callEnd', { callID: ended, config: {} });
    const accepted = A.ok('callInvite', { invitees: ['B'], config: {} }).callID;
    B.ok('callAccept', { callID: accepted, config: {} });
    const rejected = A.ok('callInvite', { invitees: ['B'], config: {} }).callID;
    B.ok('callReject', { callID: rejected, config: {} });
    A.ok('callInvite', { invitees: ['B'], config: { timeout: 1 } });
    hub.clock.advance(1_000);
    expect(new Set(B.eventNames())).toEqual(
      new Set(['callInvitationReceived', 'callUserStateChanged', 'callInvitationCancelled', 'callInvitationEnded', 'callInvitationTimeout']),
    );
    expect(new Set(A.eventNames())).toEqual(
      new Set(['callInvitationCreated', 'callUserStateChanged', 'callInvitationAccepted', 'callInvitationRejected', 'callInviteesAnsweredTimeout']),
    );
    expect(D.frames).toEqual([]);
    expect(D.ok('queryCallInvitationList', { config: { count: 10 } })).toEqual({ callList: [], nextFlag: 0 });
  });

  it('scenario 5: default timeout', () => {
    const { hub, A, B } = cast();
    const sent = A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.General, extendedData: '' } });
    expect(sent.timeout).toBe(90);
    expect(B.events('callInvitationReceived')).toEqual([expect.objectContaining({ callID: sent.callID, timeout: 90 })]);
    clear(A, B);
    hub.clock.advance(89_999);
    expect(B.eventNames()).toEqual([]);
    hub.clock.advance(1);
    expect(B.events('callInvitationTimeout')).toEqual([{ callID: sent.callID, mode: CallMode.General }]);
  });
});
