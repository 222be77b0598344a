/**
 * The installed app updates itself with electron-updater, from the release feed that
 * electron-builder.yml's `publish` names (the project's GitHub releases). What happens when is
 * decided by UpdateController (electron/core/update/controller.ts); this file only hands it
 * autoUpdater's check, download and install. A run from the work tree (`npm start`) has nothing
 * to update and says so.
 */
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { UpdateController, type UpdateSource } from '../core/update/controller.js';
import type { Log } from './log.js';

export function createUpdates(autoCheck: boolean, log: Log): UpdateController {
  const source: UpdateSource | { unavailable: string } = app.isPackaged
    ? autoUpdaterSource(log)
    : { unavailable: 'this run is not an installed app (npm start); installed apps update themselves' };
  return new UpdateController({ version: app.getVersion(), source, autoCheck, log });
}

function autoUpdaterSource(log: Log): UpdateSource {
  const { autoUpdater } = electronUpdater;
  // The controller decides when to download and when to restart.
  autoUpdater.autoDownload = false;
  // A downloaded update also installs when the user quits; quitting has ended the calls by then.
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.logger = { info: (message) => log(String(message)), warn: (message) => log(String(message)), error: (message) => log(String(message)) };
  return {
    async check() {
      const result = await autoUpdater.checkForUpdates();
      return result?.isUpdateAvailable ? { version: result.updateInfo.version } : null;
    },
    async download() {
      // Verifies the sha512 the feed gives; a wrong or partial file rejects here and is discarded.
      await autoUpdater.downloadUpdate();
    },
    install() {
      autoUpdater.quitAndInstall();
    },
  };
}
