/**
 * The hub under test in a child process of its own (child.ts), so that its memory is measured
 * apart from the clients that load it: `report()` collects garbage in the hub process and returns
 * its heap and registry figures.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildHubOptions, ChildHubReport } from './child.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));
const READY_TIMEOUT_MS = 20_000;

export interface MeasuredHub {
  url: string;
  /** Whether the hub process is still running. */
  alive(): boolean;
  report(): Promise<ChildHubReport>;
  /** Everything the hub logged, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export async function startMeasuredHub(secret: string, options: ChildHubOptions = {}): Promise<MeasuredHub> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, JSON.stringify(options)], {
    cwd: ROOT,
    env: { ...process.env, SWITCHBOARD_HUB_SECRET: secret },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  // Only the tail is kept: a hub under a fuzzer logs every refused frame.
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  const waiters = new Map<number, (report: ChildHubReport) => void>();
  let nextReq = 1;
  child.on('message', (message: { reqId: number; report: ChildHubReport }) => waiters.get(message.reqId)?.(message.report));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`the measured hub printed no URL within ${READY_TIMEOUT_MS} ms:\n${stderr}`)), READY_TIMEOUT_MS);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((text) => text.startsWith('ws://'));
      if (!line) return;
      clearTimeout(timer);
      resolve(line.trim());
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the measured hub exited (${code ?? signal}) before it was ready:\n${stderr}`));
    });
  });
  return {
    url,
    alive: () => child.exitCode === null && child.signalCode === null,
    report: () =>
      new Promise((resolve, reject) => {
        const reqId = nextReq++;
        const timer = setTimeout(() => reject(new Error('the measured hub did not report within 30 s')), 30_000);
        waiters.set(reqId, (report) => {
          clearTimeout(timer);
          waiters.delete(reqId);
          resolve(report);
        });
        child.send({ reqId });
      }),
    log: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
