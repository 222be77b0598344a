/**
 * Our windows: all load the one renderer page with the same locked-down webPreferences and are
 * registered as renderers; the main window is the one the app is about.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import type { Log } from './log.js';
import { PRELOAD_PATH, RENDERER_INDEX } from './paths.js';
import type { Renderers } from './renderers.js';

/** Opens a hidden window on our page; `query` picks the view (e.g. view=incoming). */
export type WindowFactory = (options: BrowserWindowConstructorOptions, query?: Record<string, string>) => BrowserWindow;

export function createWindowFactory(renderers: Renderers<WebContents>, log: Log): WindowFactory {
  return (options, query = {}) => {
    const window = new BrowserWindow({
      ...options,
      show: false,
      webPreferences: {
        preload: PRELOAD_PATH,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    renderers.add(window.webContents);
    window.loadFile(RENDERER_INDEX, { query }).catch((error: unknown) => {
      // A window closed while loading rejects too; either way it is only worth a line.
      log(`loading ${RENDERER_INDEX} ${JSON.stringify(query)} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    return window;
  };
}

export interface MainWindowEvents {
  /** The window moved, possibly to another display. */
  moved(): void;
  closed(): void;
}

/** The main window, opened again on demand after it was closed (macOS keeps the app running). */
export class MainWindow {
  readonly #createWindow: WindowFactory;
  readonly #events: MainWindowEvents;
  #window: BrowserWindow | null = null;

  constructor(createWindow: WindowFactory, events: MainWindowEvents) {
    this.#createWindow = createWindow;
    this.#events = events;
  }

  get current(): BrowserWindow | null {
    return this.#window;
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
    window.on('move', () => this.#events.moved());
    window.once('closed', () => {
      this.#window = null;
      this.#events.closed();
    });
    return window;
  }

  /** Brings the window to the front, e.g. when the app is started a second time. */
  focus(): void {
    const window = this.open();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}
