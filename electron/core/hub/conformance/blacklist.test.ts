/**
 * ZIM's blacklist methods (addUsersToBlacklist, removeUsersFromBlacklist, queryBlacklist) over
 * real sockets: the result shapes of ZIM's typings (errorUserList of { userID, reason }; a page of
 * entries with a nextFlag, 0 at the end), the login they need, and what a blocked caller meets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CallMode } from '../../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../../shared/protocol/errors.js';
import { testHubs, WireClient } from '../wireClient.js';

const SECRET = 'conformance-blacklist-secret-0123';
const hubs = testHubs(SECRET);
afterEach(() => hubs.closeAll());

describe('conformance: the blacklist methods', () => {
  it('answer in ZIM\'s shapes, need a login, and turn a blocked caller away as busy', async () => {
    const hub = await hubs.start();
    const [A, B] = await Promise.all(['A', 'B'].map((userID) => WireClient.as(hub.url, userID, SECRET)));
    const stranger = await WireClient.open(hub.url);
    for (const method of ['addUsersToBlacklist', 'removeUsersFromBlacklist'] as const) {
      expect((await stranger.request(method, { userIDs: ['A'] })).error?.code).toBe(ZimErrorCode.UserIsNotLogged);
    }
    expect((await stranger.request('queryBlacklist', { config: { count: 1 } })).error?.code).toBe(ZimErrorCode.UserIsNotLogged);
    expect((await B!.request('addUsersToBlacklist', { userIDs: [] })).error?.code).toBe(ZimErrorCode.ParamsInvalid);

    expect(await B!.ok('addUsersToBlacklist', { userIDs: ['A', 'C'] })).toEqual({ errorUserList: [] });
    expect(await B!.ok('queryBlacklist', { config: { count: 1, nextFlag: 0 } })).toEqual({ blacklist: [{ userID: 'A' }], nextFlag: 1 });
    expect(await B!.ok('queryBlacklist', { config: { count: 1, nextFlag: 1 } })).toEqual({ blacklist: [{ userID: 'C' }], nextFlag: 0 });

    const { callID } = await A!.ok('callInvite', { invitees: ['B'], config: { mode: CallMode.Advanced } });
    const ended = await A!.event('callInvitationEnded', callID);
    expect(ended.data).toMatchObject({ operatedUserID: 'B', extendedData: '{"reason":"busy"}' });
    expect(B!.events().filter((frame) => frame.data?.callID === callID)).toEqual([]);

    expect(await B!.ok('removeUsersFromBlacklist', { userIDs: ['A', 'D'] })).toEqual({
      errorUserList: [{ userID: 'D', reason: ZimErrorCode.NotInBlacklist }],
    });
    for (const client of [A, B, stranger]) client!.close();
  });
});
