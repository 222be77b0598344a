/**
 * A second start of the app (second-instance) or a click on the Dock icon (activate) asks for the
 * main window. Both can happen while the app is still starting, before there is a window to show;
 * main.ts listens from the first moment, and the request waits here until the window exists.
 */
export class MainWindowSummons {
  #show: (() => void) | null = null;
  #pending = false;

  request(): void {
    if (this.#show) this.#show();
    else this.#pending = true;
  }

  /** The main window exists: a request that came during start-up is answered now. */
  attach(show: () => void): void {
    this.#show = show;
    if (!this.#pending) return;
    this.#pending = false;
    show();
  }
}
