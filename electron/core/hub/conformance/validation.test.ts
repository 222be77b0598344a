/** docs/zim-semantics.md, validation errors: scenarios 6 to 10. */
import { describe, expect, it } from 'vitest';
import { CallMode, CallUserState } from '../../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../../shared/protocol/errors.js';
import type { HubMethod } from '../../../../shared/protocol/hub.js';
import { cast, user } from './cast.js';

describe('conformance: validation errors', () => {
  it('scenario 6: bad invitees or timeout', () => {
    const { hub, A, B } = cast();
    const refused = [
      { invitees: [], config: { mode: CallMode.General, timeout: 30, extendedData: '' } },
      { invitees: ['B'], config: { timeout: 601 } },
      { invitees: ['B'], config: { timeout: 1.5 } },
      { invitees: ['B'], config: { timeout: 0 } },
    ];
    for (const params of refused) expect(A.fails('callInvite', params).code).toBe(ZimErrorCode.ParamsInvalid);
    expect(hub.registry.stats().calls).toBe(0);
    expect(A.eventNames()).toEqual([]);
    expect(B.frames).toEqual([]);
    // The edges of the range are valid.
    expect(A.ok('callInvite', { invitees: ['B'], config: { timeout: 1 } }).timeout).toBe(1);
    expect(A.ok('callInvite', { invitees: ['B'], config: { timeout: 600 } }).timeout).toBe(600);
  });

  it('scenario 7: too many invitees', () => {
    const { hub, A } = cast();
    const ten = Array.from({ length: 10 }, (_, i) => `U${i}`);
    hub.register(...ten);
    const error = A.fails('callInvite', { invitees: ten, config: {} });
    expect(error.code).toBe(ZimErrorCode.CallServerError);
    expect(hub.registry.stats().calls).toBe(0);
    expect(A.eventNames()).toEqual([]);
    expect(A.ok('callInvite', { invitees: ten.slice(0, 9), config: {} }).errorUserList).toEqual([]);
  });

  it('scenario 8: all invitees unknown', () => {
    const { hub, A, B, D } = cast();
    expect(A.fails('callInvite', { invitees: ['ghost', 'phantom'], config: {} }).code).toBe(ZimErrorCode.CallInviteUserDoesNotExist);
    expect(hub.registry.stats().calls).toBe(0);
    const sent = A.ok('callInvite', { invitees: ['ghost', 'B', 'phantom'], config: {} });
    expect(sent.errorUserList).toEqual([
      { userID: 'ghost', reason: ZimErrorCode.CallInviteUserDoesNotExist },
      { userID: 'phantom', reason: ZimErrorCode.CallInviteUserDoesNotExist },
    ]);
    const expected = [user('A', CallUserState.Accepted), user('B', CallUserState.Inviting)];
    expect(A.events('callInvitationCreated').map((event) => event.callUserList)).toEqual([expected]);
    expect(B.events('callInvitationReceived').map((event) => event.callUserList)).toEqual([expected]);
    expect(D.frames).toEqual([]);
  });

  it('scenario 9: not logged in', () => {
    const { hub, A, B } = cast();
    const { callID } = A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.Advanced } });
    const callAPIs: Array<[HubMethod, unknown]> = [
      ['callInvite', { invitees: ['B'], config: {} }],
      ['callingInvite', { invitees: ['D'], callID, config: {} }],
      ['callCancel', { invitees: ['B'], callID, config: {} }],
      ['callAccept', { callID, config: {} }],
      ['callReject', { callID, config: {} }],
      ['callJoin', { callID, config: {} }],
      ['callQuit', { callID, config: {} }],
      ['callEnd', { callID, config: {} }],
      ['queryCallInvitationList', { config: { count: 10 } }],
    ];
    const never = hub.connect();
    const loggedOut = hub.login('B');
    loggedOut.ok('logout', {});
    for (const client of [never, loggedOut]) {
      for (const [method, params] of callAPIs) expect(client.fails(method, params).code).toBe(ZimErrorCode.UserIsNotLogged);
    }
    // B's first device never left, so B is still invited and untouched.
    expect(B.eventNames()).toEqual(['callInvitationReceived', 'callUserStateChanged']);
  });

  it('scenario 10: bad callID', () => {
    const { A, B } = cast();
    const { callID } = A.ok('callInvite', { invitees: ['B'], config: {} });
    expect(B.fails('callAccept', { callID: '', config: {} }).code).toBe(ZimErrorCode.ParamsInvalid);
    expect(B.fails('callAccept', { callID: '1'.repeat(21), config: {} }).code).toBe(ZimErrorCode.ParamsInvalid);
    expect(B.fails('callAccept', { callID: '999', config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    expect(B.fails('callAccept', { callID: '9'.repeat(20), config: {} }).code).toBe(ZimErrorCode.CallDoesNotExist);
    expect(B.ok('callAccept', { callID, config: {} })).toEqual({ callID });
  });
});
