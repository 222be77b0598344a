/**
 * How a call ended, told where it happened for a few seconds instead of the call just vanishing:
 * a call this user placed that was never answered, in place of the outgoing call ("bob declined",
 * "bob didn't answer", "bob is busy", "cancelled"); and a connected call that ended without this
 * user ending it ("bob hung up after 2:03", "the connection was lost").
 */
import type { CallOutcomeView, HistoryEntry } from '../../shared/ipc/contract.js';
import { SoonestTimer } from './soonestTimer.js';

/** How long an outcome stays in place of its call. */
export const OUTCOME_TTL_MS = 6_000;

export class RecentOutcomes {
  #outcomes: CallOutcomeView[] = [];
  /**
   * When each outcome goes, in the same order, in performance.now() time: a wall clock set back
   * an hour would keep one an hour longer.
   */
  #goesAt: number[] = [];
  readonly #expiry = new SoonestTimer(() => this.#expire());
  readonly #changed: () => void;
  readonly #ttlMs: number;

  constructor(changed: () => void, ttlMs = OUTCOME_TTL_MS) {
    this.#changed = changed;
    this.#ttlMs = ttlMs;
  }

  get outcomes(): CallOutcomeView[] {
    return this.#outcomes;
  }

  /**
   * Takes every ended call; keeps those worth telling (outcomeText).
   */
  record(entry: Omit<HistoryEntry, 'id'>, how: EndedHow = {}, now = Date.now()): void {
    const text = outcomeText(entry, how);
    if (text === null) return;
    const kind = entry.outcome === 'answered' ? 'ended' : 'unanswered';
    this.#outcomes = [...this.#outcomes, { callID: entry.callID, peer: entry.peer, kind, text, at: now }];
    this.#goesAt = [...this.#goesAt, performance.now() + this.#ttlMs];
    this.#expiry.arm(this.#goesAt[0]!, performance.now());
  }

  /** A new call with the same person takes the place of what was said of the last one: it goes at once. */
  supersede(peersInCalls: readonly string[]): void {
    const keep = this.#outcomes.map((outcome) => !peersInCalls.includes(outcome.peer));
    if (keep.every(Boolean)) return;
    this.#outcomes = this.#outcomes.filter((_, index) => keep[index]);
    this.#goesAt = this.#goesAt.filter((_, index) => keep[index]);
    this.#expiry.arm(this.#goesAt[0] ?? null, performance.now());
  }

  dispose(): void {
    this.#expiry.dispose();
  }

  #expire(): void {
    const now = performance.now();
    // All stay as long, so the first to go are the first recorded; those due within the timer's
    // millisecond go with them, in one change.
    const gone = this.#goesAt.filter((at) => at <= now + 1).length;
    this.#outcomes = this.#outcomes.slice(gone);
    this.#goesAt = this.#goesAt.slice(gone);
    this.#expiry.arm(this.#goesAt[0] ?? null, now);
    if (gone > 0) this.#changed();
  }
}

export interface EndedHow {
  /** The person called is known to be signed out, which is why nobody answered. */
  peerOffline?: boolean;
  /** This user ended the call (CallManagerSink.history): they know it ended. */
  endedHere?: boolean;
}

/** What the user is told in place of the call; null for calls that need no telling. */
export function outcomeText(entry: Pick<HistoryEntry, 'direction' | 'outcome' | 'peer' | 'detail'>, how: EndedHow = {}): string | null {
  if (entry.outcome === 'answered') return how.endedHere ? null : entry.detail;
  if (entry.direction !== 'outgoing') return null;
  const peerOffline = how.peerOffline ?? false;
  const one = !entry.peer.includes(',');
  switch (entry.outcome) {
    case 'declined':
      return one ? `${entry.peer} declined` : entry.detail;
    case 'no-answer':
      if (!one) return entry.detail;
      return peerOffline ? `${entry.peer} is offline` : `${entry.peer} didn't answer`;
    case 'busy':
      return one ? `${entry.peer} is busy` : entry.detail;
    case 'cancelled':
      return 'cancelled';
    case 'failed':
      return entry.detail;
    case 'missed':
    case 'turned-away':
      return null;
  }
}
