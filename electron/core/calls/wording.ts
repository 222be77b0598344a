/**
 * What the CallManager says, in the softphone's words: History's details, and the refusals a
 * command gets back.
 */
import type { BusyCode } from '../../../shared/calls/busy.js';
import type { CallPhase, ParticipantState } from '../../../shared/ipc/contract.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import type { ErrorUserInfo } from '../../../shared/protocol/hub.js';

/** How another device answered a call, as told to a user whose accept came second. */
export const answeredWording: Partial<Record<ParticipantState, string>> = { joined: 'answered', declined: 'declined', busy: 'turned away' };

/** Why a line was busy, in History's words ("turned away: line limit"). */
export function busyDetail(code: BusyCode | 'unknown' | undefined): string {
  switch (code) {
    case 'do_not_disturb':
      return 'do not disturb';
    case 'call_limit_reached':
      return 'line limit';
    case 'unknown':
    case undefined:
      return 'busy';
  }
}

export function describePhase(phase: CallPhase): string {
  switch (phase) {
    case 'dialing':
      return 'still being placed';
    case 'calling':
      return 'still calling';
    case 'ringing':
      return 'still ringing';
    case 'connected':
      return 'connected';
  }
}

/** A call ringing here when this user signed out: it rings on elsewhere, and here again at the next sign-in (storage/callLog.ts). */
export const MISSED_SIGNED_OUT = 'missed: you signed out';
/** How a call the connection to the backend took with it ended; a conversation cut off so puts its caller in Callbacks. */
export const CONNECTION_LOST = 'the connection was lost';
/** Every call of a device its user's sign-in elsewhere signed out. */
export const SIGNED_IN_ELSEWHERE = 'signed out: you signed in on another device';

/**
 * What ZIM's FrequencyLimit means here, for the user: a callee who just declined, one rung too
 * often, or requests sent too fast; and when to try again, when the backend said (a wait after
 * declines in a row can be minutes, so "later" when it did not).
 */
export function tooSoon(retryAfterMs?: number): string {
  const when = retryAfterMs === undefined ? 'later' : `in ${waitText(retryAfterMs)}`;
  return `they turned down a call from you a moment ago, or calls are coming too fast; try again ${when}`;
}

/** "1 s", "40 s", "2 min", "10 min": a wait, rounded up so that trying then works. */
function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} min`;
}

/** Why some of the people asked for will not be rung, each by the reason the backend gave. */
export function refusalText(refused: readonly ErrorUserInfo[]): string {
  const unknown = refused.filter((user) => user.reason === ZimErrorCode.CallInviteUserDoesNotExist).map((user) => user.userID);
  const others = refused.filter((user) => user.reason !== ZimErrorCode.CallInviteUserDoesNotExist).map(({ userID, reason }) => {
    if (reason === ZimErrorCode.FrequencyLimit) return `${userID} cannot be rung yet: ${tooSoon()}`;
    if (reason === ZimErrorCode.CallUserAlreadyInTheCall) return `${userID} is already in this call`;
    return `${userID} cannot be rung (error ${reason})`;
  });
  return [...(unknown.length > 0 ? [`${unknownUsers(unknown)} ever signed in`] : []), ...others].join('; ');
}

export function unknownUsers(userIDs: string[]): string {
  return userIDs.length === 1 ? `No user named "${userIDs[0]}" has` : `No users named ${userIDs.map((id) => `"${id}"`).join(', ')} have`;
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

