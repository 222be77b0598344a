/**
 * The order of the Callbacks list. Callers wait longest-first; a caller whom a call back has
 * missed (they declined, or did not answer) since they last rang goes behind the others until
 * they ring again, so that whoever works down the list reaches the untried first, and then waits
 * from that new try (storage/callLog.ts). The place a turned-away caller is told is read from the
 * same order, and never gets worse: nobody moves ahead of them.
 */
import type { CallbackEntry } from '../ipc/contract.js';

type Ordered = Pick<CallbackEntry, 'peer' | 'firstAt' | 'lastAt' | 'calledBack'>;

/** A call back missed them after their last try: it is theirs to ring again. */
export function missedByCallBack(entry: Pick<CallbackEntry, 'lastAt' | 'calledBack'>): boolean {
  return entry.calledBack !== undefined && entry.calledBack.at >= entry.lastAt;
}

/** Sorts the Callbacks list: the untried first, each group longest-waiting first. */
export function compareCallbacks(a: Ordered, b: Ordered): number {
  return Number(missedByCallBack(a)) - Number(missedByCallBack(b)) || a.firstAt - b.firstAt || a.peer.localeCompare(b.peer);
}
