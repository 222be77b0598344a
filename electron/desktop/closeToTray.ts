/**
 * Closing the main window hides it instead of destroying it: its page carries the calls' audio
 * (WebRTC lives in a renderer), so it must live as long as the app. Only quitting closes it.
 * Kept free of Electron so the rule is tested without it.
 */

/** What this needs of a BrowserWindow and of its close event. */
export interface HideableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

export class CloseToTray {
  #quitting = false;

  /** From app's before-quit on: closing the window is part of quitting and goes ahead. */
  quitting(): void {
    this.#quitting = true;
  }

  keep(window: HideableWindow): void {
    window.on('close', (event) => {
      if (this.#quitting) return;
      event.preventDefault();
      window.hide();
    });
  }
}
