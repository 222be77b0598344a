/**
 * A whole soak run, as `npm run soak` and the CI test do it: a hub in its own process, the
 * simulated users, a warm-up that fills every user's bounded call history, then the measured
 * calls; afterwards every line must be free and the hub's heap back near where it started.
 */
import { errorMessage } from '../../../shared/protocol/errors.js';
import { randomBytes } from 'node:crypto';
import type { CallOutcome } from '../../../shared/ipc/contract.js';
import { startMeasuredHub } from '../hub/measured/measured.js';
import { signInUsers, soak, type SoakResult } from './soak.js';

export interface SoakRunOptions {
  calls: number;
  users: number;
  seed: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  seed: number;
  users: number;
  warmUp: SoakResult;
  run: SoakResult;
  /** Lines still taken on any softphone once the run has settled; must be 0. */
  linesLeft: number;
  /** Calls the hub still holds open once the run has settled; must be 0. */
  hubStartedCalls: number;
  heapBefore: number;
  heapAfter: number;
  rssBefore: number;
  rssAfter: number;
}

/** A call rings this long before it times out: short, so that timeouts do not dominate the run. */
const CALL_TIMEOUT_S = 1;
const STEP_TIMEOUT_MS = 15_000;
/** Fills the hub's history of 100 calls per user (each call lands in two histories). */
const WARM_UP_CALLS_PER_USER = 60;

export async function runSoak(options: SoakRunOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const secret = randomBytes(24).toString('base64url');
  // Random dialers call whoever is free, again and again: the line-filling limits, which are
  // about people and have their own tests, would refuse them.
  const hub = await startMeasuredHub(secret, { maxRingingPerCallee: 0, declineCooldownMs: 0 });
  const { users, close } = await signInUsers(hub.url, secret, options.users, CALL_TIMEOUT_S);
  const workers = Math.floor(options.users * 0.45);
  try {
    // Every scenario, so that the hub's code for each is compiled before the heap is measured.
    const warmUp = await soak({ users, calls: options.users * WARM_UP_CALLS_PER_USER, workers, seed: options.seed + 1, stepTimeoutMs: STEP_TIMEOUT_MS });
    log(`warm-up: ${warmUp.calls} calls in ${(warmUp.durationMs / 1000).toFixed(1)} s`);
    await settled(users, hub);
    const before = await hub.report();
    log(`hub heap after the warm-up: ${mib(before.heapUsed)}; soak of ${options.calls} calls among ${options.users} users (seed ${options.seed})`);
    const run = await soak({ users, calls: options.calls, workers, seed: options.seed, stepTimeoutMs: STEP_TIMEOUT_MS });
    const { linesLeft, startedCalls } = await settled(users, hub);
    const after = await hub.report();
    return { seed: options.seed, users: options.users, warmUp, run, linesLeft, hubStartedCalls: startedCalls, heapBefore: before.heapUsed, heapAfter: after.heapUsed,
      rssBefore: before.rss, rssAfter: after.rss,
    };
  } catch (error) {
    throw new Error(`${errorMessage(error)}\nhub log tail:\n${hub.log().slice(-3000)}`);
  } finally {
    close();
    await hub.stop();
  }
}

/** Waits (at most 10 s) for every line and every hub call to be released; returns what is left. */
async function settled(users: Awaited<ReturnType<typeof signInUsers>>['users'], hub: Awaited<ReturnType<typeof startMeasuredHub>>): Promise<{ linesLeft: number; startedCalls: number }> {
  let left = { linesLeft: 0, startedCalls: 0 };
  for (let i = 0; i < 40; i++) {
    left = { linesLeft: users.reduce((sum, user) => sum + user.manager.ongoing, 0), startedCalls: (await hub.report()).stats.startedCalls };
    if (left.linesLeft === 0 && left.startedCalls === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return left;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function describeSoak(report: SoakReport): string {
  const { run } = report;
  const outcomes = Object.entries(run.byOutcome).map(([outcome, n]) => `${outcome as CallOutcome} ${n}`).join(', ');
  const growth = ((report.heapAfter / report.heapBefore - 1) * 100).toFixed(1);
  return [
    `soak calls: ${run.calls} among ${report.users} users in ${(run.durationMs / 1000).toFixed(1)} s (${Math.round(run.calls / (run.durationMs / 1000))} calls/s), seed ${report.seed}`,
    `scenarios: ${JSON.stringify(run.byScenario)}`,
    `callers' outcomes: ${outcomes}`,
    `lines left: ${report.linesLeft}; calls open on the hub: ${report.hubStartedCalls}; failures: ${run.failures.length}`,
    `hub heap: ${mib(report.heapBefore)} after the warm-up (${report.warmUp.calls} calls), ${mib(report.heapAfter)} after the soak (${growth}%); ` +
      `rss ${mib(report.rssBefore)} → ${mib(report.rssAfter)}`,
  ].join('\n');
}
