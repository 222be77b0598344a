import { describe, expect, it } from 'vitest';
import { appArguments, locateElectron, mayDownload, OVERRIDE_ENV, unavailableMessage, type ElectronProbe } from './electron-binary.mjs';

const ELECTRON_DIR = '/repo/node_modules/electron';

/** A file system holding exactly `files` (path → text). */
function probe(files: Record<string, string>, env: Record<string, string> = {}, platform = 'linux'): ElectronProbe {
  return {
    electronDir: ELECTRON_DIR,
    env,
    platform,
    readFile: (path) => files[path],
    exists: (path) => path in files,
  };
}

describe('locateElectron', () => {
  it('finds the binary that the download recorded in path.txt', () => {
    const files = { [`${ELECTRON_DIR}/path.txt`]: 'electron', [`${ELECTRON_DIR}/dist/electron`]: '' };
    expect(locateElectron(probe(files))).toEqual({ ok: true, path: `${ELECTRON_DIR}/dist/electron` });
  });

  it('reports a binary that was never downloaded', () => {
    expect(locateElectron(probe({}))).toEqual({ ok: false, reason: `it was never downloaded (${ELECTRON_DIR}/path.txt is missing)` });
  });

  it('reports a recorded binary that has since gone', () => {
    const files = { [`${ELECTRON_DIR}/path.txt`]: 'electron' };
    expect(locateElectron(probe(files))).toEqual({ ok: false, reason: `${ELECTRON_DIR}/dist/electron is missing` });
  });

  it('uses ELECTRON_OVERRIDE_DIST_PATH with the platform’s executable name when nothing was downloaded', () => {
    const env = { [OVERRIDE_ENV]: '/opt/electron' };
    expect(locateElectron(probe({ '/opt/electron/electron': '' }, env))).toEqual({ ok: true, path: '/opt/electron/electron' });
    const mac = probe({ '/opt/electron/Electron.app/Contents/MacOS/Electron': '' }, env, 'darwin');
    expect(locateElectron(mac)).toEqual({ ok: true, path: '/opt/electron/Electron.app/Contents/MacOS/Electron' });
  });

  it('prefers the override to a downloaded binary, and says when the override is wrong', () => {
    const files = { [`${ELECTRON_DIR}/path.txt`]: 'electron', [`${ELECTRON_DIR}/dist/electron`]: '' };
    expect(locateElectron(probe(files, { [OVERRIDE_ENV]: '/nowhere' }))).toEqual({
      ok: false,
      reason: `${OVERRIDE_ENV} is set, but /nowhere/electron does not exist`,
    });
  });

  it('says so on a platform Electron has no build for', () => {
    expect(locateElectron(probe({}, { [OVERRIDE_ENV]: '/opt/electron' }, 'aix'))).toEqual({ ok: false, reason: 'Electron has no build for aix' });
  });
});

describe('mayDownload', () => {
  it('downloads unless an override names the binary to use', () => {
    expect(mayDownload({})).toBe(true);
    expect(mayDownload({ [OVERRIDE_ENV]: '/opt/electron' })).toBe(false);
  });
});

describe('appArguments', () => {
  it('passes the flags on, without a leading --', () => {
    expect(appArguments(['--user', 'alice'])).toEqual(['--user', 'alice']);
    expect(appArguments(['--', '--user', 'alice'])).toEqual(['--user', 'alice']);
    expect(appArguments([])).toEqual([]);
  });
});

describe('unavailableMessage', () => {
  it('gives the reason and the two modes that need no Electron', () => {
    const message = unavailableMessage('it was never downloaded');
    expect(message).toContain('the Electron binary could not be found or downloaded: it was never downloaded.');
    expect(message).toContain('npm run web -- --user alice');
    expect(message).toContain('npm run demo');
  });
});
