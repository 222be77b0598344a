/**
 * electron-builder.yml checked offline, as electron-builder itself would check it (its JSON
 * schema), plus the promises this project makes about what gets packed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ID } from '../electron/desktop/appIdentity.js';
import { writeIcons } from './icons.mjs';

const require = createRequire(import.meta.url);
const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
type Platform = { icon: string };
const config = parse(read('electron-builder.yml')) as Record<string, unknown> & {
  appId: string;
  files: string[];
  electronFuses: Record<string, boolean>;
  mac: Platform & { entitlements: string; entitlementsInherit: string; extendInfo: Record<string, string> };
  linux: Platform & { target: string[]; maintainer?: string; syncDesktopName?: boolean; executableArgs?: string[] };
  win: Platform;
};
const pkg = JSON.parse(read('package.json')) as { main: string; desktopName?: string; homepage?: string; author?: { name: string; email?: string } };

describe('electron-builder.yml', () => {
  it("matches electron-builder's configuration schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('packs the built app only, without source maps, including the main entry package.json points at', () => {
    expect(config.files).toEqual(['package.json', 'out/**', 'dist/renderer/**', '!**/*.map']);
    expect(pkg.main.startsWith('out/')).toBe(true);
    expect(config).toMatchObject({ asar: true, npmRebuild: false, directories: { output: 'release' } });
  });

  it('builds AppImage and deb for Linux, nsis for Windows, dmg (and the zip that updates use) for macOS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config).toMatchObject({ win: { target: 'nsis' }, mac: { target: ['dmg', 'zip'] } });
  });

  it('may ask for the microphone on macOS: a usage string and the audio-input entitlement', () => {
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    for (const plist of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      expect(read(plist)).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
    }
  });

  it('asks macOS for alert-style notifications, the only style that shows Accept and Decline buttons', () => {
    expect(config.mac.extendInfo.NSUserNotificationAlertStyle).toBe('alert');
  });

  it('names the Linux desktop entry after desktopName, which Electron uses as the app_id, and runs it under XWayland', () => {
    expect(pkg.desktopName).toBe('switchboard.desktop');
    expect(config.linux.syncDesktopName).toBe(true);
    expect(config.linux.executableArgs).toEqual(['--ozone-platform=x11']);
  });

  it("publishes to the project's GitHub releases, as drafts, which is where installed apps look for updates", () => {
    expect(config.publish).toEqual({ provider: 'github', releaseType: 'draft' });
  });

  it("leaves the .deb's homepage and maintainer to the release workflow, which takes them from the repository", () => {
    expect(pkg.homepage).toBeUndefined();
    expect(config.linux.maintainer).toBeUndefined();
  });

  it('uses the appId the app files its Windows notifications under', () => {
    expect(config.appId).toBe(APP_ID);
  });

  it('points every platform at the app icon that the build draws', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-icons-'));
    try {
      const names = await writeIcons(dir);
      for (const platform of [config.linux, config.win, config.mac]) {
        expect(platform.icon.startsWith('out/icons/')).toBe(true);
        expect(names).toContain(platform.icon.slice('out/icons/'.length));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns off the Electron features the app does not use', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
