/**
 * The calls ringing for this user, in the order they arrived. Arrival order decides which calls
 * get an incoming-call card (the oldest ones) and which call a global shortcut answers (the
 * newest one, the call the last notification announced).
 */
import type { CallView } from '../ipc/contract.js';

/**
 * What a ringing call kept through a lost connection to the hub says where Accept and Decline
 * would be: it rings on at the hub, and the answer waits for the connection.
 */
export const ANSWER_ONCE_BACK = 'Reconnecting: answer once back';

export type RingingFields = Pick<CallView, 'callID' | 'phase' | 'since'>;

/** Oldest first; calls that started ringing in the same millisecond keep the state's order. */
export function ringingInArrivalOrder<C extends RingingFields>(calls: readonly C[]): C[] {
  return calls.filter((call) => call.phase === 'ringing').sort((a, b) => a.since - b.since);
}

export function newestRinging<C extends RingingFields>(calls: readonly C[]): C | null {
  return ringingInArrivalOrder(calls).at(-1) ?? null;
}
