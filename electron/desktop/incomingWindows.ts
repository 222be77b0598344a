/**
 * One small always-on-top window per ringing call, stacked up from the bottom-right corner of
 * the work area of the display the main window is on. They never take focus from what the
 * user is doing (showInactive), and they go as soon as their call stops ringing.
 */
import type { BrowserWindow, Rectangle } from 'electron';
import type { AppState, CallView } from '../../shared/ipc/contract.js';
import { stackPositions } from '../../shared/layout/stack.js';
import { diffIncomingWindows } from './incomingDiff.js';
import type { WindowFactory } from './windows.js';

export const INCOMING_WINDOW_SIZE = { width: 360, height: 132 };
const STACK_GAP = 12;

export class IncomingWindows {
  /** Insertion order is arrival order, which is stacking order: the oldest call sits lowest. */
  readonly #windows = new Map<string, BrowserWindow>();
  readonly #createWindow: WindowFactory;
  readonly #workArea: () => Rectangle;

  constructor(createWindow: WindowFactory, workArea: () => Rectangle) {
    this.#createWindow = createWindow;
    this.#workArea = workArea;
  }

  update(state: AppState): void {
    const { open, close } = diffIncomingWindows(new Set(this.#windows.keys()), state);
    if (open.length === 0 && close.length === 0) return;
    for (const callID of close) {
      this.#windows.get(callID)?.close();
      this.#windows.delete(callID);
    }
    for (const call of open) this.#open(call);
    this.reflow();
  }

  /** Puts every window in its slot again: after a change, or when displays or the main window move. */
  reflow(): void {
    const windows = [...this.#windows.values()];
    stackPositions(this.#workArea(), windows.length, INCOMING_WINDOW_SIZE, STACK_GAP).forEach((bounds, index) =>
      windows[index]?.setBounds(bounds),
    );
  }

  #open(call: CallView): void {
    const window = this.#createWindow(
      {
        ...INCOMING_WINDOW_SIZE,
        title: `Incoming call from ${call.peer}`,
        frame: false,
        resizable: false,
        minimizable: false,
        maximizable: false,
        fullscreenable: false,
        alwaysOnTop: true,
        skipTaskbar: true,
      },
      { view: 'incoming', callID: call.callID },
    );
    this.#windows.set(call.callID, window);
    window.once('ready-to-show', () => window.showInactive());
    // A crashed card is closed rather than left blank; the next state change opens it afresh.
    window.webContents.once('render-process-gone', () => window.destroy());
    window.once('closed', () => {
      if (this.#windows.get(call.callID) !== window) return;
      this.#windows.delete(call.callID);
      this.reflow();
    });
  }
}
