/**
 * The notices the main window shows above the calls. Warnings (a damaged settings file, a
 * shortcut not taken) stay until dismissed. Notices about calls (busy, a failed call, an offline
 * callee) expire after a while and make room for newer ones. The same text is never shown twice
 * at once: told again, it moves to the end with a fresh expiry.
 */
import { NOTICE_LIMIT, type Notice, type NoticeKind } from '../../shared/ipc/contract.js';
import { SoonestTimer } from './soonestTimer.js';

/** How long a notice about a call stays, unless dismissed first. */
export const CALL_NOTICE_TTL_MS = 10_000;

export class NoticeBoard {
  #notices: Notice[] = [];
  #nextId = 1;
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

  add(kind: NoticeKind, text: string, now = Date.now()): void {
    const notices = [...this.#notices.filter((notice) => notice.text !== text), { id: this.#nextId++, kind, text, at: now }];
    let excess = notices.filter((notice) => notice.kind !== 'warning').length - NOTICE_LIMIT;
    this.#notices = notices.filter((notice) => notice.kind === 'warning' || excess-- <= 0);
    this.#schedule(now);
    this.#changed();
  }

  dismiss(id: number): void {
    this.#notices = this.#notices.filter((notice) => notice.id !== id);
    this.#changed();
  }

  dispose(): void {
    this.#expiry.dispose();
  }

  /** Armed for the notice that expires first; not at all while only warnings show. */
  #schedule(now: number): void {
    const expiring = this.#notices.filter((notice) => notice.kind !== 'warning');
    this.#expiry.arm(expiring.length === 0 ? null : Math.min(...expiring.map((notice) => notice.at)) + this.#ttlMs, now);
  }

  #expire(): void {
    const now = Date.now();
    const before = this.#notices.length;
    this.#notices = this.#notices.filter((notice) => notice.kind === 'warning' || notice.at + this.#ttlMs > now);
    this.#schedule(now);
    if (this.#notices.length !== before) this.#changed();
  }
}
