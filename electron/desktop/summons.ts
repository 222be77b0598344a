/**
 * A second start of the app (second-instance) or a click on the Dock icon (activate) asks for the
 * main window. Both can happen while the app is still starting, before there is a window to show;
 * main.ts listens from the first moment, and the request waits here until the window exists. A
 * second start with flags of ours is also told to the user (secondStartNotice): it changes nothing
 * in this run, and without a word its flags would seem taken.
 */
import { secondStartNotice } from './options.js';

export class MainWindowSummons {
  #show: (() => void) | null = null;
  #warn: ((text: string) => void) | null = null;
  #pending = false;
  readonly #untold: string[] = [];

  /** @param argv the second start's command line; none for a Dock click */
  request(argv: readonly string[] = []): void {
    const notice = secondStartNotice(argv);
    if (notice !== null && this.#warn) this.#warn(notice);
    else if (notice !== null) this.#untold.push(notice);
    if (this.#show) this.#show();
    else this.#pending = true;
  }

  /** The main window exists: a request that came during start-up is answered now, and told. */
  attach(show: () => void, warn: (text: string) => void): void {
    this.#show = show;
    this.#warn = warn;
    for (const notice of this.#untold.splice(0)) warn(notice);
    if (!this.#pending) return;
    this.#pending = false;
    show();
  }
}
