/**
 * The running desktop app, once Electron is ready: settings, the softphone core, IPC, and the
 * parts that show its state — main window, incoming cards, tray, notifications, shortcuts — each
 * in a module of its own; this file only wires them together.
 */
import { join } from 'node:path';
import { app, screen, type WebContents } from 'electron';
import type { NotificationAnswer } from '../../shared/desktop/notifications.js';
import type { TrayAction } from '../../shared/desktop/tray.js';
import type { AppState } from '../../shared/ipc/contract.js';
import { settingsAfter } from '../core/settings/fromState.js';
import { SettingsStore } from '../core/settings/store.js';
import { HISTORY_FILE } from '../core/paths.js';
import { createSoftphone, type Softphone } from '../core/softphone.js';
import { APP_PAGE_URL } from './appProtocol.js';
import { IncomingWindows } from './incomingWindows.js';
import { serveSoftphone } from './ipc.js';
import { serveMedia } from './mediaIpc.js';
import { createLogger, type Log } from './log.js';
import { MainWindow } from './mainWindow.js';
import { DesktopNotifications } from './notifications.js';
import { backendFor, type DesktopOptions } from './options.js';
import { RENDERER_DIR } from './paths.js';
import { disposeOnQuit } from './quit.js';
import { Renderers } from './renderers.js';
import { secureSession } from './security.js';
import { RingingShortcuts } from './shortcuts.js';
import type { MainWindowSummons } from './summons.js';
import { AppTray } from './tray.js';
import { createUpdates } from './updates.js';
import { createMoreWindow, createWindowFactory } from './windows.js';

/**
 * @param sharedDataDir where the hub secret lives: shared by every profile, so that profiles on
 * one machine can use one another's in-process hub
 * @param summons second starts and Dock clicks, listened to since before Electron was ready
 */
export async function startDesktop(options: DesktopOptions, sharedDataDir: string, summons: MainWindowSummons, log: Log): Promise<void> {
  const settingsStore = new SettingsStore(app.getPath('userData'), log);
  const loaded = await settingsStore.load();
  let settings = loaded.settings;

  // Flags win over settings for this run; what the user changes while it runs is saved.
  const backend = backendFor(options, settings);
  // Before any window: the page may reach ZEGO Express's servers on the ZIM backend only.
  secureSession(RENDERER_DIR, APP_PAGE_URL, log, { zegoExpress: backend.zim !== undefined });
  const updates = createUpdates(settings.autoUpdate, createLogger('updates'));
  const softphone = await createSoftphone({
    dataDir: sharedDataDir,
    ...backend,
    limits: { incoming: options.incomingLimit ?? settings.limits.incoming, outgoing: options.outgoingLimit ?? settings.limits.outgoing },
    callTimeoutS: options.callTimeout,
    shortcuts: settings.shortcuts,
    updates,
    historyPath: join(app.getPath('userData'), HISTORY_FILE),
    historyRetention: options.historyLimit,
    hubTrust: options.hubTrust,
    audio: settings.audio,
    priorityCallers: settings.priorityCallers,
    log: createLogger('core'),
  });
  // Problems the app starts with anyway are logged where they happen and shown in the main
  // window as warnings the user dismisses.
  if (loaded.warning) softphone.warn(loaded.warning);
  for (const text of options.warnings ?? []) {
    log(text);
    softphone.warn(text);
  }
  settingsStore.warnWith((text) => softphone.warn(text));
  if (!backend.hubUrl && !backend.zim) log(`in-process hub at ${softphone.hubUrl} (other softphones can join with --hub ${softphone.hubUrl})`);
  // Before signing in, so that no call can ring in between.
  if (settings.dnd) await softphone.command({ type: 'setDnd', enabled: true });

  const renderers = new Renderers<WebContents>();
  const createWindow = createWindowFactory(renderers, log);
  const stopIpc = serveSoftphone(softphone, renderers, APP_PAGE_URL, log);
  const mainWindow = new MainWindow(createWindow, () => incoming.reflow(), log);
  const stopMedia = serveMedia(softphone, () => mainWindow.current?.webContents ?? null, APP_PAGE_URL, log);
  const answer = answerer(softphone, log);
  const incoming = new IncomingWindows({
    createCard: createWindow,
    createMore: createMoreWindow,
    platform: process.platform,
    workArea: () => {
      const bounds = mainWindow.bounds;
      return (bounds ? screen.getDisplayMatching(bounds) : screen.getPrimaryDisplay()).workArea;
    },
    showAll: () => mainWindow.focus(),
    log,
  });
  const notifications = new DesktopNotifications({
    answer,
    focusCall: (callID) => incoming.focus(callID),
    showMain: () => mainWindow.focus(),
    mainFocused: () => mainWindow.focused,
    log,
  });
  const tray = new AppTray((action) => runTrayAction(action, { softphone, answer, showMain: () => mainWindow.focus(), log }), log);
  const shortcuts = new RingingShortcuts(settings.shortcuts, answer, log);
  for (const problem of shortcuts.probe()) softphone.warn(problem);

  const render = (state: AppState): void => {
    incoming.update(state);
    tray.update(state);
    notifications.update(state);
    shortcuts.update(state);
  };
  const stopRender = softphone.onState(render);
  let previous = softphone.state;
  const stopSettings = softphone.onState((state) => {
    // `previous` moves first: a warning below emits a state of its own, which lands here again.
    const before = previous;
    previous = state;
    const updated = settingsAfter(settings, before, state);
    if (updated !== settings) {
      settings = updated;
      void settingsStore.save(settings);
    }
    if (state.shortcuts && state.shortcuts !== before.shortcuts) {
      for (const problem of shortcuts.rebind(state.shortcuts)) softphone.warn(problem);
    }
  });

  // The stack follows the main window's display, and displays that change.
  const reflow = (): void => incoming.reflow();
  screen.on('display-added', reflow).on('display-removed', reflow).on('display-metrics-changed', reflow);
  // Closing the main window leaves the app in the tray, where calls still ring; Quit ends it.
  app.on('window-all-closed', () => undefined);
  // Quitting closes every window, and Electron quits only once they are all closed: from here on
  // nothing may open one (incomingWindows.ts, "#quitting").
  app.on('before-quit', () => {
    mainWindow.quit();
    incoming.quit();
  });
  disposeOnQuit(async () => {
    // Settings first: signing out on the way out is no sign-out to remember.
    stopSettings();
    updates.dispose();
    stopRender();
    shortcuts.dispose();
    notifications.dispose();
    tray.dispose();
    screen.off('display-added', reflow).off('display-removed', reflow).off('display-metrics-changed', reflow);
    stopIpc();
    stopMedia();
    await softphone.dispose();
    await settingsStore.idle;
  }, log);

  mainWindow.open();
  summons.attach(() => mainWindow.focus(), (text) => softphone.warn(text));
  render(softphone.state);
  updates.start();
  const user = options.user ?? settings.lastUser ?? undefined;
  if (user !== undefined) {
    const result = await softphone.command({ type: 'signIn', userID: user });
    if (!result.ok) softphone.warn(`Could not sign in as ${user}: ${result.error}`);
  }
}

/** Answers from outside the main window (notification, tray, shortcut): a refusal is shown there too, not only logged. */
function answerer(softphone: Softphone, log: Log): (callID: string, answer: NotificationAnswer) => void {
  return (callID, answer) => {
    void softphone.command({ type: answer, callID }).then((result) => {
      if (result.ok) return;
      log(`${answer} call ${callID}: ${result.error}`);
      softphone.warn(result.error);
    });
  };
}

interface TrayContext {
  softphone: Softphone;
  answer: (callID: string, answer: NotificationAnswer) => void;
  showMain(): void;
  log: Log;
}

function runTrayAction(action: TrayAction, context: TrayContext): void {
  switch (action.type) {
    case 'accept':
    case 'decline':
      return context.answer(action.callID, action.type);
    case 'setDnd':
      void context.softphone.command({ type: 'setDnd', enabled: action.enabled }).then((result) => {
        if (!result.ok) context.log(`do not disturb: ${result.error}`);
      });
      return;
    case 'show':
      return context.showMain();
    case 'quit':
      return app.quit();
  }
}
