import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendFor, HUB_URL_ENV, parseDesktopOptions, profileDataDir } from './options.js';

describe('parseDesktopOptions', () => {
  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const argv = ['--user', 'alice', '--profile', 'desk-2', '--hub=ws://10.0.0.2:7000', '--incoming-limit', '5', '--outgoing-limit=2', '--call-timeout', '30'];
    expect(parseDesktopOptions(argv, {})).toEqual({
      user: 'alice',
      profile: 'desk-2',
      hub: 'ws://10.0.0.2:7000',
      backend: 'hub',
      incomingLimit: 5,
      outgoingLimit: 2,
      callTimeout: 30,
    });
  });

  it('reads --history-limit', () => {
    expect(parseDesktopOptions(['--history-limit=2500'], {}).historyLimit).toBe(2500);
  });

  it('leaves every flag out when none is given, so the sign-in screen and an in-process hub are used', () => {
    expect(parseDesktopOptions([], {})).toEqual({
      user: undefined,
      profile: undefined,
      hub: undefined,
      incomingLimit: undefined,
      outgoingLimit: undefined,
      callTimeout: undefined,
    });
  });

  it('takes the hub from SWITCHBOARD_HUB_URL unless --hub is given', () => {
    expect(parseDesktopOptions([], { [HUB_URL_ENV]: 'ws://hub:7000' }).hub).toBe('ws://hub:7000');
    expect(parseDesktopOptions(['--hub', 'ws://other:1'], { [HUB_URL_ENV]: 'ws://hub:7000' }).hub).toBe('ws://other:1');
    expect(parseDesktopOptions([], { [HUB_URL_ENV]: '' }).hub).toBeUndefined();
  });

  it("ignores Chromium's and Electron's own switches that share the argv", () => {
    const argv = ['--no-sandbox', '--enable-logging=stderr', '--user', 'bob', '--inspect', '.'];
    expect(parseDesktopOptions(argv, {}).user).toBe('bob');
  });

  it('warns of a misspelt flag of ours, which it cannot refuse among Chromium\'s switches, naming the flag meant', () => {
    const options = parseDesktopOptions(['--incomming-limit', '5', '--zim-appid=1', '--no-sandbox', '--enable-logging', '--inspect', '--user', 'bob'], {});
    expect(options.warnings).toEqual([
      '--incomming-limit is not a flag of Switchboard\'s, and this run goes on without it: did you mean --incoming-limit?',
      '--zim-appid is not a flag of Switchboard\'s, and this run goes on without it: did you mean --zim-app-id?',
    ]);
    expect(options.incomingLimit).toBeUndefined();
    expect(parseDesktopOptions(['--port', '8080', '--keep-key'], {}).warnings).toEqual([
      '--port is a flag of npm run web (browser mode) only, and this run goes on without it',
      '--keep-key is a flag of npm run web (browser mode) only, and this run goes on without it',
    ]);
    expect(parseDesktopOptions(['--no-sandbox', '--enable-logging=stderr', '--lang=de', '--use-gl=egl', '--js-flags=--expose-gc'], {}).warnings).toBeUndefined();
  });

  it('names the flag that lacks a value', () => {
    expect(() => parseDesktopOptions(['--user'], {})).toThrow(/^--user needs a value/);
    expect(() => parseDesktopOptions(['--user', '--hub', 'ws://h:1'], {})).toThrow(/^--user needs a value/);
  });

  it('refuses a malformed user name', () => {
    expect(() => parseDesktopOptions(['--user', 'al ice'], {})).toThrow('--user "al ice": a userID is 1 to 32');
    expect(() => parseDesktopOptions(['--user='], {})).toThrow('--user "":');
  });

  it('refuses a limit that is not a whole number, naming the flag', () => {
    expect(() => parseDesktopOptions(['--incoming-limit', 'three'], {})).toThrow('--incoming-limit must be a whole number, not "three"');
    expect(() => parseDesktopOptions(['--outgoing-limit=1.5'], {})).toThrow('--outgoing-limit must be a whole number');
    expect(() => parseDesktopOptions(['--incoming-limit', '21'], {})).toThrow('--incoming-limit must be from 1 to 20, not 21');
  });

  it('reads how to trust a wss:// hub, as browser mode does, naming a bad fingerprint', () => {
    const hex = 'cd'.repeat(32);
    expect(parseDesktopOptions(['--hub', 'wss://10.0.0.5:4780', `--hub-fingerprint=${hex}`], {}).hubTrust).toEqual({
      fingerprint: Array.from({ length: 32 }, () => 'CD').join(':'),
    });
    expect(() => parseDesktopOptions(['--hub-fingerprint', 'zz'], {})).toThrow(/^--hub-fingerprint "zz": expected the SHA-256 fingerprint/);
    expect(() => parseDesktopOptions(['--hub-ca', '/nonexistent/ca.pem'], {})).toThrow(/^--hub-ca "\/nonexistent\/ca.pem": ENOENT/);
    expect(parseDesktopOptions([], { SWITCHBOARD_HUB_FINGERPRINT: hex }).hubTrust?.fingerprint).toMatch(/^CD:CD:/);
  });

  it('names the flag or the variable whose hub URL is malformed', () => {
    expect(() => parseDesktopOptions(['--hub', 'http://10.0.0.2:7000'], {})).toThrow('--hub "http://10.0.0.2:7000": it must start with ws:// or wss://');
    expect(() => parseDesktopOptions([], { [HUB_URL_ENV]: 'hub.example.org:7000' })).toThrow(`${HUB_URL_ENV} "hub.example.org:7000": it must start with ws:// or wss://`);
  });

  it('refuses --hub-ca and --hub-fingerprint with a ws:// hub, whose connection has no certificate to check', () => {
    const hex = 'cd'.repeat(32);
    expect(() => parseDesktopOptions(['--hub', 'ws://10.0.0.5:4780', '--hub-fingerprint', hex], {})).toThrow(
      '--hub-fingerprint is for a wss:// hub, and --hub "ws://10.0.0.5:4780" is not one',
    );
    expect(() => parseDesktopOptions(['--hub-fingerprint', hex], { [HUB_URL_ENV]: 'ws://10.0.0.5:4780' })).toThrow(
      `--hub-fingerprint is for a wss:// hub, and ${HUB_URL_ENV} "ws://10.0.0.5:4780" is not one`,
    );
    const notes = join(mkdtempSync(join(tmpdir(), 'desktop-options-')), 'notes.txt');
    writeFileSync(notes, 'not a certificate\n');
    expect(() => parseDesktopOptions([], { SWITCHBOARD_HUB_CA: notes })).toThrow(`SWITCHBOARD_HUB_CA "${notes}": expected the PEM certificate of the hub's CA`);
    // No hub named here: settings.json may name the wss:// hub they are for.
    expect(parseDesktopOptions(['--hub-fingerprint', hex], {}).hubTrust?.fingerprint).toMatch(/^CD:CD:/);
  });

  it('refuses one of its flags given twice with different values, and leaves repeated Chromium switches alone', () => {
    expect(() => parseDesktopOptions(['--profile', 'desk-1', '--profile=desk-2'], {})).toThrow('--profile is given twice ("desk-1", then "desk-2"): give it once');
    expect(parseDesktopOptions(['--user', 'bob', '--user=bob', '--enable-logging', '--enable-logging=stderr'], {}).user).toBe('bob');
  });

  it('refuses --zim-app-id and --zim-token-url when neither --backend zim nor SWITCHBOARD_BACKEND=zim chooses ZIM', () => {
    expect(() => parseDesktopOptions(['--zim-app-id', '123'], {})).toThrow('--zim-app-id goes with --backend zim (or SWITCHBOARD_BACKEND=zim)');
    expect(() => parseDesktopOptions(['--hub', 'ws://10.0.0.2:7000', '--zim-token-url', 'https://t.example.com/z'], {})).toThrow('--zim-token-url goes with --backend zim');
  });

  it('refuses a profile name that is not a plain directory name', () => {
    for (const name of ['..', '.', 'a/b', 'a\\b', '-x', 'with space', 'x'.repeat(33), '']) {
      expect(() => parseDesktopOptions([`--profile=${name}`], {}), name).toThrow(`--profile "${name}": a profile name is 1 to 32`);
    }
    expect(parseDesktopOptions(['--profile', 'Front_desk-2'], {}).profile).toBe('Front_desk-2');
  });
});

describe('backendFor', () => {
  const zim = { appID: 1234567890, tokenUrl: 'https://tokens.example.com/zim' };
  const flagZim = { appID: 42, tokenUrl: 'https://other.example.com/t' };
  const file = { hubUrl: 'ws://10.0.0.2:4780', zim: null };

  it('lets a flag or the environment win over the settings file', () => {
    expect(backendFor({ zim: flagZim, backend: 'zim' }, { ...file, zim })).toEqual({ zim: flagZim });
    expect(backendFor({ hub: 'ws://hub:1' }, { ...file, zim })).toEqual({ hubUrl: 'ws://hub:1' });
    expect(backendFor({ backend: 'hub' }, { ...file, zim })).toEqual({ hubUrl: file.hubUrl });
  });

  it("uses the settings file's ZIM configuration, else its hub, else an in-process hub", () => {
    expect(backendFor({}, { ...file, zim })).toEqual({ zim });
    expect(backendFor({}, file)).toEqual({ hubUrl: file.hubUrl });
    expect(backendFor({}, { hubUrl: null, zim: null })).toEqual({ hubUrl: undefined });
  });
});

describe('backendFor and the hub trust flags', () => {
  const hex = 'cd'.repeat(32);

  it('refuses --hub-ca or --hub-fingerprint when the hub they would be for is settings.json\'s ws:// one, or the in-process hub', () => {
    const pinned = parseDesktopOptions(['--hub-fingerprint', hex], {});
    expect(() => backendFor(pinned, { hubUrl: 'ws://10.0.0.2:4780', zim: null })).toThrow(
      '--hub-fingerprint is for a wss:// hub, and settings.json\'s hubUrl "ws://10.0.0.2:4780" is not one',
    );
    expect(() => backendFor(pinned, { hubUrl: null, zim: null })).toThrow(/^--hub-fingerprint is for a wss:\/\/ hub: name one with --hub/);
    expect(backendFor(pinned, { hubUrl: 'wss://10.0.0.2:4780', zim: null })).toEqual({ hubUrl: 'wss://10.0.0.2:4780' });
  });
});

describe('profileDataDir', () => {
  it('gives each profile a directory of its own under the base one, and the base one to no profile', () => {
    expect(profileDataDir('/home/u/.config/Switchboard', 'bob')).toBe(join('/home/u/.config/Switchboard', 'profiles', 'bob'));
    expect(profileDataDir('/home/u/.config/Switchboard', undefined)).toBe('/home/u/.config/Switchboard');
  });
});
