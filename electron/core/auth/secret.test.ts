import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mintToken } from './token.js';
import { HUB_SECRET_FILE, resolveHubSecret } from './secret.js';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const CHILD = join(process.cwd(), 'electron', 'core', 'auth', 'secretRace.child.ts');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-secret-'));
  dirs.push(dir);
  return dir;
}

interface Racer {
  ready: Promise<void>;
  secret: Promise<string>;
}

function racer(dataDir: string, goFile: string): Racer {
  const child = spawn(TSX, [CHILD, dataDir, goFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) markReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const secret = new Promise<string>((resolve, reject) => {
    // 'close', not 'exit': at 'exit' the child's output may still be on its way, and a racer read
    // then would seem to have printed part of its secret, or none.
    child.on('close', (code) => (code === 0 ? resolve(out.slice('ready\n'.length).trim()) : reject(new Error(`racer exited ${code}: ${err}`))));
  });
  return { ready, secret };
}

describe('hub secret', () => {
  it('50 processes starting at once on a fresh directory agree on one secret, and leave no temporary file', async () => {
    const root = freshDir();
    const dataDir = join(root, 'data'); // does not exist yet: the racers create it too
    const goFile = join(root, 'go');
    const racers = Array.from({ length: 50 }, () => racer(dataDir, goFile));
    await Promise.all(racers.map((one) => one.ready)); // every racer is waiting at the line
    writeFileSync(goFile, '');
    const secrets = await Promise.all(racers.map((one) => one.secret));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]!.length).toBeGreaterThanOrEqual(16);
    expect(readFileSync(join(dataDir, HUB_SECRET_FILE), 'utf8').trim()).toBe(secrets[0]);
    expect(readdirSync(dataDir)).toEqual([HUB_SECRET_FILE]);
    if (process.platform !== 'win32') expect(statSync(join(dataDir, HUB_SECRET_FILE)).mode & 0o777).toBe(0o600);
  }, 60_000);

  it('makes a data directory that does not exist yet, readable by its owner only', () => {
    const dataDir = join(freshDir(), 'switchboard');
    resolveHubSecret(dataDir);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, HUB_SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it('refuses an empty or short stored secret, naming the file, and leaves it as it is', () => {
    for (const content of ['', '\n', 'short-secret\n']) {
      const dataDir = freshDir();
      const file = join(dataDir, HUB_SECRET_FILE);
      writeFileSync(file, content, { mode: 0o600 });
      expect(() => resolveHubSecret(dataDir, {})).toThrow(new RegExp(`${file}.*at least 16`));
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
  });

  it('refuses a secret file it cannot read, naming it', () => {
    const dataDir = freshDir();
    mkdirSync(join(dataDir, HUB_SECRET_FILE)); // a directory where the file should be: unreadable as a file
    expect(() => resolveHubSecret(dataDir, {})).toThrow(/cannot read the secret .*hub-secret/);
  });

  it('keeps using a stored secret, and warns when other users can read it', () => {
    const dataDir = freshDir();
    const file = join(dataDir, HUB_SECRET_FILE);
    writeFileSync(file, 'a-stored-secret-of-good-length\n', { mode: 0o600 });
    const warnings: string[] = [];
    expect(resolveHubSecret(dataDir, {}, (text) => warnings.push(text))).toBe('a-stored-secret-of-good-length');
    expect(warnings).toEqual([]);
    if (process.platform === 'win32') return;
    chmodSync(file, 0o644);
    expect(resolveHubSecret(dataDir, {}, (text) => warnings.push(text))).toBe('a-stored-secret-of-good-length');
    expect(warnings).toEqual([expect.stringMatching(/hub-secret can be read by other users \(mode 644\).*chmod 600/)]);
  });

  it('takes SWITCHBOARD_HUB_SECRET over the file, and refuses a short one', () => {
    const dataDir = freshDir();
    expect(resolveHubSecret(dataDir, { SWITCHBOARD_HUB_SECRET: 'an-environment-secret' })).toBe('an-environment-secret');
    expect(readdirSync(dataDir)).toEqual([]);
    expect(() => resolveHubSecret(dataDir, { SWITCHBOARD_HUB_SECRET: 'too-short' })).toThrow(/SWITCHBOARD_HUB_SECRET.*at least 16/);
  });

  it('never signs a token with a short or empty secret', () => {
    expect(() => mintToken('', 'alice', Date.now())).toThrow(/at least 16/);
    expect(() => mintToken('fifteen-chars!!', 'alice', Date.now())).toThrow(/at least 16/);
  });
});
