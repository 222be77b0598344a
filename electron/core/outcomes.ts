/**
 * How each call this user placed ended without being answered, told where it happened: in place
 * of the outgoing call, for a few seconds ("bob declined", "bob didn't answer", "bob is busy",
 * "cancelled"), instead of the call just vanishing.
 */
import type { CallOutcomeView, HistoryEntry } from '../../shared/ipc/contract.js';
import { SoonestTimer } from './soonestTimer.js';

/** How long an outcome stays in place of its call. */
export const OUTCOME_TTL_MS = 6_000;

export class RecentOutcomes {
  #outcomes: CallOutcomeView[] = [];
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
   * Takes every ended call; keeps those this user placed that were never answered. `peerOffline`:
   * the person called is known to be signed out, which is why nobody answered.
   */
  record(entry: Omit<HistoryEntry, 'id'>, peerOffline = false, now = Date.now()): void {
    const text = outcomeText(entry, peerOffline);
    if (text === null) return;
    this.#outcomes = [...this.#outcomes, { callID: entry.callID, peer: entry.peer, text, at: now }];
    this.#expiry.arm(this.#outcomes[0]!.at + this.#ttlMs, now);
  }

  dispose(): void {
    this.#expiry.dispose();
  }

  #expire(): void {
    const now = Date.now();
    this.#outcomes = this.#outcomes.filter((outcome) => outcome.at + this.#ttlMs > now);
    this.#expiry.arm(this.#outcomes[0] ? this.#outcomes[0].at + this.#ttlMs : null, now);
    this.#changed();
  }
}

/** What the caller is told in place of the call; null for calls that need no telling. */
export function outcomeText(entry: Pick<HistoryEntry, 'direction' | 'outcome' | 'peer' | 'detail'>, peerOffline = false): string | null {
  if (entry.direction !== 'outgoing') return null;
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
    case 'answered':
    case 'missed':
    case 'turned-away':
      return null;
  }
}
