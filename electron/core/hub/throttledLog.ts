/**
 * A log for lines a client can cause at will (bad frames, refused connections): the first few
 * in each window are written in full, the rest are counted and summarised in one line when the
 * window ends, so a flood of garbage cannot flood the log or spend the hub's time writing it.
 */

export const NOISY_LINES_PER_WINDOW = 10;
export const NOISY_WINDOW_MS = 10_000;

export class ThrottledLog {
  readonly #log: (line: string) => void;
  readonly #now: () => number;
  #windowStart = -Infinity;
  #written = 0;
  #dropped = 0;
  #lastDropped = '';
  #timer: NodeJS.Timeout | null = null;

  constructor(log: (line: string) => void, now: () => number) {
    this.#log = log;
    this.#now = now;
  }

  write(line: string): void {
    const at = this.#now();
    if (at - this.#windowStart >= NOISY_WINDOW_MS) {
      this.flush();
      this.#windowStart = at;
      this.#written = 0;
    }
    if (this.#written < NOISY_LINES_PER_WINDOW) {
      this.#written += 1;
      this.#log(line);
      return;
    }
    this.#dropped += 1;
    this.#lastDropped = line;
    this.#timer ??= setTimeout(() => this.flush(), NOISY_WINDOW_MS).unref();
  }

  /** Writes the summary of what was held back, if anything was. */
  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#dropped === 0) return;
    this.#log(`${this.#dropped} more lines like these were not written in the last ${NOISY_WINDOW_MS / 1000} s; the last: ${this.#lastDropped}`);
    this.#dropped = 0;
    this.#lastDropped = '';
  }
}
