/**
 * Child processes of the bench: spawned with `node --import tsx`, read for the URL they print when
 * ready, asked questions over an IPC channel, and always killed at the end (stopAll), even when a
 * scenario fails or the bench is interrupted.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_PACKAGES } from '../../scripts/bundled.mjs';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROBE = fileURLToPath(new URL('../probe.ts', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on every Linux the bench runs on). */
const CLK_TCK = 100;

export interface BenchProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** The first stdout line matching the ready pattern. */
  readonly url: string;
  /** Asks the process something over IPC; the reply carries the same `reqId`. */
  ask<T>(message: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  /** The last lines it wrote to stderr (a log file), for failure messages. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  script: string;
  args?: string[];
  env?: NodeJS.ProcessEnv;
  ready: RegExp;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /**
   * The script and probe are compiled JavaScript (bundleForNode): plain `node`, no tsx, as an
   * installed app runs.
   */
  compiledProbe?: string;
}

const running = new Set<BenchProcess>();
/** Names of the processes spawned so far, by pid, to label their profiles. */
export const processNames = new Map<number, string>();
const scratch = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));

/** A hub secret and data directory for the bench's processes, as on one machine. */
export const benchSecret = randomBytes(24).toString('base64url');
export function benchEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, SWITCHBOARD_HUB_SECRET: benchSecret, SWITCHBOARD_DATA_DIR: join(scratch, 'data'), ...extra };
}

/** Where the spawned processes' logs are (kept when a scenario fails). */
export function scratchDir(): string {
  return scratch;
}

/** Removes the logs and data directory once the bench no longer needs them. */
export function removeScratch(): void {
  rmSync(scratch, { recursive: true, force: true });
}

let nextLog = 1;
let nextReq = 1;

export function spawnBench(options: SpawnOptions): Promise<BenchProcess> {
  const logFile = join(scratch, `${options.name.replace(/[^\w.-]/g, '_')}-${nextLog++}.log`);
  const logFd = openSync(logFile, 'w');
  // --expose-gc lets the probe measure memory after a full collection; it changes nothing else.
  const loader = options.compiledProbe ? ['--import', options.compiledProbe] : ['--import', 'tsx', '--import', PROBE];
  const flags = ['--expose-gc', ...(options.nodeFlags ?? []), ...loader];
  const child = spawn(process.execPath, [...flags, options.script, ...(options.args ?? [])], {
    cwd: ROOT,
    env: options.env ?? benchEnv(),
    stdio: ['ignore', 'pipe', logFd, 'ipc'],
  });
  closeSync(logFd);
  if (child.pid !== undefined) processNames.set(child.pid, options.name);
  const waiting = new Map<number, { resolve: (value: never) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  child.on('message', (message: { reqId?: number; error?: string }) => {
    const entry = message.reqId === undefined ? undefined : waiting.get(message.reqId);
    if (!entry) return;
    waiting.delete(message.reqId!);
    clearTimeout(entry.timer);
    if (message.error) entry.reject(new Error(`${options.name}: ${message.error}`));
    else entry.resolve(message as never);
  });
  const logTail = (lines = 20): string => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').slice(-lines - 1).join('\n');
    } catch {
      return '';
    }
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code, signal) => {
    for (const [, entry] of waiting) {
      clearTimeout(entry.timer);
      entry.reject(new Error(`${options.name} exited (${signal ?? code}) before answering:\n${logTail()}`));
    }
    waiting.clear();
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    for (const proc of running) if (proc.child === child) running.delete(proc);
  };
  return new Promise<BenchProcess>((resolve, reject) => {
    let stdout = '';
    let ready = false;
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${options.name} printed no URL within ${READY_TIMEOUT_MS} ms:\n${logTail()}`));
    }, READY_TIMEOUT_MS);
    const onEarlyExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before it was ready:\n${logTail()}`));
    };
    child.once('exit', onEarlyExit);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      if (ready) return; // keep draining the pipe, keep nothing
      stdout += chunk;
      const line = stdout.split('\n').find((candidate) => options.ready.test(candidate.trim()));
      if (!line) return;
      ready = true;
      stdout = '';
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      const proc: BenchProcess = {
        name: options.name,
        child,
        pid: child.pid!,
        url: line.trim(),
        ask<T>(message: Record<string, unknown>, timeoutMs = 30_000): Promise<T> {
          const reqId = nextReq++;
          return new Promise<T>((resolveAsk, rejectAsk) => {
            const askTimer = setTimeout(() => {
              waiting.delete(reqId);
              rejectAsk(new Error(`${options.name} did not answer ${JSON.stringify(message)} within ${timeoutMs} ms`));
            }, timeoutMs);
            waiting.set(reqId, { resolve: resolveAsk as (value: never) => void, reject: rejectAsk, timer: askTimer });
            child.send({ ...message, reqId });
          });
        },
        logTail,
        stop,
      };
      running.add(proc);
      resolve(proc);
    });
  });
}

/**
 * The node flags an npm script starts `entry` with (`tsx FLAGS entry` in package.json), so that the
 * bench measures the process as `npm run web` or `npm run hub` runs it.
 */
export function scriptNodeFlags(script: 'web' | 'hub', entry: string): string[] {
  const command = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts[script] ?? '';
  const flags = new RegExp(`\\btsx((?: --[\\w-]+(?:=\\S+)?)*) ${entry.replaceAll('.', '\\.')}\\b`).exec(command)?.[1];
  if (flags === undefined) throw new Error(`package.json's ${script} script does not run ${entry} with tsx: "${command}"`);
  return flags.split(' ').filter((flag) => flag !== '');
}

/**
 * Bundles `entry` (TypeScript) into one ES module at ROOT/out/bench/NAME.mjs with esbuild, npm
 * packages left external as the desktop build leaves them (all but scripts/bundled.mjs's), for
 * processes measured without tsx. Two levels below ROOT, like the sources, so that paths built
 * from import.meta.url (the renderer's directory) still resolve.
 */
export function bundleForNode(entry: string, name: string): string {
  const outfile = join(ROOT, 'out', 'bench', `${name}.mjs`);
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const external = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })
    .filter((name) => !BUNDLED_PACKAGES.includes(name))
    .map((name) => `--external:${name}`);
  execFileSync(join(ROOT, 'node_modules', '.bin', 'esbuild'), [
    entry, '--bundle', '--platform=node', '--format=esm', ...external, '--target=node24', '--log-level=warning', `--outfile=${outfile}`,
  ], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  return outfile;
}

/** Stops every process still running: SIGTERM, then SIGKILL after a grace period. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((proc) => proc.stop()));
}

/** Last resort on exit: nothing asynchronous can run any more. */
export function killAllNow(): void {
  for (const proc of running) {
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLK_TCK;
}

/** Measures how much CPU each process used while `work` ran, as a percentage of one core. */
export async function withCpu<T>(pids: Record<string, number>, work: () => Promise<T>): Promise<{ result: T; cpu: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  const started = performance.now();
  const result = await work();
  const elapsed = performance.now() - started;
  const cpu = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => [name, Math.round(((cpuMs(pid) - before[name]!) / elapsed) * 100)]),
  );
  return { result, cpu };
}

/** CPU time of this process and all its descendants, in ms, from /proc. */
export function treeCpuMs(rootPid = process.pid): number {
  const parents = new Map<number, number>();
  const times = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      times.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK);
    } catch {
      // the process exited meanwhile
    }
  }
  let total = 0;
  for (const [pid, time] of times) {
    for (let at: number | undefined = pid; at !== undefined && at > 0; at = parents.get(at)) {
      if (at === rootPid) {
        total += time;
        break;
      }
    }
  }
  return total;
}

/** Busy CPU time of the whole machine (all cores), in ms, from /proc/stat. */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [, ...ticks] = line.trim().split(/\s+/).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLK_TCK;
}

export interface LoadSample {
  at: number;
  machine: number;
  ours: number;
}

export function loadSample(): LoadSample {
  return { at: performance.now(), machine: machineBusyMs(), ours: treeCpuMs() };
}

/**
 * CPU used by processes that are not the bench's (other work on a shared machine) since
 * `since`, in % of one core. Anything above a few % makes the figures pessimistic.
 */
export function foreignLoad(since: LoadSample): number {
  const now = loadSample();
  const elapsed = now.at - since.at;
  return Math.max(0, Math.round((((now.machine - since.machine) - (now.ours - since.ours)) / elapsed) * 100));
}

/**
 * Waits (at most `maxWaitMs`) for a moment when other processes use less than `thresholdPct` of
 * one core, sampling every 500 ms; returns the foreign load of the last sample.
 */
export async function waitForQuiet(maxWaitMs: number, thresholdPct = 15): Promise<number> {
  const deadline = performance.now() + maxWaitMs;
  for (;;) {
    const sample = loadSample();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const foreign = foreignLoad(sample);
    if (foreign < thresholdPct || performance.now() > deadline) return foreign;
  }
}

/** Other processes may use this much of a core during a measurement before it is repeated. */
export const FOREIGN_LIMIT_PCT = 20;
const MAX_ATTEMPTS = 3;
const QUIET_WAIT_PER_ATTEMPT_MS = 15_000;

/**
 * Runs a measurement while the machine is otherwise quiet, as far as it can: waits (bounded) for
 * other processes to calm down, measures, and repeats the measurement (at most 3 times in all)
 * when they used more than FOREIGN_LIMIT_PCT of a core meanwhile. Keeps the attempt disturbed
 * least. `foreign` says how much they used during the attempt kept.
 */
export async function measureQuietly<T>(run: () => Promise<T>): Promise<{ result: T; foreign: number; attempts: number }> {
  let best: { result: T; foreign: number } | null = null;
  let attempts = 0;
  while (attempts < MAX_ATTEMPTS) {
    attempts += 1;
    await waitForQuiet(QUIET_WAIT_PER_ATTEMPT_MS, FOREIGN_LIMIT_PCT / 2);
    const sample = loadSample();
    const result = await run();
    const foreign = foreignLoad(sample);
    if (!best || foreign < best.foreign) best = { result, foreign };
    if (foreign <= FOREIGN_LIMIT_PCT) break;
  }
  return { ...best!, attempts };
}

/** One process of a tree: what kind of (Chromium) process it is, and its CPU time per thread name. */
export interface ProcessCpu {
  pid: number;
  /** 'browser', 'renderer', 'gpu', 'audio', 'network', another utility's service name, or the command. */
  kind: string;
  /** CPU time (user + system) so far, in ms. */
  cpuMs: number;
  /** CPU time so far per thread name (threads of one name summed), in ms. */
  threads: Map<string, number>;
}

/** The fields of a /proc stat line after the command name (which is in parentheses and may hold spaces). */
function statAfterName(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * Chromium says what a process is in its `--type=` (and a utility's `--utility-sub-type=`) switch.
 * It rewrites its command line into one space-separated string (setproctitle), hence both separators.
 */
function processKind(pid: number): string {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  const value = (name: string): string | undefined => args.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  const type = value('type');
  if (type === undefined) return args[0]?.includes('chrom') ? 'browser' : (args[0]?.split('/').at(-1) ?? String(pid));
  if (type === 'gpu-process') return 'gpu';
  if (type !== 'utility') return type;
  const service = value('utility-sub-type') ?? 'utility';
  if (service.startsWith('audio.')) return 'audio';
  if (service.startsWith('network.')) return 'network';
  return service;
}

/**
 * Every process of the tree under `rootPid` (itself included) with its CPU time per thread, from
 * /proc: two snapshots, subtracted with cpuByKind, say where a tree's CPU went.
 */
export function treeProcessesCpu(rootPid: number): ProcessCpu[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parents.set(Number(entry), Number(statAfterName(readFileSync(`/proc/${entry}/stat`, 'utf8'))[1]));
    } catch {
      // the process exited meanwhile
    }
  }
  const inTree = (pid: number): boolean => {
    for (let at: number | undefined = pid; at !== undefined && at > 0; at = parents.get(at)) if (at === rootPid) return true;
    return false;
  };
  const processes: ProcessCpu[] = [];
  for (const pid of parents.keys()) {
    if (!inTree(pid)) continue;
    try {
      const threads = new Map<string, number>();
      let total = 0;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const fields = statAfterName(stat);
        const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
        threads.set(name, (threads.get(name) ?? 0) + ms);
        total += ms;
      }
      processes.push({ pid, kind: processKind(pid), cpuMs: total, threads });
    } catch {
      // the process exited meanwhile
    }
  }
  return processes;
}

/**
 * The CPU each kind of process, and each thread name within it ("kind/thread"), used between two
 * treeProcessesCpu snapshots, in ms, largest first. Threads that ended meanwhile are not counted
 * (their time is gone from /proc); a process that started meanwhile counts from zero.
 */
export function cpuByKind(before: ProcessCpu[], after: ProcessCpu[]): { kinds: Array<[string, number]>; threads: Array<[string, number]> } {
  const earlier = new Map(before.map((proc) => [proc.pid, proc]));
  const kinds = new Map<string, number>();
  const threads = new Map<string, number>();
  for (const proc of after) {
    const was = earlier.get(proc.pid);
    for (const [name, ms] of proc.threads) {
      const used = Math.max(0, ms - (was?.threads.get(name) ?? 0));
      kinds.set(proc.kind, (kinds.get(proc.kind) ?? 0) + used);
      const key = `${proc.kind}/${name}`;
      threads.set(key, (threads.get(key) ?? 0) + used);
    }
  }
  const largestFirst = (map: Map<string, number>): Array<[string, number]> => [...map].sort((a, b) => b[1] - a[1]);
  return { kinds: largestFirst(kinds), threads: largestFirst(threads) };
}
