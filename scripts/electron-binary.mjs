/**
 * Finds the Electron executable as node_modules/electron/index.js does, but without that
 * module's side effect: requiring it starts a download when the binary is missing, and running
 * it is the only way it reports anything. Here the probe is a plain answer that can be tested.
 */
import { join } from 'node:path';

export const OVERRIDE_ENV = 'ELECTRON_OVERRIDE_DIST_PATH';

/** What electron's install.js writes to path.txt, per platform. */
const EXECUTABLES = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  mas: 'Electron.app/Contents/MacOS/Electron',
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
  win32: 'electron.exe',
};

/** Where the executable is, or why there is none; types in electron-binary.d.mts. */
export function locateElectron({ electronDir, env, platform, readFile, exists }) {
  const pathFile = join(electronDir, 'path.txt');
  const recorded = readFile(pathFile);
  const override = env[OVERRIDE_ENV];
  if (override) {
    const executable = recorded ?? EXECUTABLES[platform];
    if (!executable) return { ok: false, reason: `Electron has no build for ${platform}` };
    const path = join(override, executable);
    return exists(path) ? { ok: true, path } : { ok: false, reason: `${OVERRIDE_ENV} is set, but ${path} does not exist` };
  }
  if (recorded === undefined) return { ok: false, reason: `it was never downloaded (${pathFile} is missing)` };
  const path = join(electronDir, 'dist', recorded);
  return exists(path) ? { ok: true, path } : { ok: false, reason: `${path} is missing` };
}

/** Electron downloads its binary on first use; with an override, the binary is the user's business. */
export function mayDownload(env) {
  return !env[OVERRIDE_ENV];
}

/** The arguments for the app: npm passes those after `--` on, a direct `node scripts/start.mjs -- …` keeps the `--`. */
export function appArguments(argv) {
  return argv[0] === '--' ? argv.slice(1) : [...argv];
}

export function unavailableMessage(reason) {
  return [
    `switchboard: the Electron binary could not be found or downloaded: ${reason}.`,
    'Switchboard runs without it in your browser:',
    '  npm run web -- --user alice    one softphone in browser mode',
    '  npm run demo                   a hub and three softphones',
    `To use an Electron you already have, set ${OVERRIDE_ENV} to the folder that holds it.`,
  ].join('\n');
}
