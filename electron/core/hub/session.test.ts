import { describe, expect, it } from 'vitest';
import { CallMode, CallState, CallUserState } from '../../../shared/calls/enums.js';
import { TestHub, T0 } from './testkit.js';

describe('a user going offline', () => {
  it('as a caller nobody answered: the invitation is cancelled and the invitees are told', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.General } });
    alice.close();
    expect(bob.events('callInvitationCancelled')).toEqual([{ callID, mode: CallMode.General, inviter: 'alice', extendedData: '' }]);
    expect(hub.clock.pendingTimers).toBe(0);
    const [call] = bob.ok('queryCallInvitationList', { config: { count: 1 } }).callList;
    expect(call!.state).toBe(CallState.Ended);
    expect(call!.callUserList.map((user) => user.state)).toEqual([CallUserState.Cancelled, CallUserState.BeCancelled]);
  });

  it('by logout does the same', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    alice.ok('logout', {});
    expect(bob.events('callInvitationCancelled')).toHaveLength(1);
  });

  it('only when the last connection goes', () => {
    const hub = new TestHub();
    const alice1 = hub.login('alice');
    const alice2 = hub.login('alice');
    const bob = hub.login('bob');
    alice1.ok('callInvite', { invitees: ['bob'], config: {} });
    alice1.close();
    expect(bob.eventNames()).toEqual(['callInvitationReceived', 'callUserStateChanged']);
    alice2.close();
    expect(bob.eventNames()).toContain('callInvitationCancelled');
  });

  it('as an Accepted member of an advanced call: the user quits and the others are told', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const carol = hub.login('carol');
    const { callID } = alice.ok('callInvite', { invitees: ['bob', 'carol'], config: { mode: CallMode.Advanced } });
    bob.ok('callAccept', { callID, config: {} });
    carol.ok('callAccept', { callID, config: {} });
    alice.clear();
    carol.clear();
    bob.close();
    const quit = { callID, callUserList: [{ userID: 'bob', state: CallUserState.Quit, extendedData: '' }] };
    expect(alice.events('callUserStateChanged')).toEqual([quit]);
    expect(carol.events('callUserStateChanged')).toEqual([quit]);
    alice.close();
    expect(carol.events('callUserStateChanged').at(-1)!.callUserList[0]).toMatchObject({ userID: 'alice', state: CallUserState.Quit });
    expect(carol.events('callInvitationCancelled')).toEqual([]);
  });

  it('as a caller once someone accepted a general call: nothing is cancelled', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const carol = hub.login('carol');
    const { callID } = alice.ok('callInvite', { invitees: ['bob', 'carol'], config: { mode: CallMode.General } });
    bob.ok('callAccept', { callID, config: {} });
    alice.close();
    expect(carol.events('callInvitationCancelled')).toEqual([]);
    carol.ok('callAccept', { callID, config: {} });
  });

  it('as an invitee: the invitation stays pending and is delivered again on return', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { timeout: 30 } });
    bob.close();
    alice.clear();
    hub.clock.advance(10_000);
    const back = hub.connect();
    back.ok('login', { userID: 'bob', token: hub.token('bob') });
    expect(back.events('callInvitationReceived')).toEqual([expect.objectContaining({ callID, timeout: 20 })]);
    expect(alice.eventNames()).toEqual([]);
    back.ok('callAccept', { callID, config: {} });
  });

  it('and coming back while still Accepted in a started call: the current member list is sent', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    hub.login('carol');
    const { callID } = alice.ok('callInvite', { invitees: ['bob', 'carol'], config: { mode: CallMode.General } });
    bob.ok('callAccept', { callID, config: {} });
    bob.close();
    const back = hub.connect();
    back.ok('login', { userID: 'bob', token: hub.token('bob') });
    expect(back.events('callUserStateChanged')).toEqual([{
      callID,
      callUserList: [
        { userID: 'alice', state: CallUserState.Accepted, extendedData: '' },
        { userID: 'bob', state: CallUserState.Accepted, extendedData: '' },
        { userID: 'carol', state: CallUserState.Received, extendedData: '' },
      ],
    }]);
    const secondDevice = hub.connect();
    secondDevice.ok('login', { userID: 'bob', token: hub.token('bob') });
    expect(secondDevice.eventNames()).toEqual([]);
  });
});

describe('queryCallInvitationList', () => {
  it('pages newest first with nextFlag', () => {
    const hub = new TestHub({ maxRingingPerCallee: 0 });
    const alice = hub.login('alice');
    hub.register('bob');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(alice.ok('callInvite', { invitees: ['bob'], config: { extendedData: `#${i}` } }).callID);
      hub.clock.advance(1_000);
    }
    const first = alice.ok('queryCallInvitationList', { config: { count: 2, nextFlag: 0 } });
    expect(first.callList.map((call) => call.callID)).toEqual([ids[2], ids[1]]);
    expect(first.nextFlag).not.toBe(0);
    expect(first.callList[0]).toEqual({
      callID: ids[2], caller: 'alice', inviter: 'alice', createTime: T0 + 2_000, endTime: 0, state: CallState.Started,
      mode: CallMode.General, extendedData: '#2',
      callUserList: [
        { userID: 'alice', state: CallUserState.Accepted, extendedData: '' },
        { userID: 'bob', state: CallUserState.Inviting, extendedData: '' },
      ],
    });
    const second = alice.ok('queryCallInvitationList', { config: { count: 2, nextFlag: first.nextFlag } });
    expect(second.callList.map((call) => call.callID)).toEqual([ids[0]]);
    expect(second.nextFlag).toBe(0);
  });

  it('treats a count over 100 as 100', () => {
    const hub = new TestHub({ historyPerUser: 150, maxOpenInvitations: 150, maxRingingPerCallee: 0 });
    const alice = hub.login('alice');
    hub.register('bob');
    for (let i = 0; i < 120; i++) alice.ok('callInvite', { invitees: ['bob'], config: {} });
    const page = alice.ok('queryCallInvitationList', { config: { count: 150 } });
    expect(page.callList).toHaveLength(100);
    expect(page.nextFlag).not.toBe(0);
  });

  it("shows only the user's own calls", () => {
    const hub = new TestHub();
    hub.register('bob');
    hub.login('alice').ok('callInvite', { invitees: ['bob'], config: {} });
    expect(hub.login('dave').ok('queryCallInvitationList', { config: { count: 10 } })).toEqual({ callList: [], nextFlag: 0 });
  });
});

describe('memory bounds', () => {
  it('forgets ended calls that dropped out of every history, and keeps those still queryable', () => {
    const hub = new TestHub({ historyPerUser: 5 });
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
      bob.ok('callEnd', { callID, config: {} });
      ids.push(callID);
    }
    expect(hub.registry.stats().calls).toBe(5);
    expect(hub.clock.pendingTimers).toBe(0);
    expect(alice.ok('queryCallInvitationList', { config: { count: 100 } }).callList.map((call) => call.callID)).toEqual(ids.slice(15).reverse());
  });

  it('keeps a call under way in the histories past their capacity, and lets it go as soon as it ends', () => {
    const hub = new TestHub({ historyPerUser: 1 });
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const listed = (): string[] => alice.ok('queryCallInvitationList', { config: { count: 10 } }).callList.map((call) => call.callID);
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } });
    bob.ok('callAccept', { callID, config: {} });
    const other = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } }).callID;
    bob.ok('callEnd', { callID: other, config: {} });
    expect(listed()).toEqual([other, callID]);
    alice.ok('callEnd', { callID, config: {} });
    expect(listed()).toEqual([other]);
    expect(hub.registry.stats().calls).toBe(1);
    const third = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced } }).callID;
    bob.ok('callEnd', { callID: third, config: {} });
    expect(listed()).toEqual([third]);
    expect(hub.registry.stats().calls).toBe(1);
  });
});
