import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planStart, USAGE_EXIT_CODE, type StartInput } from './startup.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-startup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const input = (more: Partial<StartInput> = {}): StartInput => ({ argv: [], env: {}, cwd: dir, defaultDataDir: join(dir, 'electron-user-data'), ...more });
const isDirectory = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;

describe('planStart', () => {
  it('answers --help with its usage and exit code 0, creating nothing, instead of starting the app', () => {
    const plan = planStart(input({ argv: ['--user', 'bob', '--help'] }));
    expect(plan).toMatchObject({ ok: false, exitCode: 0 });
    if (plan.ok) return;
    expect(plan.message).toMatch(/^usage: npm start -- \[--user NAME\] \[--profile NAME\]/);
    expect(isDirectory(join(dir, 'electron-user-data'))).toBe(false);
  });

  it("uses Electron's own data directory when SWITCHBOARD_DATA_DIR is unset or empty", () => {
    for (const env of [{}, { SWITCHBOARD_DATA_DIR: '' }]) {
      expect(planStart(input({ env }))).toMatchObject({ ok: true, sharedDataDir: join(dir, 'electron-user-data'), profileDir: join(dir, 'electron-user-data') });
    }
  });

  it('makes a relative SWITCHBOARD_DATA_DIR absolute against the working directory, and creates it', () => {
    const plan = planStart(input({ env: { SWITCHBOARD_DATA_DIR: 'data/here' } }));
    expect(plan).toMatchObject({ ok: true, sharedDataDir: join(dir, 'data/here'), profileDir: join(dir, 'data/here') });
    expect(isDirectory(join(dir, 'data/here'))).toBe(true);
  });

  it("creates a new --profile's directory under a data directory that does not exist yet", () => {
    const plan = planStart(input({ argv: ['--profile', 'front-desk'], env: { SWITCHBOARD_DATA_DIR: join(dir, 'new') } }));
    expect(plan).toMatchObject({ ok: true, sharedDataDir: join(dir, 'new'), profileDir: join(dir, 'new/profiles/front-desk') });
    expect(isDirectory(join(dir, 'new/profiles/front-desk'))).toBe(true);
    // It holds the hub's secret and the call log: its owner's only, and so is every level made.
    for (const made of ['new', 'new/profiles', 'new/profiles/front-desk']) expect(statSync(join(dir, made)).mode & 0o777).toBe(0o700);
  });

  it('refuses a SWITCHBOARD_DATA_DIR that starts with an unexpanded ~, creating no "~" directory, with exit code 2', () => {
    const plan = planStart(input({ env: { SWITCHBOARD_DATA_DIR: '~/switchboard' } }));
    expect(plan).toMatchObject({ ok: false, exitCode: USAGE_EXIT_CODE, message: expect.stringMatching(/^switchboard: SWITCHBOARD_DATA_DIR="~\/switchboard": a leading ~ is not expanded here/) });
    expect(isDirectory(join(dir, '~'))).toBe(false);
  });

  it('refuses a SWITCHBOARD_DATA_DIR that is a file, naming the variable and the path, with exit code 2', () => {
    writeFileSync(join(dir, 'a-file'), '');
    const plan = planStart(input({ env: { SWITCHBOARD_DATA_DIR: 'a-file' } }));
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.exitCode).toBe(USAGE_EXIT_CODE);
    expect(plan.message).toContain('SWITCHBOARD_DATA_DIR="a-file"');
    expect(plan.message).toContain(`cannot create the directory ${join(dir, 'a-file')}`);
  });

  it('refuses a SWITCHBOARD_DATA_DIR beneath a file, and one holding a NUL byte', () => {
    writeFileSync(join(dir, 'a-file'), '');
    for (const value of [join(dir, 'a-file/below'), 'bad\0name']) {
      const plan = planStart(input({ env: { SWITCHBOARD_DATA_DIR: value } }));
      expect(plan).toMatchObject({ ok: false, exitCode: USAGE_EXIT_CODE });
      expect(!plan.ok && plan.message).toMatch(/^switchboard: SWITCHBOARD_DATA_DIR=".*": cannot create the directory/s);
    }
  });

  it('refuses a bad flag with exit code 2 and creates nothing', () => {
    const plan = planStart(input({ argv: ['--profile', '../up'], env: { SWITCHBOARD_DATA_DIR: 'never' } }));
    expect(plan).toMatchObject({ ok: false, exitCode: USAGE_EXIT_CODE });
    expect(!plan.ok && plan.message).toContain('--profile "../up"');
    expect(isDirectory(join(dir, 'never'))).toBe(false);
  });
});
