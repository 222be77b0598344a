/**
 * One timer for the soonest of many deadlines: lists whose entries expire (notices, call
 * outcomes) keep a single timer armed for the next one, and none while nothing expires.
 */
export class SoonestTimer {
  #timer: NodeJS.Timeout | null = null;
  readonly #fire: () => void;

  constructor(fire: () => void) {
    this.#fire = fire;
  }

  /** Fires at `at` (epoch ms), replacing whatever was armed; null disarms. */
  arm(at: number | null, now = Date.now()): void {
    this.dispose();
    if (at === null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#fire();
    }, Math.max(0, at - now));
    // An expiry alone never keeps the process running.
    this.#timer.unref();
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
