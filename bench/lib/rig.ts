/**
 * The processes of the call scenarios: the real hub CLI, and the callees' real CallManagers —
 * in the bench process or in a process of their own (bench/callee.ts).
 */
import { join } from 'node:path';
import { localCallees, remoteCallees, type CalleeHost } from './callees.js';
import { benchEnv, benchSecret, scratchDir, scriptNodeFlags, spawnBench, type BenchProcess } from './procs.js';
import { waitFor } from './stats.js';
import type { WireClient } from './wire.js';

export interface HubRunOptions {
  /** Directory for a --cpu-prof profile of the hub, written when it stops. */
  profileDir?: string;
  name?: string;
}

/**
 * Extra node flags for every hub the bench spawns (BENCH_HUB_NODE_FLAGS, space-separated), to compare
 * V8 settings in the same scenarios, e.g. BENCH_HUB_NODE_FLAGS=--max-semi-space-size=64.
 */
export const HUB_NODE_FLAGS = (process.env.BENCH_HUB_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== '');

/** Per caller connection; see spawnHub. */
const BENCH_REQUESTS_PER_SECOND = 100_000;
/** Hubs spawned so far: each gets a data directory of its own. */
let hubs = 0;

/**
 * The hub as `npm run hub` runs it (that script's node flags, then BENCH_HUB_NODE_FLAGS):
 * `node --import tsx electron/core/hub/cli.ts --port 0 --requests-per-second 100000 …`, secret from
 * SWITCHBOARD_HUB_SECRET. The request-rate limit stays on (its cost is in every figure), raised from
 * 100 to 100,000 a second: each of the bench's few callers sends the invitations of many people, as
 * fast as the machine lets it. At 1,000 a second a fast machine's full load (52,000/s from 50
 * callers) had the hub close callers for flooding.
 * The busy callee needs no raise: every invitation delivered earns the request that answers it.
 * For the same reason the line-filling limits are off (each caller stands for many people ringing
 * one callee), and the cap on connections not signed in per address is raised (every synthetic
 * user connects from 127.0.0.1). Each hub has a data directory of its own: the users one
 * scenario's hub met (kept in its known-users file) are not loaded by the next one's.
 */
export function spawnHub(options: HubRunOptions = {}): Promise<BenchProcess> {
  return spawnBench({
    name: options.name ?? 'hub',
    env: benchEnv({ SWITCHBOARD_DATA_DIR: join(scratchDir(), `hub-data-${++hubs}`) }),
    script: 'electron/core/hub/cli.ts',
    args: [
      '--port', '0', '--requests-per-second', String(BENCH_REQUESTS_PER_SECOND),
      '--max-ringing-per-callee', '0', '--decline-cooldown', '0', '--max-pending-per-address', '512',
    ],
    ready: /^ws:\/\/127\.0\.0\.1:\d+\/?$/,
    nodeFlags: [...scriptNodeFlags('hub', 'electron/core/hub/cli.ts'), ...HUB_NODE_FLAGS, ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [])],
  });
}

/**
 * Where the callees' CallManagers run: 'local' in the bench process beside the load generator
 * (the default: two busy processes for two cores), or 'process' in a process of their own.
 */
export type CalleePlacement = 'local' | 'process';
export const CALLEE_PLACEMENT: CalleePlacement = process.env.BENCH_CALLEE === 'process' ? 'process' : 'local';

export async function startCallees(options: HubRunOptions & { placement?: CalleePlacement } = {}): Promise<CalleeHost> {
  if ((options.placement ?? CALLEE_PLACEMENT) === 'local') return localCallees(benchSecret);
  const proc = await spawnBench({
    name: options.name ?? 'callee',
    script: 'bench/callee.ts',
    ready: /^callee ready$/,
    nodeFlags: options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [],
  });
  return remoteCallees(proc);
}

export interface MemoryReport {
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
  /** process.getActiveResourcesInfo(): one entry per active handle or request ('Timeout', 'TCPSocketWrap', …). */
  resources: string[];
}

/** Memory and CPU of a spawned process, by its probe; after a full GC when `gc`. */
export function probe(proc: BenchProcess, gc = true): Promise<MemoryReport> {
  return proc.ask<MemoryReport>({ type: 'mem', gc });
}

/** An advanced-mode 1v1 invitation as CallManager.dial sends it; the kind turned away with callEnd. */
export function inviteParams(callee: string, timeout = 90): Record<string, unknown> {
  return { invitees: [callee], config: { mode: 1, timeout, extendedData: '' } };
}

/**
 * A callInvite request of inviteParams(callee) as text, all but its opening `{"id":N`: the load
 * loops send the same invitation many times and add only the id.
 */
export function inviteAfterId(callee: string): string {
  return `,"method":"callInvite","params":${JSON.stringify(inviteParams(callee))}}`;
}

/** Fills the callee's lines: `count` invitations that ring (and keep ringing for 10 minutes). */
export async function fillLines(fillers: WireClient[], callees: CalleeHost, calleeID: string, count: number): Promise<void> {
  for (const filler of fillers.slice(0, count)) await filler.request('callInvite', inviteParams(calleeID, 600));
  await waitFor(`${calleeID} to ring ${count} times`, async () => (await callees.stats(calleeID)).ongoing === count, 10_000, 20);
}
