/**
 * The desktop app's composition root: flags, one instance per data directory, the softphone
 * core, IPC, windows, and a quit that ends calls properly. Each part lives in its own module;
 * this file only wires them together.
 */
import { app, dialog, screen, type WebContents } from 'electron';
import { DATA_DIR_ENV } from '../core/paths.js';
import { createSoftphone } from '../core/softphone.js';
import { IncomingWindows } from './incomingWindows.js';
import { serveSoftphone } from './ipc.js';
import { createLogger } from './log.js';
import { parseDesktopOptions, type DesktopOptions } from './options.js';
import { APP_PAGE_URL } from './paths.js';
import { Renderers } from './renderers.js';
import { hardenWebContents, restrictPermissions } from './security.js';
import { createWindowFactory, MainWindow } from './windows.js';

const log = createLogger('desktop');
/** A hub that stopped answering must not keep the app from quitting. */
const QUIT_TIMEOUT_MS = 5_000;

function main(): void {
  let options: DesktopOptions;
  try {
    // From a work tree the argv is [electron, '.', ...flags]; packaged, it is [app, ...flags].
    options = parseDesktopOptions(process.argv.slice(process.defaultApp ? 2 : 1), process.env);
  } catch (error) {
    console.error(`switchboard: ${errorText(error)}`);
    app.exit(2);
    return;
  }
  // Before taking the lock, which Chromium keeps in the user data directory: profiles with
  // directories of their own (SWITCHBOARD_DATA_DIR) run side by side.
  const dataDir = process.env[DATA_DIR_ENV];
  if (dataDir) app.setPath('userData', dataDir);
  if (!app.requestSingleInstanceLock()) {
    console.error(`switchboard: already running for ${app.getPath('userData')}; bringing that window forward`);
    app.quit();
    return;
  }
  app.enableSandbox();
  hardenWebContents(log);
  // Ctrl+C on `npm start` ends calls as a normal quit does; repeats only ask again.
  process.on('SIGINT', () => app.quit());
  process.on('SIGTERM', () => app.quit());
  app
    .whenReady()
    .then(() => start(options))
    .catch((error: unknown) => {
      console.error(`switchboard: could not start: ${errorText(error)}`);
      dialog.showErrorBox('Switchboard could not start', errorText(error));
      app.exit(1);
    });
}

async function start(options: DesktopOptions): Promise<void> {
  restrictPermissions(APP_PAGE_URL, log);
  const softphone = await createSoftphone({
    dataDir: app.getPath('userData'),
    hubUrl: options.hub,
    userID: options.user,
    limits: { incoming: options.incomingLimit, outgoing: options.outgoingLimit },
    callTimeoutS: options.callTimeout,
    log: createLogger('core'),
  });
  if (!options.hub) log(`in-process hub at ${softphone.hubUrl} (other softphones can join with --hub ${softphone.hubUrl})`);

  const renderers = new Renderers<WebContents>();
  const createWindow = createWindowFactory(renderers, log);
  const stopIpc = serveSoftphone(softphone, renderers, APP_PAGE_URL, log);
  // The stack follows the main window's display, and displays that change.
  const reflow = (): void => incoming.reflow();
  const mainWindow = new MainWindow(createWindow, {
    moved: reflow,
    closed: () => {
      // Closing the main window quits, except on macOS, where the app stays in the dock and calls still ring.
      if (process.platform !== 'darwin') app.quit();
    },
  });
  const incoming = new IncomingWindows(createWindow, () => {
    const bounds = mainWindow.current?.getBounds();
    return (bounds ? screen.getDisplayMatching(bounds) : screen.getPrimaryDisplay()).workArea;
  });
  const stopIncoming = softphone.onState((state) => incoming.update(state));
  screen.on('display-added', reflow).on('display-removed', reflow).on('display-metrics-changed', reflow);

  // Without a listener Electron quits when the last window closes; MainWindow's closed() decides.
  app.on('window-all-closed', () => undefined);
  app.on('second-instance', () => mainWindow.focus());
  app.on('activate', () => mainWindow.open());
  disposeOnQuit(async () => {
    stopIncoming();
    stopIpc();
    await softphone.dispose();
  });

  mainWindow.open();
  incoming.update(softphone.state);
}

/** Holds the quit until `dispose` has ended the calls and closed the connection, or given up. */
function disposeOnQuit(dispose: () => Promise<void>): void {
  let phase: 'running' | 'disposing' | 'disposed' = 'running';
  app.on('will-quit', (event) => {
    if (phase === 'disposed') return;
    event.preventDefault();
    if (phase === 'disposing') return;
    phase = 'disposing';
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        log(`quitting without waiting longer for the calls to end (${QUIT_TIMEOUT_MS} ms)`);
        resolve();
      }, QUIT_TIMEOUT_MS);
    });
    Promise.race([dispose(), timeout])
      .catch((error: unknown) => log(`ending calls on quit failed: ${errorText(error)}`))
      .finally(() => {
        clearTimeout(timer);
        phase = 'disposed';
        app.quit();
      });
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main();
