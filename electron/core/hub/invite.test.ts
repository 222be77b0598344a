import { describe, expect, it } from 'vitest';
import { CallMode, CallUserState } from '../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { TestHub, T0 } from './testkit.js';

describe('callInvite', () => {
  it('creates a general 1v1 call: reply first, then callInvitationCreated; the invitee receives it and becomes Received', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    const carol = hub.login('carol');
    const sent = alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.General, timeout: 30, extendedData: 'x' } });
    expect(sent).toEqual({ callID: expect.stringMatching(/^\d{1,20}$/), timeout: 30, errorUserList: [] });
    const { callID } = sent;
    // Reply, then the caller's events, in this order on the caller's connection.
    expect(alice.frames[0]).toEqual({ id: 2, result: sent });
    expect(alice.eventNames()).toEqual(['callInvitationCreated', 'callUserStateChanged']);
    expect(alice.events('callInvitationCreated')).toEqual([{
      callID, mode: 0, caller: 'alice', extendedData: 'x', timeout: 30, createTime: T0,
      callUserList: [
        { userID: 'alice', state: CallUserState.Accepted, extendedData: '' },
        { userID: 'bob', state: CallUserState.Inviting, extendedData: '' },
      ],
    }]);
    expect(bob.events('callInvitationReceived')).toEqual([{
      callID, mode: 0, caller: 'alice', inviter: 'alice', extendedData: 'x', timeout: 30, createTime: T0,
      callUserList: [
        { userID: 'alice', state: CallUserState.Accepted, extendedData: '' },
        { userID: 'bob', state: CallUserState.Inviting, extendedData: '' },
      ],
    }]);
    const received = { callID, callUserList: [{ userID: 'bob', state: CallUserState.Received, extendedData: '' }] };
    expect(alice.events('callUserStateChanged')).toEqual([received]);
    expect(bob.events('callUserStateChanged')).toEqual([received]);
    expect(carol.frames).toEqual([]);
  });

  it('defaults to 90 s and general mode', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    expect(alice.ok('callInvite', { invitees: ['bob'], config: {} }).timeout).toBe(90);
    expect(bob.events('callInvitationReceived')[0]).toMatchObject({ timeout: 90, mode: CallMode.General, extendedData: '' });
  });

  it('generates distinct numeric callIDs of at most 20 characters, even within one millisecond', () => {
    const hub = new TestHub({ maxRingingPerCallee: 0 });
    const alice = hub.login('alice');
    hub.register('bob');
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) ids.add(alice.ok('callInvite', { invitees: ['bob'], config: {} }).callID);
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^\d{1,20}$/);
  });

  it('with reportUnknownUsers (ZIM), lists unregistered invitees and the caller itself in errorUserList and leaves them out of the call', () => {
    const hub = new TestHub({ reportUnknownUsers: true });
    const alice = hub.login('alice');
    hub.register('bob');
    const sent = alice.ok('callInvite', { invitees: ['bob', 'ghost', 'alice'], config: {} });
    expect(sent.errorUserList).toEqual([
      { userID: 'ghost', reason: ZimErrorCode.CallInviteUserDoesNotExist },
      { userID: 'alice', reason: ZimErrorCode.ParamsInvalid },
    ]);
    expect(alice.events('callInvitationCreated')[0]!.callUserList.map((user) => user.userID)).toEqual(['alice', 'bob']);
  });

  it('with reportUnknownUsers (ZIM), fails with 6000281 when every invitee is unregistered', () => {
    const hub = new TestHub({ reportUnknownUsers: true });
    const error = hub.login('alice').fails('callInvite', { invitees: ['ghost', 'phantom'], config: {} });
    expect(error.code).toBe(ZimErrorCode.CallInviteUserDoesNotExist);
    expect(error.message).toMatch(/^callInvite: .*ghost has never logged in.*phantom/);
    expect(hub.registry.stats().calls).toBe(0);
  });

  it('fails with 6000001 when the only invitee is the caller', () => {
    const hub = new TestHub();
    const error = hub.login('alice').fails('callInvite', { invitees: ['alice'], config: {} });
    expect(error.code).toBe(ZimErrorCode.ParamsInvalid);
    expect(error.message).toContain('alice cannot invite themselves');
  });

  it('fails with 6000272 for 10 distinct invitees, but de-duplicates first', () => {
    const hub = new TestHub();
    const users = Array.from({ length: 10 }, (_, i) => `user${i}`);
    hub.register(...users);
    const alice = hub.login('alice');
    const error = alice.fails('callInvite', { invitees: users, config: {} });
    expect(error.code).toBe(ZimErrorCode.CallServerError);
    expect(error.message).toMatch(/^callInvite: alice invited 10 users, at most 9/);
    const sent = alice.ok('callInvite', { invitees: [...users.slice(0, 9), 'user0', 'user1'], config: {} });
    expect(alice.events('callInvitationCreated').find((e) => e.callID === sent.callID)!.callUserList).toHaveLength(10);
  });

  it('does not refuse a user who is busy in another call (ZIM leaves busy handling to apps)', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob = hub.login('bob');
    hub.login('carol').ok('callInvite', { invitees: ['bob'], config: {} });
    alice.ok('callInvite', { invitees: ['bob'], config: {} });
    expect(bob.events('callInvitationReceived').map((e) => e.caller)).toEqual(['carol', 'alice']);
  });

  it('delivers to every device of an invitee', () => {
    const hub = new TestHub();
    const alice = hub.login('alice');
    const bob1 = hub.login('bob');
    const bob2 = hub.login('bob');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: {} });
    expect(bob1.events('callInvitationReceived')[0]!.callID).toBe(callID);
    expect(bob2.events('callInvitationReceived')[0]!.callID).toBe(callID);
  });
});

describe('an offline invitee', () => {
  it('stays Inviting and receives the invitation, with the time left, on login within the timeout', () => {
    const hub = new TestHub();
    hub.register('bob');
    const alice = hub.login('alice');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { timeout: 60 } });
    expect(alice.events('callUserStateChanged')).toEqual([]);
    hub.clock.advance(5_500);
    const bob = hub.connect();
    bob.ok('login', { userID: 'bob', token: hub.token('bob') });
    expect(bob.frames[0]).toMatchObject({ id: 1, result: { userID: 'bob' } });
    expect(bob.events('callInvitationReceived')).toEqual([expect.objectContaining({ callID, timeout: 55, inviter: 'alice' })]);
    expect(alice.events('callUserStateChanged')).toEqual([
      { callID, callUserList: [{ userID: 'bob', state: CallUserState.Received, extendedData: '' }] },
    ]);
  });

  it('gets nothing when logging in after the timeout, and finds the call as Timeout in its history', () => {
    const hub = new TestHub();
    hub.register('bob');
    const { callID } = hub.login('alice').ok('callInvite', { invitees: ['bob'], config: { timeout: 3 } });
    hub.clock.advance(10_000);
    const bob = hub.connect();
    bob.ok('login', { userID: 'bob', token: hub.token('bob') });
    expect(bob.eventNames()).toEqual([]);
    const { callList } = bob.ok('queryCallInvitationList', { config: { count: 10 } });
    expect(callList[0]).toMatchObject({ callID, state: 2 });
    expect(callList[0]!.callUserList.find((user) => user.userID === 'bob')!.state).toBe(CallUserState.Timeout);
  });

  it('is reported NotYetReceived after the delay when the caller asked for the check, then Received on login', () => {
    const hub = new TestHub({ notReceivedDelayMs: 5000 });
    hub.register('bob');
    const alice = hub.login('alice');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { timeout: 60, enableNotReceivedCheck: true } });
    hub.clock.advance(4_999);
    expect(alice.events('callUserStateChanged')).toEqual([]);
    hub.clock.advance(1);
    expect(alice.events('callUserStateChanged')).toEqual([
      { callID, callUserList: [{ userID: 'bob', state: CallUserState.NotYetReceived, extendedData: '' }] },
    ]);
    hub.clock.advance(15_000);
    const bob = hub.connect();
    bob.ok('login', { userID: 'bob', token: hub.token('bob') });
    expect(bob.events('callInvitationReceived')).toHaveLength(1);
    expect(alice.events('callUserStateChanged').at(-1)!.callUserList).toEqual([
      { userID: 'bob', state: CallUserState.Received, extendedData: '' },
    ]);
  });

  it('is never reported NotYetReceived without the check', () => {
    const hub = new TestHub();
    hub.register('bob');
    const alice = hub.login('alice');
    alice.ok('callInvite', { invitees: ['bob'], config: { timeout: 60 } });
    hub.clock.advance(10_000);
    expect(alice.events('callUserStateChanged')).toEqual([]);
    const [call] = alice.ok('queryCallInvitationList', { config: { count: 1 } }).callList;
    expect(call!.callUserList[1]).toEqual({ userID: 'bob', state: CallUserState.Inviting, extendedData: '' });
  });

  it('is not told about a call cancelled while it was offline', () => {
    const hub = new TestHub();
    hub.register('bob');
    const alice = hub.login('alice');
    const { callID } = alice.ok('callInvite', { invitees: ['bob'], config: { timeout: 60 } });
    alice.ok('callCancel', { invitees: ['bob'], callID, config: {} });
    const bob = hub.connect();
    bob.ok('login', { userID: 'bob', token: hub.token('bob') });
    expect(bob.eventNames()).toEqual([]);
  });
});
