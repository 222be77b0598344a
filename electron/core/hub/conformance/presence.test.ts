/**
 * User status in ZIM's model: subscribeUsersStatus, unsubscribeUsersStatus, queryUsersStatus,
 * updateUserCustomStatus and the userStatusUpdated event (docs/protocol.md, "User status").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CallMode, UserOnlineStatus } from '../../../../shared/calls/enums.js';
import { MAX_STATUS_SUBSCRIPTIONS, MAX_STATUS_USERS } from '../../../../shared/protocol/hub.js';
import { TestHub, T0 } from '../testkit.js';
import { WireClient, testHubs } from '../wireClient.js';

const { Online, Offline, Logout } = UserOnlineStatus;
const status = (userID: string, onlineStatus: UserOnlineStatus, lastUpdateTime: number, customStatus = '') => ({
  userID, onlineStatus, customStatus, lastUpdateTime,
});

describe('conformance: user status', () => {
  it('a subscriber hears the current status at once, then sign-in, custom status, drop and logout', () => {
    const hub = new TestHub();
    const A = hub.login('A');
    hub.register('B');
    expect(A.ok('subscribeUsersStatus', { userIDs: ['B'], config: { subscriptionDuration: 60 } })).toEqual({ errorUserList: [] });
    expect(A.events('userStatusUpdated')).toEqual([{ userStatusList: [status('B', Offline, T0)] }]);
    A.clear();

    hub.clock.advance(1000);
    const B = hub.login('B');
    B.ok('updateUserCustomStatus', { customStatus: '{"lines":1,"of":3}' });
    B.close();
    const B2 = hub.login('B');
    B2.ok('logout', {});
    expect(A.events('userStatusUpdated')).toEqual([
      { userStatusList: [status('B', Online, T0 + 1000)] },
      { userStatusList: [status('B', Online, T0 + 1000, '{"lines":1,"of":3}')] },
      { userStatusList: [status('B', Offline, T0 + 1000, '{"lines":1,"of":3}')] },
      { userStatusList: [status('B', Online, T0 + 1000, '{"lines":1,"of":3}')] },
      { userStatusList: [status('B', Logout, T0 + 1000, '{"lines":1,"of":3}')] },
    ]);
  });

  it('a second device of an online user changes nothing; the last one leaving does', () => {
    const hub = new TestHub();
    const A = hub.login('A');
    const B1 = hub.login('B');
    A.ok('subscribeUsersStatus', { userIDs: ['B'], config: { subscriptionDuration: 1 } });
    A.clear();
    const B2 = hub.login('B');
    B1.close();
    expect(A.events('userStatusUpdated')).toEqual([]);
    B2.close();
    expect(A.events('userStatusUpdated')).toEqual([{ userStatusList: [status('B', Offline, T0)] }]);
  });

  it('a user never seen signed in reads exactly like one who signed out', () => {
    const hub = new TestHub();
    const A = hub.login('A');
    const B = hub.login('B');
    B.ok('logout', {});
    const { userStatusList } = A.ok('queryUsersStatus', { userIDs: ['B', 'nobody', 'B'] });
    expect(userStatusList).toEqual([status('B', Logout, T0), status('nobody', Logout, 0)]);
    // Only the time differs, and only until the hub restarts; the status is the same.
    expect(userStatusList.map((entry) => entry.onlineStatus)).toEqual([Logout, Logout]);
  });

  it('stops telling after unsubscribe, and after the subscription runs out', () => {
    const hub = new TestHub();
    const A = hub.login('A');
    const C = hub.login('C');
    A.ok('subscribeUsersStatus', { userIDs: ['B'], config: { subscriptionDuration: 1 } });
    C.ok('subscribeUsersStatus', { userIDs: ['B'], config: { subscriptionDuration: 60 } });
    A.clear();
    C.clear();
    A.ok('unsubscribeUsersStatus', { userIDs: ['B'] });
    hub.login('B').close();
    expect(A.events('userStatusUpdated')).toEqual([]);
    expect(C.events('userStatusUpdated')).toHaveLength(2);

    A.ok('subscribeUsersStatus', { userIDs: ['B'], config: { subscriptionDuration: 1 } });
    A.clear();
    hub.clock.advance(60_000);
    hub.login('B');
    expect(A.events('userStatusUpdated')).toEqual([]);
  });

  it('refuses bad requests with 6000001, naming the field, and asks for sign-in first', () => {
    const hub = new TestHub();
    expect(hub.connect().fails('queryUsersStatus', { userIDs: ['B'] }).code).toBe(6000121);
    const A = hub.login('A');
    expect(A.fails('queryUsersStatus', { userIDs: [] })).toMatchObject({ code: 6000001, message: expect.stringContaining('userIDs') });
    const tooMany = Array.from({ length: MAX_STATUS_USERS + 1 }, (_, i) => `u${i}`);
    expect(A.fails('queryUsersStatus', { userIDs: tooMany }).code).toBe(6000001);
    expect(A.fails('subscribeUsersStatus', { userIDs: ['B'], config: { subscriptionDuration: 0 } }).code).toBe(6000001);
    expect(A.fails('updateUserCustomStatus', { customStatus: 'x'.repeat(65) })).toMatchObject({ code: 6000001, message: expect.stringContaining('customStatus') });
  });

  it(`bounds what one user follows at ${MAX_STATUS_SUBSCRIPTIONS}`, () => {
    const hub = new TestHub();
    const A = hub.login('A');
    for (let batch = 0; batch < MAX_STATUS_SUBSCRIPTIONS / MAX_STATUS_USERS; batch++) {
      const userIDs = Array.from({ length: MAX_STATUS_USERS }, (_, i) => `u${batch}_${i}`);
      A.ok('subscribeUsersStatus', { userIDs, config: { subscriptionDuration: 60 } });
    }
    // Following someone again renews; someone new is one too many.
    A.ok('subscribeUsersStatus', { userIDs: ['u0_0'], config: { subscriptionDuration: 60 } });
    expect(A.fails('subscribeUsersStatus', { userIDs: ['one-more'], config: { subscriptionDuration: 60 } })).toMatchObject({
      code: 6000001, message: expect.stringContaining(`at most ${MAX_STATUS_SUBSCRIPTIONS}`),
    });
  });
});

describe('known users across hub restarts (real hubs, real file)', () => {
  const hubs = testHubs('presence-test-secret-0123');
  const dirs: string[] = [];
  afterEach(async () => {
    await hubs.closeAll();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('an invitation to someone who signed in before the restart rings when they come back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-users-'));
    dirs.push(dir);
    const knownUsersFile = join(dir, 'hub-users');
    const first = await hubs.start({ knownUsersFile });
    (await WireClient.as(first.url, 'bob', 'presence-test-secret-0123')).close();
    await first.close();
    expect(readFileSync(knownUsersFile, 'utf8')).toBe('bob\n');
    writeFileSync(knownUsersFile, 'bob\nnot a user id\n', { flag: 'w' });

    const second = await hubs.start({ knownUsersFile });
    expect(second.logs).toContainEqual(expect.stringContaining('skipped 1 line(s)'));
    const alice = await WireClient.as(second.url, 'alice', 'presence-test-secret-0123');
    const invited = await alice.ok('callInvite', { invitees: ['bob'], config: { mode: CallMode.Advanced, timeout: 30 } });
    expect(invited.errorUserList).toEqual([]);
    const bob = await WireClient.as(second.url, 'bob', 'presence-test-secret-0123');
    expect((await bob.event('callInvitationReceived', invited.callID)).data).toMatchObject({ caller: 'alice' });
    expect(readFileSync(knownUsersFile, 'utf8')).toBe('bob\nnot a user id\nalice\n');
    alice.close();
    bob.close();
  });
});
