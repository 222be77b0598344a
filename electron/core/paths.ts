/**
 * The user data directory outside Electron (hub, browser mode). Electron's own app.getPath('userData')
 * is used by the desktop app; SWITCHBOARD_DATA_DIR overrides both, which tests and several
 * profiles on one machine rely on.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DATA_DIR_ENV = 'SWITCHBOARD_DATA_DIR';

/**
 * What is wrong with SWITCHBOARD_DATA_DIR's value, or null. No shell expands a quoted "~/x", and
 * taken as it is it would make a directory named "~" wherever the app was started.
 */
export function dataDirProblem(value: string): string | null {
  if (!/^~($|[\\/])/.test(value)) return null;
  return `${DATA_DIR_ENV}="${value}": a leading ~ is not expanded here; give the whole path, e.g. ${join(homedir(), value.slice(2))}`;
}

/**
 * Makes a directory of the user's data, with its parents, readable by its owner only: the data
 * directory holds the hub's secret, the users a hub has met and the call log. A directory that
 * already exists is left as it is.
 */
export function makePrivateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Throws, naming the variable, for a SWITCHBOARD_DATA_DIR that dataDirProblem refuses. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const override = env[DATA_DIR_ENV];
  if (override) {
    const problem = dataDirProblem(override);
    if (problem) throw new Error(problem);
    return override;
  }
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Switchboard');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Switchboard');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Switchboard');
}

/** The call log's database file. */
export const HISTORY_FILE = 'history.sqlite';

/**
 * Browser mode keeps one call log per user in the data directory; the desktop app one per profile.
 * User IDs may be "." or "..", which as directory names are users/ and the data directory itself
 * (where the desktop app keeps its history): those two are spelled with "%", which no user ID holds.
 */
export function userHistoryPath(dataDir: string, userID: string): string {
  const directory = userID === '.' || userID === '..' ? userID.replaceAll('.', '%2E') : userID;
  return join(dataDir, 'users', directory, HISTORY_FILE);
}
