/**
 * Our windows: all load the one renderer page with the same locked-down webPreferences and are
 * registered as renderers; the main window is the one the app is about.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type Rectangle, type WebContents } from 'electron';
import { appPageUrl } from './appProtocol.js';
import type { Log } from './log.js';
import { APP_ICON_PATH, PRELOAD_PATH } from './paths.js';
import type { CloseToTray } from './closeToTray.js';
import type { Renderers } from './renderers.js';

/** Opens a hidden window on our page; `query` picks the view (e.g. view=incoming). */
export type WindowFactory = (options: BrowserWindowConstructorOptions, query?: Record<string, string>) => BrowserWindow;

export function createWindowFactory(renderers: Renderers<WebContents>, log: Log): WindowFactory {
  return (options, query = {}) => {
    const window = new BrowserWindow({
      icon: APP_ICON_PATH,
      ...options,
      show: false,
      webPreferences: {
        // The preload is ours, bundled with the app, and exposes the three functions of
        // SoftphoneApi only; every argument is checked again in main (ipc.ts).
        preload: PRELOAD_PATH, // eng-disable PRELOAD_JS_CHECK
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        // A middle click would open a link in a new window without passing setWindowOpenHandler's check.
        disableBlinkFeatures: 'Auxclick',
        // The ringtone of a call that rings before anyone touched the window.
        autoplayPolicy: 'no-user-gesture-required',
      },
    });
    renderers.add(window.webContents);
    const url = appPageUrl(query);
    window.loadURL(url).catch((error: unknown) => {
      // A window closed while loading rejects too; either way it is only worth a line.
      log(`loading ${url} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return window;
  };
}

/**
 * The main window. Closing it hides it (closeToTray.ts): its page carries the calls' audio, so
 * it lives as long as the app, which goes on in the tray.
 */
export class MainWindow {
  readonly #createWindow: WindowFactory;
  readonly #moved: () => void;
  readonly #closeToTray: CloseToTray;
  #window: BrowserWindow | null = null;
  #lastBounds: Rectangle | null = null;

  /** `moved` is told when the window moved, possibly to another display. */
  constructor(createWindow: WindowFactory, moved: () => void, closeToTray: CloseToTray) {
    this.#createWindow = createWindow;
    this.#moved = moved;
    this.#closeToTray = closeToTray;
  }

  get current(): BrowserWindow | null {
    return this.#window;
  }

  /** Where the window is, or was when it was closed: incoming calls stack on that display. */
  get bounds(): Rectangle | null {
    return this.#window?.getBounds() ?? this.#lastBounds;
  }

  get focused(): boolean {
    return this.#window?.isFocused() ?? false;
  }

  /** Opens the window if it is not open; it shows itself once its page has rendered. */
  open(): BrowserWindow {
    if (this.#window) return this.#window;
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
      this.#lastBounds = window.getBounds();
    });
    this.#closeToTray.keep(window);
    window.once('closed', () => {
      this.#window = null;
    });
    return window;
  }

  /** Brings the window to the front: a second start, the tray, a notification, "+N more". */
  focus(): void {
    const window = this.open();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}
