#!/usr/bin/env node
/**
 * `npm start [-- --user alice …]`: builds the renderer, main and preload, then runs the app in
 * Electron with the flags given. Without an Electron binary it says so, and names the modes
 * that need none, before building anything.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appArguments, locateElectron, mayDownload, unavailableMessage } from './electron-binary.mjs';
import { machineProbe, platformSwitches } from './platform-switches.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

const locate = () =>
  locateElectron({
    electronDir,
    env: process.env,
    platform: process.platform,
    readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
    exists: existsSync,
  });

let electron = locate();
if (!electron.ok && mayDownload(process.env)) {
  // What electron's index.js does on first use; its stack trace is shortened to the first line.
  const download = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  electron = locate();
  if (!electron.ok && download.status !== 0) {
    const cause = download.stderr.trim().split('\n')[0] || `exit code ${download.status}`;
    electron = { ok: false, reason: `downloading it failed: ${cause}` };
  }
}
if (!electron.ok) {
  console.error(unavailableMessage(electron.reason));
  process.exit(1);
}

const vite = join(dirname(require.resolve('vite/package.json')), 'bin/vite.js');
for (const [what, args] of [
  ['building the renderer', [vite, 'build', '--logLevel', 'warn']],
  ['building main and preload', [join(root, 'scripts/build-desktop.mjs')]],
]) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`switchboard: ${what} failed`);
    process.exit(result.status ?? 1);
  }
}

const args = appArguments(process.argv.slice(2));
const { switches, warnings } = platformSwitches(machineProbe(electron.path, args));
for (const warning of warnings) console.error(`switchboard: warning: ${warning}`);
// `.` runs package.json's "main" (out/main/index.js) with the app's own name, and so its own
// user data directory; starting the file directly would make it "Electron".
const app = spawn(electron.path, ['.', ...switches, ...args], { cwd: root, stdio: 'inherit' });
// Ctrl+C reaches Electron from the terminal already; a second SIGINT would cut short its quit,
// which ends the calls properly. A SIGTERM sent to this script alone is passed on.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => app.kill('SIGTERM'));
app.on('exit', (code, signal) => {
  if (signal) console.error(`switchboard: Electron exited on ${signal}`);
  process.exit(code ?? 1);
});
