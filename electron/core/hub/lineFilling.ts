/**
 * Limits against filling someone's lines on purpose: a caller may have one invitation ringing at
 * a given callee, and a caller the callee has just declined must wait before inviting them again,
 * twice as long after each decline in a row. docs/protocol.md, "Line-filling", describes them.
 */
import { isPending } from '../../../shared/calls/enums.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import type { User } from './model.js';

/** Invitations from one caller that may ring at one callee at once; 0 = no limit (ZIM). */
export const DEFAULT_MAX_RINGING_PER_CALLEE = 1;
/** The wait after a first decline; it doubles with each decline in a row, up to MAX_DECLINE_COOLDOWN_MS. */
export const DEFAULT_DECLINE_COOLDOWN_MS = 5_000;
const MAX_DECLINE_COOLDOWN_MS = 10 * 60_000;
/** Past this many remembered declines, expired ones are swept out. */
const DECLINES_KEPT = 256;

/** How many invitations of the operator's ring at each callee now (they invited them, no answer yet). */
export function ringingFrom(operator: User): Map<string, number> {
  const ringing = new Map<string, number>();
  for (const call of operator.liveCalls) {
    for (const member of call.members.values()) {
      if (member.inviter === operator.userID && member.user !== operator && isPending(member.state)) {
        ringing.set(member.user.userID, (ringing.get(member.user.userID) ?? 0) + 1);
      }
    }
  }
  return ringing;
}

/** Why `callee` cannot be invited by `callerID` right now, or null. */
export function lineFillingRefusal(
  callee: User,
  callerID: string,
  ringing: ReadonlyMap<string, number>,
  maxRinging: number,
  now: number,
): { reason: number; why: string; retryAfterMs?: number } | null {
  const already = ringing.get(callee.userID) ?? 0;
  if (maxRinging > 0 && already >= maxRinging) {
    const what = maxRinging === 1 ? 'an invitation' : `${already} invitations`;
    return { reason: ZimErrorCode.CallServerError, why: `${callerID} already has ${what} ringing at ${callee.userID}; wait for an answer or cancel` };
  }
  const decline = callee.declined.get(callerID);
  if (decline && decline.until > now) {
    // A wall clock set back would stretch the wait past any the hub gives: it is never longer than the longest.
    decline.until = Math.min(decline.until, now + MAX_DECLINE_COOLDOWN_MS);
    const retryAfterMs = decline.until - now;
    return {
      reason: ZimErrorCode.FrequencyLimit,
      why: `${callee.userID} declined ${callerID} just now; invite them again in ${Math.ceil(retryAfterMs / 1000)} s`,
      retryAfterMs,
    };
  }
  return null;
}

/** The callee declined the caller's invitation: the caller waits before the next one. */
export function rememberDecline(callee: User, callerID: string, now: number, cooldownMs: number): void {
  if (cooldownMs === 0) return;
  const previous = callee.declined.get(callerID);
  // A decline long after the last wait ended starts the count over.
  const count = previous && now - previous.until < MAX_DECLINE_COOLDOWN_MS ? previous.count + 1 : 1;
  callee.declined.set(callerID, { count, until: now + Math.min(cooldownMs * 2 ** (count - 1), MAX_DECLINE_COOLDOWN_MS) });
  if (callee.declined.size > DECLINES_KEPT) {
    for (const [userID, entry] of callee.declined) if (now - entry.until >= MAX_DECLINE_COOLDOWN_MS) callee.declined.delete(userID);
  }
}

/** The callee accepted the caller: no more waiting. */
export function forgetDecline(callee: User, callerID: string): void {
  callee.declined.delete(callerID);
}
