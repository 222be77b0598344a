/**
 * electron-builder.yml checked offline, as electron-builder itself would check it (its JSON
 * schema), plus the promises this project makes about what gets packed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const config = parse(read('electron-builder.yml')) as Record<string, unknown> & {
  files: string[];
  mac: { entitlements: string; entitlementsInherit: string; extendInfo: Record<string, string> };
  linux: { target: string[] };
};

describe('electron-builder.yml', () => {
  it("matches electron-builder's configuration schema", () => {
    const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('packs the built app only, including the main entry package.json points at', () => {
    expect(config.files).toEqual(['package.json', 'out/**', 'dist/renderer/**']);
    const { main } = JSON.parse(read('package.json')) as { main: string };
    expect(main.startsWith('out/')).toBe(true);
    expect(config).toMatchObject({ asar: true, npmRebuild: false, directories: { output: 'release' } });
  });

  it('builds AppImage and deb for Linux, nsis for Windows, dmg for macOS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config).toMatchObject({ win: { target: 'nsis' }, mac: { target: 'dmg' } });
  });

  it('may ask for the microphone on macOS: a usage string and the audio-input entitlement', () => {
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/microphone/);
    for (const plist of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      expect(read(plist)).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
    }
  });
});
