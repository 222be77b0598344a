/**
 * Spawns the real programs the way a user runs them — the hub CLI and the browser-mode CLI —
 * and reads the URL each prints on a line of its own when ready.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 20_000;

export interface Spawned {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote to stderr so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** One hub secret and data directory shared by a test's processes, as on one machine. */
export function testEnvironment(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SWITCHBOARD_HUB_SECRET: randomBytes(24).toString('base64url'),
    SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'switchboard-e2e-')),
  };
}

export function spawnReady(script: string, args: string[], env: NodeJS.ProcessEnv, urlPattern: RegExp): Promise<Spawned> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${script} ${args.join(' ')} printed no URL within ${READY_TIMEOUT_MS} ms:\n${stderr}`));
    }, READY_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} ${args.join(' ')} exited with ${code} before it was ready:\n${stderr}`));
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((candidate) => urlPattern.test(candidate.trim()));
      if (!line) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({ url: line.trim(), process: child, log: () => stderr, stop });
    });
  });
}

export function spawnHub(env: NodeJS.ProcessEnv): Promise<Spawned> {
  return spawnReady('electron/core/hub/cli.ts', ['--port', '0'], env, /^ws:\/\/127\.0\.0\.1:\d+\/?$/);
}

export interface PhoneOptions {
  incomingLimit?: number;
  outgoingLimit?: number;
  callTimeout?: number;
  /**
   * Signs in as this user instead of the one the phone is named after: another device of theirs,
   * with a data directory of its own, as on another machine.
   */
  deviceOf?: string;
}

export function spawnPhone(env: NodeJS.ProcessEnv, hubUrl: string, user: string, options: PhoneOptions = {}): Promise<Spawned> {
  const args = ['--user', options.deviceOf ?? user, '--hub', hubUrl];
  if (options.deviceOf !== undefined) env = { ...env, SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'switchboard-e2e-device-')) };
  if (options.incomingLimit !== undefined) args.push('--incoming-limit', String(options.incomingLimit));
  if (options.outgoingLimit !== undefined) args.push('--outgoing-limit', String(options.outgoingLimit));
  if (options.callTimeout !== undefined) args.push('--call-timeout', String(options.callTimeout));
  return spawnReady('electron/web/cli.ts', args, env, /^http:\/\/127\.0\.0\.1:\d+\/#key=\S+$/);
}

/** A loopback port nothing listens on (now), for starting something there later. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
