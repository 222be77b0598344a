/**
 * Our windows: all load the one renderer page with the same locked-down webPreferences and are
 * registered as renderers. The main window's own behaviour is in mainWindow.ts.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { appPageUrl } from './appProtocol.js';
import type { Log } from './log.js';
import { APP_ICON_PATH, PRELOAD_PATH } from './paths.js';
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
 * The "+N more" window: not our app page and given no preload, so it cannot reach the softphone;
 * it shows a data: page (shared/desktop/morePage.ts) and needs no script.
 */
export function createMoreWindow(options: BrowserWindowConstructorOptions): BrowserWindow {
  return new BrowserWindow({
    ...options,
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      javascript: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
