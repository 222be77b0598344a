/**
 * The desktop app's entry: flags, the profile's data directory, one instance per profile, and
 * what must be set before Electron is ready; startDesktop (app.ts) does the rest.
 */
import { app, dialog } from 'electron';
import { DATA_DIR_ENV } from '../core/paths.js';
import { startDesktop } from './app.js';
import { APP_ID } from './appIdentity.js';
import { createLogger, errorText } from './log.js';
import { parseDesktopOptions, profileDataDir, type DesktopOptions } from './options.js';
import { hardenWebContents, registerAppScheme } from './security.js';

const log = createLogger('desktop');

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
  // Before taking the lock, which Chromium keeps in the user data directory: each profile (and
  // each SWITCHBOARD_DATA_DIR) runs its own instance, side by side with the others.
  const sharedDataDir = process.env[DATA_DIR_ENV] || app.getPath('userData');
  app.setPath('userData', profileDataDir(sharedDataDir, options.profile));
  if (!app.requestSingleInstanceLock()) {
    console.error(`switchboard: already running for ${app.getPath('userData')}; bringing that window forward`);
    app.quit();
    return;
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  app.enableSandbox();
  registerAppScheme();
  hardenWebContents(log);
  // Ctrl+C on `npm start` ends calls as a normal quit does; repeats only ask again.
  process.on('SIGINT', () => app.quit());
  process.on('SIGTERM', () => app.quit());
  app
    .whenReady()
    .then(() => startDesktop(options, sharedDataDir, log))
    .catch((error: unknown) => {
      console.error(`switchboard: could not start: ${errorText(error)}`);
      dialog.showErrorBox('Switchboard could not start', errorText(error));
      app.exit(1);
    });
}

main();
