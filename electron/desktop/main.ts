/**
 * The desktop app's entry: flags, the profile's data directory, one instance per profile, and
 * what must be set before Electron is ready; startDesktop (app.ts) does the rest.
 */
import { app, dialog } from 'electron';
import { startDesktop } from './app.js';
import { appUserModelId } from './appIdentity.js';
import { createLogger, errorText } from './log.js';
import { hardenWebContents, registerAppScheme } from './security.js';
import { planStart } from './startup.js';
import { MainWindowSummons } from './summons.js';

const log = createLogger('desktop');

function main(): void {
  const plan = planStart({
    // From a work tree the argv is [electron, '.', ...flags]; packaged, it is [app, ...flags].
    argv: process.argv.slice(process.defaultApp ? 2 : 1),
    env: process.env,
    cwd: process.cwd(),
    defaultDataDir: app.getPath('userData'),
  });
  if (!plan.ok) {
    // Exit code 0: --help, whose usage is the answer, not an error.
    if (plan.exitCode === 0) console.log(plan.message);
    else console.error(plan.message);
    app.exit(plan.exitCode);
    return;
  }
  // Before taking the lock, which Chromium keeps in the user data directory: each profile (and
  // each SWITCHBOARD_DATA_DIR) runs its own instance, side by side with the others.
  app.setPath('userData', plan.profileDir);
  if (!app.requestSingleInstanceLock()) {
    console.error(`switchboard: already running for ${plan.profileDir}; bringing that window forward`);
    app.quit();
    return;
  }
  // From the first moment, so that a second start during start-up is not lost.
  const summons = new MainWindowSummons();
  app.on('second-instance', (_event, argv) => summons.request(argv));
  app.on('activate', () => summons.request());
  if (process.platform === 'win32') app.setAppUserModelId(appUserModelId(app.isPackaged));
  // Global shortcuts under Wayland (when run with --ozone-platform=wayland) go through the
  // desktop portal; elsewhere the feature does nothing.
  if (process.platform === 'linux') app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
  app.enableSandbox();
  registerAppScheme();
  hardenWebContents(log);
  // Ctrl+C on `npm start` ends calls as a normal quit does; repeats only ask again.
  process.on('SIGINT', () => app.quit());
  process.on('SIGTERM', () => app.quit());
  app
    .whenReady()
    .then(() => startDesktop(plan.options, plan.sharedDataDir, summons, log))
    .catch((error: unknown) => {
      console.error(`switchboard: could not start: ${errorText(error)}`);
      dialog.showErrorBox('Switchboard could not start', errorText(error));
      app.exit(1);
    });
}

main();
