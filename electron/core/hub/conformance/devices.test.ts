/**
 * docs/zim-semantics.md, multi-device and query: scenarios 37 and 38. Scenario 36 runs over
 * real sockets in wire.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../../shared/calls/enums.js';
import { TestHub, T0 } from '../testkit.js';
import { cast, changed, clear, user } from './cast.js';

describe('conformance: multi-device and query', () => {
  it('scenario 37: quit is seen only by the operating device', () => {
    const { hub, A } = cast();
    const B1 = hub.login('B');
    const B2 = hub.login('B');
    const { callID } = A.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.Advanced } });
    expect(B1.events('callInvitationReceived')).toHaveLength(1);
    expect(B2.events('callInvitationReceived')).toHaveLength(1);
    B1.ok('callAccept', { callID, config: {} });
    expect(B2.events('callUserStateChanged').at(-1)).toEqual(changed(callID, user('B', CallUserState.Accepted)));
    clear(A, B1, B2);
    // From the accept on, B1 is B's primary device: it alone follows the call.
    A.ok('callingInvite', { invitees: ['C'], callID, config: {} });
    expect(B1.events('callUserStateChanged')[0]).toEqual(changed(callID, user('C', CallUserState.Inviting)));
    expect(B2.frames).toEqual([]);
    clear(A, B1);
    B1.ok('callQuit', { callID, config: {} });
    const quit = changed(callID, user('B', CallUserState.Quit));
    expect(B1.events('callUserStateChanged')).toEqual([quit]);
    expect(A.events('callUserStateChanged')).toEqual([quit]);
    expect(B2.frames).toEqual([]);
  });

  it('scenario 38: query pagination', () => {
    const { hub, A } = cast();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(A.ok('callInvite', { invitees: ['B'], config: { extendedData: `#${i}` } }).callID);
      hub.clock.advance(1_000);
    }
    const first = A.ok('queryCallInvitationList', { config: { count: 2, nextFlag: 0 } });
    expect(first.callList.map((call) => call.callID)).toEqual([ids[2], ids[1]]);
    expect(first.nextFlag).not.toBe(0);
    expect(first.callList[0]).toEqual({
      callID: ids[2], caller: 'A', inviter: 'A', createTime: T0 + 2_000, endTime: 0, state: CallState.Started,
      mode: CallMode.General, extendedData: '#2',
      callUserList: [user('A', CallUserState.Accepted), user('B', CallUserState.Received)],
    });
    const rest = A.ok('queryCallInvitationList', { config: { count: 2, nextFlag: first.nextFlag } });
    expect(rest.callList.map((call) => call.callID)).toEqual([ids[0]]);
    expect(rest.nextFlag).toBe(0);

    const busy = new TestHub({ historyPerUser: 150, maxOpenInvitations: 150, maxRingingPerCallee: 0 });
    const caller = busy.login('A');
    busy.register('B');
    for (let i = 0; i < 120; i++) caller.ok('callInvite', { invitees: ['B'], config: {} });
    const capped = caller.ok('queryCallInvitationList', { config: { count: 150 } });
    expect(capped.callList).toHaveLength(100);
    expect(capped.nextFlag).not.toBe(0);
    expect(caller.ok('queryCallInvitationList', { config: { count: 150, nextFlag: capped.nextFlag } }).callList).toHaveLength(20);
  });
});
