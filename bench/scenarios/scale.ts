/**
 * Scale: what an idle signed-in user costs the hub — memory (RSS and V8 heap, after a full GC,
 * measured inside the hub process by bench/probe.ts) and CPU (over one 10 s heartbeat period, so
 * that each connection is pinged once, less what the empty hub used) — at 1,000 and 10,000
 * users; and the busy-path throughput with 1,000 idle users connected.
 */
import type { BusyResult } from '../lib/busyLoad.js';
import { prepareBusy, describe, BUSY_CALLERS, BUSY_WINDOW } from './busy.js';
import { CALLEE_PLACEMENT, probe, spawnHub, startCallees, type MemoryReport } from '../lib/rig.js';
import WebSocket from 'ws';
import { measureQuietly, spawnBench, type BenchProcess } from '../lib/procs.js';
import { round, sleep, type Summary } from '../lib/stats.js';
import { closeAll, WireClient } from '../lib/wire.js';

/** The hub's heartbeat interval (DEFAULT_HEARTBEAT_INTERVAL_MS): one ping to every connection. */
const CPU_WINDOW_MS = 10_000;
const TARGET_BYTES_PER_USER = 8 * 1024;
/** Busy-path runs beside the idle users; the median is the figure, as in the busy scenario. */
const BUSY_RUNS = 3;

interface IdleResult {
  rssPerUser: number;
  heapPerUser: number;
  cpuUsPerUserPerS: number;
  foreign: number;
  /** RSS per user between the first 1,000 and the last: the cost of one more user. */
  marginalRssPerUser?: number;
}

function heapBytes(report: MemoryReport): number {
  // V8 heap plus what V8 tracks outside it (Buffers, ArrayBuffers).
  return report.memory.heapUsed + report.memory.external;
}

/**
 * After the logins, before the CPU window: the first ~10 s after a burst of logins carry V8's
 * after-burst work (memory-reducer GCs, optimising the heartbeat path), 3-4× the steady rate.
 */
const SETTLE_MS = 10_000;
const EMPTY_WINDOW_MS = 5_000;

/** The hub's CPU use over `windowMs`, in µs per second. */
async function cpuRate(hub: BenchProcess, windowMs: number): Promise<number> {
  const before = (await probe(hub, false)).cpu;
  await sleep(windowMs);
  const after = (await probe(hub, false)).cpu;
  return (after.user + after.system - before.user - before.system) / (windowMs / 1000);
}

/**
 * Signs in `count` idle users on a fresh hub and measures what they cost it. Past 1,000 users it
 * also measures at 1,000, so that the one-off growth of the hub's heap (V8 doubles its young
 * generation under the login burst) can be told from the cost of each further user.
 */
async function idleUsers(hub: BenchProcess, count: number, clients: WireClient[]): Promise<IdleResult> {
  // Warm-up: the first logins compile the hub's login path; their memory is not per-user cost.
  const warm = await WireClient.connectMany(hub.url, 'warm-', 200);
  closeAll(warm);
  await sleep(500);
  // What the hub burns with nobody signed in (timers, its JIT and GC settling), to subtract.
  const { result: emptyUsPerS } = await measureQuietly(() => cpuRate(hub, EMPTY_WINDOW_MS));
  const before = await probe(hub);
  const first = Math.min(count, 1_000);
  clients.push(...(await WireClient.connectMany(hub.url, `idle-${count}-`, first)));
  await sleep(1_000);
  const atFirst = count > first ? await probe(hub) : null;
  if (count > first) {
    clients.push(...(await WireClient.connectMany(hub.url, `idle-${count}-more-`, count - first)));
    await sleep(1_000);
  }
  const after = await probe(hub);
  await sleep(SETTLE_MS);
  const { result: usersUsPerS, foreign } = await measureQuietly(() => cpuRate(hub, CPU_WINDOW_MS));
  return {
    rssPerUser: (after.memory.rss - before.memory.rss) / count,
    heapPerUser: (heapBytes(after) - heapBytes(before)) / count,
    cpuUsPerUserPerS: Math.max(0, usersUsPerS - emptyUsPerS) / count,
    foreign,
    marginalRssPerUser: atFirst ? (after.memory.rss - atFirst.memory.rss) / (count - first) : undefined,
  };
}

function report(summary: Summary, count: number, result: IdleResult): void {
  const label = count >= 1000 ? `${count / 1000}k` : String(count);
  summary.add(`idle-rss-per-user-${label}`, round(result.rssPerUser / 1024, 2), 'KB', {
    text: `≤ ${TARGET_BYTES_PER_USER / 1024} KB`,
    met: result.rssPerUser <= TARGET_BYTES_PER_USER,
  });
  if (result.marginalRssPerUser !== undefined) {
    summary.add(`idle-rss-per-user-1k-to-${label}`, round(result.marginalRssPerUser / 1024, 2), 'KB (each user past the first 1,000)');
  }
  summary.add(`idle-heap-per-user-${label}`, round(result.heapPerUser / 1024, 2), 'KB');
  summary.add(`idle-cpu-per-user-${label}`, round(result.cpuUsPerUserPerS, 2), 'µs CPU/s');
  if (result.foreign > 10) summary.note(`scale ${label}: other processes used ${result.foreign}% CPU during the CPU window`);
}

/** The same measurement on the bare echo server: what a connection costs `ws` and Node themselves. */
async function bareConnections(count: number): Promise<number> {
  const echo = await spawnBench({ name: 'echo-server-idle', script: 'bench/echoServer.ts', ready: /^ws:\/\/127\.0\.0\.1:\d+$/ });
  const sockets: WebSocket[] = [];
  try {
    const open = (): Promise<WebSocket> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(echo.url, { perMessageDeflate: false });
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    const warm = await Promise.all(Array.from({ length: 200 }, open));
    for (const ws of warm) ws.terminate();
    await sleep(500);
    const before = await probe(echo);
    for (let i = 0; i < count; i += 100) sockets.push(...(await Promise.all(Array.from({ length: Math.min(100, count - i) }, open))));
    await sleep(1_000);
    const after = await probe(echo);
    return (after.memory.rss - before.memory.rss) / count;
  } finally {
    for (const ws of sockets) ws.terminate();
    await echo.stop();
  }
}

export async function runScale(summary: Summary): Promise<void> {
  // 1,000 idle users, then the busy path beside them.
  {
    const hub = await spawnHub({ name: 'hub-1k' });
    const callee = await startCallees();
    const clients: WireClient[] = [];
    let rig: Awaited<ReturnType<typeof prepareBusy>> | null = null;
    try {
      report(summary, 1_000, await idleUsers(hub, 1_000, clients));
      rig = await prepareBusy(hub, callee, 'callee');
      const load = rig.load;
      const pids: Record<string, number> =
        CALLEE_PLACEMENT === 'local' ? { hub: hub.pid, 'callers+callee': process.pid } : { hub: hub.pid, callee: callee.pid, callers: process.pid };
      const runs: BusyResult[] = [];
      for (let run = 1; run <= BUSY_RUNS; run++) {
        const { result } = await measureQuietly(() => load.runClosed(BUSY_WINDOW, { warmupMs: 1_500, measureMs: 4_000 }, pids));
        summary.note(`busy path beside 1,000 idle users, run ${run} (closed loop, ${BUSY_CALLERS} callers × ${BUSY_WINDOW}): ${describe(result)}`);
        if (result.wrongOutcome + result.errorReplies + result.lost > 0) throw new Error('busy path beside 1,000 users: wrong or missing answers');
        runs.push(result);
      }
      const busy = runs.toSorted((a, b) => a.rate - b.rate)[Math.floor(BUSY_RUNS / 2)]!;
      summary.add('busy-path-1k-users', round(busy.rate), 'call attempts/s');
    } finally {
      if (rig) {
        rig.load.detach();
        closeAll([...rig.callers, ...rig.fillers]);
      }
      closeAll(clients);
      await Promise.all([callee.stop(), hub.stop()]);
    }
  }
  // What 10,000 bare ws connections cost an echo server, for comparison.
  summary.add('baseline-ws-idle-rss-per-conn-10k', round((await bareConnections(10_000)) / 1024, 2), 'KB');
  // 10,000 idle users on a fresh hub.
  {
    const hub = await spawnHub({ name: 'hub-10k' });
    const clients: WireClient[] = [];
    try {
      report(summary, 10_000, await idleUsers(hub, 10_000, clients));
    } finally {
      closeAll(clients);
      await hub.stop();
    }
  }
}
