/** electron-builder.yml's appId: Windows files the app's notifications under it. */
export const APP_ID = 'com.switchboard.softphone';

/**
 * The Windows AppUserModelID of this run. `npm start` runs Electron from the work tree, and
 * Electron's development shortcut would take over the installed app's ID (its taskbar entry and
 * notifications): a run that is not packaged uses an ID of its own.
 */
export function appUserModelId(isPackaged: boolean): string {
  return isPackaged ? APP_ID : `${APP_ID}.dev`;
}
