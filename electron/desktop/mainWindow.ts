/**
 * The main window, the one the app is about: brought forward by a second start, the tray, a
 * notification or "+N more", and never opened again once quitting has begun. Closing it hides it
 * rather than destroying it: its page carries the calls' audio (WebRTC lives in a renderer), so it
 * lives as long as the app, which goes on in the tray. Only quitting closes it. A page whose
 * renderer crashes is reloaded, so the window does not stay blank while calls go on without it.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

/** What this file uses of a BrowserWindow: the seam where tests put a fake window. */
export interface AppWindow {
  once(event: 'ready-to-show' | 'closed', listener: () => void): unknown;
  on(event: 'move', listener: () => void): unknown;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
  getNormalBounds(): Rectangle;
  isFocused(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  readonly webContents: {
    on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
    reload(): void;
  };
}

/** A crash this soon after a reload is a page that cannot run: it is not reloaded again at once. */
const CRASH_LOOP_MS = 30_000;

/** The main window; `W` is what the factory makes (a BrowserWindow in the app, a fake in tests). */
export class MainWindow<W extends AppWindow = AppWindow> {
  readonly #createWindow: (options: BrowserWindowConstructorOptions) => W;
  readonly #moved: () => void;
  #window: W | null = null;
  #lastBounds: Rectangle | null = null;
  /** Once quitting begins nothing opens the window again: a new window would keep the app from quitting. */
  #quitting = false;
  readonly #log: (line: string) => void;
  readonly #now: () => number;

  /**
   * @param moved told when the window moved, possibly to another display
   * @param now a monotonic clock in ms, for the crash loop
   */
  constructor(
    createWindow: (options: BrowserWindowConstructorOptions) => W,
    moved: () => void,
    log: (line: string) => void,
    now: () => number = () => performance.now(),
  ) {
    this.#createWindow = createWindow;
    this.#moved = moved;
    this.#log = log;
    this.#now = now;
  }

  /** The window, while it exists (hidden or not). */
  get current(): W | null {
    return this.#window;
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
  open(): W | null {
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
    window.on('close', (event) => {
      this.#lastBounds = window.getNormalBounds();
      if (this.#quitting) return;
      event.preventDefault();
      window.hide();
    });
    window.once('closed', () => {
      this.#window = null;
    });
    this.#reloadWhenGone(window);
    return window;
  }

  #reloadWhenGone(window: W): void {
    let reloadedAt = -Infinity;
    window.webContents.on('render-process-gone', (_event, { reason }) => {
      if (reason === 'clean-exit' || this.#quitting) return;
      if (this.#now() - reloadedAt < CRASH_LOOP_MS) {
        this.#log(`the main window's page crashed again (${reason}) within ${CRASH_LOOP_MS / 1000} s of a reload: not reloading it; quit and start Switchboard again`);
        return;
      }
      this.#log(`the main window's page crashed (${reason}): reloading it`);
      reloadedAt = this.#now();
      window.webContents.reload();
    });
  }

  /** Brings the window to the front: a second start, the tray, a notification, "+N more". */
  focus(): void {
    const window = this.open();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  /** Quitting begins: Electron closes the window itself, which this lets happen, and nothing opens it again. */
  quit(): void {
    this.#quitting = true;
  }
}
