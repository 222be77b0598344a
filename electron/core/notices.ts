/**
 * The notices the main window shows above the calls. Warnings (a damaged settings file, a
 * shortcut not taken) stay until dismissed. Notices about calls (busy, a failed call, an offline
 * callee) expire after a while and make room for newer ones. The same text is never shown twice
 * at once: told again, it moves to the end with a fresh expiry. Expiry runs on the monotonic clock:
 * a wall clock set back an hour (by hand, or synced at last) would keep a notice an hour longer.
 */
import { NOTICE_LIMIT, type Notice, type NoticeKind } from '../../shared/ipc/contract.js';
import { SoonestTimer } from './soonestTimer.js';

/** How long a notice about a call stays, unless dismissed first. */
export const CALL_NOTICE_TTL_MS = 10_000;

export class NoticeBoard {
  #notices: Notice[] = [];
  #nextId = 1;
  /** When each notice about a call goes, by id, in performance.now() time. */
  readonly #expiresAt = new Map<number, number>();
  readonly #expiry = new SoonestTimer(() => this.#expire());
  readonly #changed: () => void;
  readonly #ttlMs: number;

  constructor(changed: () => void, ttlMs = CALL_NOTICE_TTL_MS) {
    this.#changed = changed;
    this.#ttlMs = ttlMs;
  }

  get notices(): Notice[] {
    return this.#notices;
  }

  /** @param now the wall-clock time the notice shows */
  add(kind: NoticeKind, text: string, now = Date.now()): void {
    const id = this.#nextId++;
    if (kind !== 'warning') this.#expiresAt.set(id, performance.now() + this.#ttlMs);
    const notices = [...this.#notices.filter((notice) => notice.text !== text), { id, kind, text, at: now }];
    let excess = notices.filter((notice) => notice.kind !== 'warning').length - NOTICE_LIMIT;
    this.#keep(notices.filter((notice) => notice.kind === 'warning' || excess-- <= 0));
    this.#changed();
  }

  dismiss(id: number): void {
    this.#keep(this.#notices.filter((notice) => notice.id !== id));
    this.#changed();
  }

  dispose(): void {
    this.#expiry.dispose();
  }

  /** Shows `notices`, forgets the expiry of any that went, and arms the timer for the first left to go. */
  #keep(notices: Notice[]): void {
    this.#notices = notices;
    const shown = new Set(notices.map((notice) => notice.id));
    for (const id of this.#expiresAt.keys()) if (!shown.has(id)) this.#expiresAt.delete(id);
    // Not armed at all while only warnings show.
    this.#expiry.arm(this.#expiresAt.size === 0 ? null : Math.min(...this.#expiresAt.values()), performance.now());
  }

  #expire(): void {
    const now = performance.now();
    const before = this.#notices.length;
    this.#keep(this.#notices.filter((notice) => (this.#expiresAt.get(notice.id) ?? Infinity) > now));
    if (this.#notices.length !== before) this.#changed();
  }
}
