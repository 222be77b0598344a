/**
 * Each user's block list, in ZIM's model (addUsersToBlacklist, removeUsersFromBlacklist,
 * queryBlacklist): an invitation from a user on the invitee's list is turned away at once as if
 * the invitee were busy (invite.ts), without the invitee hearing of it. Kept in memory, like the
 * rest of the hub.
 */
import { HubError, ZimErrorCode } from '../../../shared/protocol/errors.js';
import { MAX_BLACKLIST, type ErrorUserInfo, type MethodParams, type MethodResults } from '../../../shared/protocol/hub.js';
import type { User } from './model.js';

/** What a blocked caller's invitation is answered with: ZEGO's kits and Switchboard read it as "busy". */
export const BLOCKED_EXTENDED_DATA = JSON.stringify({ reason: 'busy' });

export function addUsersToBlacklist(user: User, params: MethodParams<'addUsersToBlacklist'>): MethodResults['addUsersToBlacklist'] {
  const errorUserList: ErrorUserInfo[] = [];
  const fresh = [...new Set(params.userIDs)].filter((userID) => {
    if (userID === user.userID) errorUserList.push({ userID, reason: ZimErrorCode.CannotBlockSelf });
    return userID !== user.userID && !user.blacklist.has(userID);
  });
  if (user.blacklist.size + fresh.length > MAX_BLACKLIST) {
    throw new HubError(
      ZimErrorCode.BlacklistFull,
      `addUsersToBlacklist: ${user.userID} blocks ${user.blacklist.size} users; ${fresh.length} more would pass the limit of ${MAX_BLACKLIST}`,
    );
  }
  for (const userID of fresh) user.blacklist.add(userID);
  return { errorUserList };
}

export function removeUsersFromBlacklist(user: User, params: MethodParams<'removeUsersFromBlacklist'>): MethodResults['removeUsersFromBlacklist'] {
  const errorUserList: ErrorUserInfo[] = [];
  for (const userID of new Set(params.userIDs)) {
    if (!user.blacklist.delete(userID)) errorUserList.push({ userID, reason: ZimErrorCode.NotInBlacklist });
  }
  return { errorUserList };
}

/** Pages through the list in the order users were added; `nextFlag` is the position to go on from, 0 at the end. */
export function queryBlacklist(user: User, params: MethodParams<'queryBlacklist'>): MethodResults['queryBlacklist'] {
  const { count, nextFlag } = params.config;
  const all = [...user.blacklist];
  const page = all.slice(nextFlag, nextFlag + count);
  const end = nextFlag + page.length;
  return { blacklist: page.map((userID) => ({ userID })), nextFlag: end < all.length ? end : 0 };
}
