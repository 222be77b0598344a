/**
 * The main window, the one the app is about: opened on demand (the app lives on in the tray
 * when it is closed), brought forward by a second start, the tray, a notification or "+N more",
 * and never opened again once quitting has begun.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

/** What this file uses of a BrowserWindow: the seam where tests put a fake window. */
export interface AppWindow {
  once(event: 'ready-to-show' | 'closed', listener: () => void): unknown;
  on(event: 'move' | 'close', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isFocused(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** The main window, opened again on demand after it was closed: the app lives on in the tray. */
export class MainWindow {
  readonly #createWindow: (options: BrowserWindowConstructorOptions) => AppWindow;
  readonly #moved: () => void;
  #window: AppWindow | null = null;
  #lastBounds: Rectangle | null = null;
  /** Once quitting begins nothing opens the window again: a new window would keep the app from quitting. */
  #quitting = false;

  /** `moved` is told when the window moved, possibly to another display. */
  constructor(createWindow: (options: BrowserWindowConstructorOptions) => AppWindow, moved: () => void) {
    this.#createWindow = createWindow;
    this.#moved = moved;
  }

  /**
   * Where the window is, or was when it was closed: incoming calls stack on that display. The
   * normal bounds, because a minimized window's own bounds are off screen on some systems.
   */
  get bounds(): Rectangle | null {
    return this.#window?.getNormalBounds() ?? this.#lastBounds;
  }

  get focused(): boolean {
    return this.#window?.isFocused() ?? false;
  }

  /** Opens the window if it is not open; it shows itself once its page has rendered. */
  open(): AppWindow | null {
    if (this.#window || this.#quitting) return this.#window;
    const window = this.#createWindow({
      title: 'Switchboard',
      width: 1024,
      height: 720,
      minWidth: 380,
      minHeight: 520,
      autoHideMenuBar: true,
    });
    this.#window = window;
    window.once('ready-to-show', () => window.show());
    window.on('move', () => this.#moved());
    window.on('close', () => {
      this.#lastBounds = window.getNormalBounds();
    });
    window.once('closed', () => {
      this.#window = null;
    });
    return window;
  }

  /** Brings the window to the front: a second start, the tray, a notification, "+N more". */
  focus(): void {
    const window = this.open();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** Quitting begins: Electron closes the window itself; this keeps it from opening again. */
  quit(): void {
    this.#quitting = true;
  }
}
