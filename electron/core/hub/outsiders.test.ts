/**
 * A user acting on a call they do not belong to: one test per method. Each checks the error, and
 * that the call and its members are untouched (nobody got an event, the states did not move).
 */
import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import type { HubMethod } from '../../../shared/protocol/hub.js';
import { TestHub, type TestClient } from './testkit.js';

/** alice calls bob (bob ringing, or connected when `accepted`); dave is the outsider. */
function callWithOutsider(
  mode: typeof CallMode.General | typeof CallMode.Advanced,
  accepted: boolean,
  options: { openJoin?: boolean } = {},
): { hub: TestHub; callID: string; alice: TestClient; bob: TestClient; dave: TestClient } {
  const hub = new TestHub(options);
  const alice = hub.login('alice');
  const bob = hub.login('bob');
  const dave = hub.login('dave');
  const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode } });
  if (accepted) bob.ok('callAccept', { callID, config: {} });
  alice.clear();
  bob.clear();
  return { hub, callID, alice, bob, dave };
}

function expectUntouched(alice: TestClient, bob: TestClient, callID: string, bobState: CallUserState): void {
  expect(alice.eventNames()).toEqual([]);
  expect(bob.eventNames()).toEqual([]);
  const [call] = alice.ok('queryCallInvitationList', { config: { count: 1 } }).callList;
  expect(call).toMatchObject({ callID, state: CallState.Started });
  expect(call!.callUserList.map((user) => [user.userID, user.state])).toEqual([
    ['alice', CallUserState.Accepted],
    ['bob', bobState],
  ]);
}

describe('a user who does not belong to a call', () => {
  it('cannot cancel it: callCancel fails with 6000273', () => {
    const { callID, alice, bob, dave } = callWithOutsider(CallMode.Advanced, false);
    expect(dave.fails('callCancel', { invitees: ['bob'], callID, config: {} })).toEqual({
      code: ZimErrorCode.CallIsNotInviter,
      message: `callCancel: dave is not the caller of call ${callID}`,
    });
    expect(dave.fails('callCancel', { invitees: [], callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInviter);
    expectUntouched(alice, bob, callID, CallUserState.Received);
  });

  it('cannot accept it: callAccept fails with 6000274', () => {
    const { callID, alice, bob, dave } = callWithOutsider(CallMode.General, false);
    expect(dave.fails('callAccept', { callID, config: {} })).toEqual({
      code: ZimErrorCode.CallIsNotInvitee,
      message: `callAccept: dave is not in call ${callID}`,
    });
    expectUntouched(alice, bob, callID, CallUserState.Received);
  });

  it('cannot reject it: callReject fails with 6000274', () => {
    const { callID, alice, bob, dave } = callWithOutsider(CallMode.General, false);
    expect(dave.fails('callReject', { callID, config: {} })).toEqual({
      code: ZimErrorCode.CallIsNotInvitee,
      message: `callReject: dave is not in call ${callID}`,
    });
    expectUntouched(alice, bob, callID, CallUserState.Received);
  });

  it('cannot end it: callEnd fails with 6000274', () => {
    const { callID, alice, bob, dave } = callWithOutsider(CallMode.Advanced, true);
    expect(dave.fails('callEnd', { callID, config: {} })).toEqual({
      code: ZimErrorCode.CallIsNotInvitee,
      message: `callEnd: dave is not in call ${callID}`,
    });
    expectUntouched(alice, bob, callID, CallUserState.Accepted);
  });

  it('cannot quit it: callQuit fails with 6000274', () => {
    const { callID, alice, bob, dave } = callWithOutsider(CallMode.Advanced, true);
    expect(dave.fails('callQuit', { callID, config: {} })).toEqual({
      code: ZimErrorCode.CallIsNotInvitee,
      message: `callQuit: dave is not in call ${callID}`,
    });
    expectUntouched(alice, bob, callID, CallUserState.Accepted);
  });

  it('cannot invite others into it: callingInvite fails with 6000274', () => {
    const { hub, callID, alice, bob, dave } = callWithOutsider(CallMode.Advanced, true);
    hub.register('erin');
    expect(dave.fails('callingInvite', { invitees: ['erin'], callID, config: {} })).toEqual({
      code: ZimErrorCode.CallIsNotInvitee,
      message: `callingInvite: dave is not in call ${callID}`,
    });
    expectUntouched(alice, bob, callID, CallUserState.Accepted);
  });

  it('cannot send media signals in it: callMediaSignal fails with 6000274', () => {
    const { callID, alice, bob, dave } = callWithOutsider(CallMode.Advanced, true);
    const signal = { description: { type: 'offer', sdp: 'v=0' } };
    expect(dave.fails('callMediaSignal', { callID, toUserID: 'bob', signal })).toEqual({
      code: ZimErrorCode.CallIsNotInvitee,
      message: `callMediaSignal: dave is not in call ${callID}`,
    });
    expectUntouched(alice, bob, callID, CallUserState.Accepted);
  });

  it('cannot join it: callJoin fails with 6000274', () => {
    const { alice, bob, dave, callID } = callWithOutsider(CallMode.Advanced, true);
    expect(dave.fails('callJoin', { callID, config: {} })).toEqual({
      code: ZimErrorCode.CallIsNotInvitee,
      message: `callJoin: dave was never invited to call ${callID}; only its members may join it`,
    });
    expectUntouched(alice, bob, callID, CallUserState.Accepted);
    // A general call's outsider meets the membership check before the mode: 6000274, not 6000286.
    const general = callWithOutsider(CallMode.General, false);
    expect(general.dave.fails('callJoin', { callID: general.callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
    expectUntouched(general.alice, general.bob, general.callID, CallUserState.Received);
  });

  it('cannot read or change anyone else\'s block list: the block-list methods act on the sender\'s own', () => {
    const { alice, bob, dave, callID } = callWithOutsider(CallMode.Advanced, false);
    bob.ok('addUsersToBlacklist', { userIDs: ['carol'] });
    bob.clear();
    expect(dave.ok('queryBlacklist', { config: { count: 10 } })).toEqual({ blacklist: [], nextFlag: 0 });
    expect(dave.ok('removeUsersFromBlacklist', { userIDs: ['carol'] }).errorUserList).toEqual([{ userID: 'carol', reason: ZimErrorCode.NotInBlacklist }]);
    dave.ok('addUsersToBlacklist', { userIDs: ['alice'] });
    expect(bob.ok('queryBlacklist', { config: { count: 10 } }).blacklist).toEqual([{ userID: 'carol' }]);
    expectUntouched(alice, bob, callID, CallUserState.Received);
  });

  it("cannot join a general call (6000286) or an ended one (6000276) even under ZIM's open rule for callJoin", () => {
    const general = callWithOutsider(CallMode.General, false, { openJoin: true });
    expect(general.dave.fails('callJoin', { callID: general.callID, config: {} })).toEqual({
      code: ZimErrorCode.CallAdvancedOnly,
      message: `callJoin: call ${general.callID} is a general-mode call; callJoin needs advanced mode`,
    });
    expectUntouched(general.alice, general.bob, general.callID, CallUserState.Received);

    const ended = callWithOutsider(CallMode.Advanced, true, { openJoin: true });
    ended.alice.ok('callEnd', { callID: ended.callID, config: {} });
    expect(ended.dave.fails('callJoin', { callID: ended.callID, config: {} })).toEqual({
      code: ZimErrorCode.CallDoesNotExist,
      message: `callJoin: call ${ended.callID} has ended`,
    });
    expect(ended.dave.fails('callJoin', { callID: '123', config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
  });

  it('gets the same refusals once the call has ended and the hub keeps only its compact record', () => {
    const { hub, callID, alice, bob, dave } = callWithOutsider(CallMode.Advanced, true);
    hub.login('carol');
    alice.ok('callEnd', { callID, config: { extendedData: 'done' } });
    bob.clear();
    const operations: Array<[HubMethod, Record<string, unknown>]> = [
      ['callAccept', { callID, config: {} }],
      ['callReject', { callID, config: {} }],
      ['callQuit', { callID, config: {} }],
      ['callEnd', { callID, config: {} }],
      ['callingInvite', { callID, invitees: ['carol'], config: {} }],
      ['callMediaSignal', { callID, toUserID: 'alice', signal: { description: { type: 'offer', sdp: 'v=0' } } }],
    ];
    for (const [method, params] of operations) {
      expect(dave.fails(method, params), `${method} by the outsider`).toEqual({
        code: ZimErrorCode.CallIsNotInvitee,
        message: `${method}: dave is not in call ${callID}`,
      });
    }
    expect(dave.fails('callJoin', { callID, config: {} }).code).toBe(ZimErrorCode.CallIsNotInvitee);
    expect(dave.fails('callCancel', { callID, invitees: [], config: {} }).code).toBe(ZimErrorCode.CallIsNotInviter);
    // A member meets the end of the call: 6000276, but for the caller answering (6000274) and a
    // cancel after bob accepted (6000271), which ZIM checks first. Bob is still Accepted in it.
    for (const [method, params] of [...operations, ['callJoin', { callID, config: {} }] as [HubMethod, Record<string, unknown>]]) {
      const expected = method === 'callAccept' || method === 'callReject' ? ZimErrorCode.CallIsNotInvitee : ZimErrorCode.CallDoesNotExist;
      expect(alice.fails(method, params).code, `${method} by the caller`).toBe(expected);
    }
    expect(alice.fails('callCancel', { callID, invitees: [], config: {} }).code).toBe(ZimErrorCode.CallCancelAfterAccept);
    expect(bob.fails('callAccept', { callID, config: {} })).toEqual({ code: ZimErrorCode.CallDoesNotExist, message: `callAccept: call ${callID} has ended` });
    // And the history lists it as it was when it ended.
    const [listed] = alice.ok('queryCallInvitationList', { config: { count: 1 } }).callList;
    expect(listed).toMatchObject({ callID, state: CallState.Ended, inviter: 'alice' });
    expect(listed!.callUserList).toEqual([
      { userID: 'alice', state: CallUserState.Ended, extendedData: 'done' },
      { userID: 'bob', state: CallUserState.Accepted, extendedData: '' },
    ]);
    expect(bob.eventNames()).toEqual([]);
  });
});
