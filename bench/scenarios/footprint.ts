/**
 * Footprint: what the desktop app costs the machine it runs on, measured in browser mode with the
 * same core and renderer (electron/web/cli.ts behind Debian's Chromium; the Electron binary cannot
 * run here).
 *
 * - The softphone process (core, signaling, settings, call log), signed in to a hub, with its page
 *   open: RSS (from /proc, as the OS counts it), CPU over IDLE_MS (process.cpuUsage, µs
 *   resolution) and its armed timers (process.getActiveResourcesInfo()), idle and with 5 calls
 *   ringing.
 * - The page: JS heap after a forced GC (CDP HeapProfiler.collectGarbage, then
 *   Performance.getMetrics) with 5 ringing, 1 active and 1,000 entries in the call log; again after
 *   1,000 ring/decline cycles (after 500 to warm up; half way too); and, while idle, its main-thread task time and the timer and
 *   animation-frame callbacks it ran (counted by a script installed before the app loads).
 *
 * The softphone runs as an installed app runs it: compiled JavaScript (bundled here with esbuild,
 * as the desktop build bundles it) on plain `node`, not under tsx, whose TypeScript compiler and
 * loader thread alone take about 60 MB, with the node flags `npm run web` gives it. An empty plain
 * `node` process is measured beside it (`footprint-node-empty-rss`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { userHistoryPath } from '../../electron/core/paths.js';
import { CallLog } from '../../electron/core/storage/callLog.js';
import { benchEnv, bundleForNode, cpuMs, foreignLoad, loadSample, scriptNodeFlags, spawnBench, type BenchProcess } from '../lib/procs.js';
import { inviteAfterId, inviteParams, probe, spawnHub } from '../lib/rig.js';
import { round, sleep, type Summary } from '../lib/stats.js';
import { closeAll, WireClient } from '../lib/wire.js';
import { benchEntry } from './storage.js';

const CALLEE = 'footprint-callee';
const RINGING = 5;
const HISTORY_ENTRIES = 1_000;
const CYCLES = 1_000;
/**
 * Ring/decline cycles before the first heap figure. What the page keeps is flat from the first
 * cycles on, but V8 goes on compiling optimised code for the paths a cycle runs for several
 * hundred cycles, and that code is on the JS heap: in heap-snapshot diffs (bench/heapsnapshot.ts)
 * the page grew about 0.4 MB of machine code between cycles 100 and 1,100, none on balance between
 * 1,000 and 2,000, and its objects, closures and strings not at all between 500 and 2,000.
 * After 500 the figure measures the page's state, not the compiler's progress (docs/performance.md).
 */
const WARMUP_CYCLES = 500;
/**
 * Waited before each heap figure: the incoming queue's live region keeps each announcement for
 * 10 s (CallIncomingQueue.vue), so right after a burst of cycles it holds the last 10 s of callers,
 * as many as the cycles' pace allows. Waiting them out measures what the page keeps.
 */
const SETTLE_MS = 11_000;
const IDLE_MS = 10_000;
const PAGE_IDLE_MS = 5_000;
const TARGET_RSS_MB = 80;
const TARGET_HEAP_MB = 20;
const TARGET_GROWTH_PCT = 5;
/** "≈ 0": an idle process or page may use this much of a core (a heartbeat's answer, no more). */
const TARGET_IDLE_CPU_PCT = 0.5;
/** Invitations a second turned away while every line is taken, and for how long. */
const FLOOD_RATE = 500;
const FLOOD_MS = 5_000;

/** Counts the timer and animation-frame callbacks the page runs; installed before the app's code. */
const TICK_COUNTER = `(() => {
  const ticks = (window.__benchTicks = { timers: 0, frames: 0 });
  const wrap = (name, key) => {
    const original = window[name];
    window[name] = function (callback, ...rest) {
      if (typeof callback !== 'function') return original.call(this, callback, ...rest);
      return original.call(this, function (...args) { ticks[key] += 1; return callback.apply(this, args); }, ...rest);
    };
  };
  wrap('setTimeout', 'timers');
  wrap('setInterval', 'timers');
  wrap('requestAnimationFrame', 'frames');
})()`;

interface Ticks {
  timers: number;
  frames: number;
}
const readTicks = (): Ticks => ({ ...(globalThis as unknown as { __benchTicks: Ticks }).__benchTicks });

/** The page's document, as far as the predicates below use it (the bench's tsconfig has no DOM types). */
interface PageDocument {
  querySelectorAll(selector: string): ArrayLike<unknown>;
  querySelector(selector: string): unknown;
}
// Predicates run in the page: self-contained functions, not strings (the app's CSP forbids eval).
/**
 * Cards still ringing: a card that stopped keeps its place, inert, for a moment (SETTLE_MS), which
 * the cycles need not wait for (with it, 1,500 cycles outlast the long-ringing calls' 600 s). Each
 * predicate skips such a card: the cycles ring 21 callers in turn, and on a machine fast enough for
 * 21 cycles within SETTLE_MS a caller rung again has two cards for a moment, the old one first.
 */
const showing = (count: number): boolean =>
  (globalThis as unknown as { document: PageDocument }).document.querySelectorAll('[role="dialog"][aria-label^="Incoming call from"]:not([inert] *)').length === count;
const dialogFor = (name: string): boolean =>
  (globalThis as unknown as { document: PageDocument }).document.querySelector(`[role="dialog"][aria-label="Incoming call from ${name}"]:not([inert] *)`) !== null;

/** A field of /proc/<pid>/status in MB (VmRSS, RssAnon, RssFile). */
function statusMb(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? NaN) / 1024;
}

const rssMb = (pid: number): number => statusMb(pid, 'VmRSS');

/**
 * What an RSS figure is made of: the process's own memory, and pages of files it maps (the node
 * binary above all), which it shares and which vary from run to run with what the kernel has cached.
 */
function rssParts(pid: number): string {
  return `${round(statusMb(pid, 'RssAnon'), 1)} MB its own (anonymous), ${round(statusMb(pid, 'RssFile'), 1)} MB of mapped files`;
}

/** CPU of a spawned process over `ms`, in % of one core, from its own process.cpuUsage(); its timers at the end. */
async function idleCpu(proc: BenchProcess, ms: number): Promise<{ pct: number; timers: number; foreign: number }> {
  const load = loadSample();
  const before = await probe(proc, false);
  const started = performance.now();
  await sleep(ms);
  const after = await probe(proc, false);
  const elapsed = performance.now() - started;
  const used = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
  return { pct: (used / 1000 / elapsed) * 100, timers: after.resources.filter((kind) => kind === 'Timeout').length, foreign: foreignLoad(load) };
}

/** Invitations from `callers` at `rate` a second for `ms`; counts the busy answers (until 1 s after). */
async function flood(callers: WireClient[], rate: number, ms: number): Promise<{ sent: number; busy: number }> {
  let busy = 0;
  for (const caller of callers) {
    caller.onText = (text) => {
      if (text.startsWith('{"event":"callInvitationEnded"') && text.includes('call_limit_reached')) busy += 1;
      return true;
    };
  }
  const params = inviteAfterId(CALLEE);
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < ms) {
    const due = Math.floor(((performance.now() - started) * rate) / 1000);
    for (; sent < due; sent++) {
      const caller = callers[sent % callers.length]!;
      caller.send(`{"id":${caller.takeId()}${params}`);
    }
    await sleep(5);
  }
  await sleep(1_000);
  for (const caller of callers) caller.onText = null;
  return { sent, busy };
}

/** A heap snapshot of the page, written to `file` (with --profile: to diff what the cycles leave). */
async function heapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  const chunks: string[] = [];
  const collect = ({ chunk }: { chunk: string }): void => {
    chunks.push(chunk);
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
  writeFileSync(file, chunks.join(''));
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? NaN) / 1024 / 1024;
}

/** The page's main-thread task time (% of one core), and the timer and frame callbacks it ran, over `ms`. */
async function pageIdle(page: Page, cdp: CDPSession, ms: number): Promise<{ pct: number; ticks: Ticks }> {
  const task = async (): Promise<number> => (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN;
  const tasksBefore = await task();
  const ticksBefore = await page.evaluate(readTicks);
  const started = performance.now();
  await sleep(ms);
  const tasksAfter = await task();
  const ticksAfter = await page.evaluate(readTicks);
  // The CDP calls that read these run as page tasks too: the figure includes them (pessimistic).
  return {
    pct: ((tasksAfter - tasksBefore) * 1000 * 100) / (performance.now() - started),
    ticks: { timers: ticksAfter.timers - ticksBefore.timers, frames: ticksAfter.frames - ticksBefore.frames },
  };
}

/** Clicks Decline on the ringing card of the call from `name` (in the page, one round trip). */
const declineIn = (name: string): void => {
  const dialog = (globalThis as unknown as { document: { querySelector(selector: string): { querySelector(selector: string): { click(): void } | null } | null } })
    .document.querySelector(`[role="dialog"][aria-label="Incoming call from ${name}"]:not([inert] *)`);
  const button = dialog?.querySelector('button.decline');
  if (!button) throw new Error(`no Decline button for ${name}`);
  button.click();
};

/** A call log of `count` answered calls (none leaves anyone waiting for a callback). */
function fillAnsweredLog(path: string, count: number): void {
  const log = new CallLog({ path, retention: count, warn: (text) => console.log(`  warning: ${text}`), schedule: () => {} });
  for (let n = 1; n <= count; n++) log.record({ ...benchEntry(n), direction: 'incoming', outcome: 'answered', detail: 'answered (bench)' });
  log.close();
}

export async function runFootprint(summary: Summary, options: { profileDir?: string } = {}): Promise<void> {
  const env = benchEnv();
  fillAnsweredLog(userHistoryPath(env.SWITCHBOARD_DATA_DIR!, CALLEE), HISTORY_ENTRIES);
  const hub = await spawnHub();
  const compiledProbe = bundleForNode('bench/probe.ts', 'probe');
  const empty = await spawnBench({ name: 'node-empty', script: bundleForNode('bench/idle.ts', 'idle'), compiledProbe, ready: /^idle$/ });
  const phoneFlags = scriptNodeFlags('web', 'electron/web/cli.ts');
  const phone = await spawnBench({
    name: 'softphone',
    script: bundleForNode('electron/web/cli.ts', 'web-cli'),
    compiledProbe,
    nodeFlags: phoneFlags,
    args: ['--user', CALLEE, '--hub', hub.url, '--incoming-limit', String(RINGING + 2)],
    env,
    ready: /^http:\/\/127\.0\.0\.1:\d+\/#key=\S+$/,
  });
  const browser = await chromium.launch({
    executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    ],
  });
  let callers: WireClient[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.addInitScript(TICK_COUNTER);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(phone.url);
    await page.getByText(/^\d+ of \d+ lines$/).waitFor({ state: 'visible', timeout: 15_000 });
    callers = await WireClient.connectMany(hub.url, 'footprint-caller-', RINGING + 1 + CYCLES / 50);
    await sleep(2_000); // start-up work (the log's first read, the first render) is not idle

    // Idle and signed in.
    summary.add('footprint-node-empty-rss', round(rssMb(empty.pid), 1), 'MB');
    summary.note(`footprint: the softphone runs with node ${phoneFlags.length > 0 ? phoneFlags.join(' ') : '(no flags)'}, as npm run web starts it`);
    const idle = await idleCpu(phone, IDLE_MS);
    summary.add('footprint-phone-idle-rss', round(rssMb(phone.pid), 1), 'MB', { text: `≤ ${TARGET_RSS_MB} MB`, met: rssMb(phone.pid) <= TARGET_RSS_MB });
    summary.note(`footprint: softphone idle: ${rssParts(phone.pid)}; the empty node: ${rssParts(empty.pid)}`);
    summary.add('footprint-phone-idle-cpu', round(idle.pct, 3), '% of a core', { text: `≤ ${TARGET_IDLE_CPU_PCT}%`, met: idle.pct <= TARGET_IDLE_CPU_PCT });
    summary.add('footprint-phone-idle-timers', idle.timers, 'timers armed', { text: '0 while nothing rings', met: idle.timers === 0 });
    const page0 = await pageIdle(page, cdp, PAGE_IDLE_MS);
    summary.add('footprint-page-idle-cpu', round(page0.pct, 3), '% of a core', { text: `≤ ${TARGET_IDLE_CPU_PCT}%`, met: page0.pct <= TARGET_IDLE_CPU_PCT });
    summary.add('footprint-page-idle-ticks', page0.ticks.timers + page0.ticks.frames, `timer and frame callbacks in ${PAGE_IDLE_MS / 1000} s`, {
      text: '0 while nothing rings',
      met: page0.ticks.timers + page0.ticks.frames === 0,
    });
    summary.note(`footprint idle: softphone ${round(idle.pct, 3)}% CPU over ${IDLE_MS / 1000} s, page ${page0.ticks.timers} timer and ${page0.ticks.frames} frame callbacks; others used ${idle.foreign}% CPU`);

    // Five calls ringing.
    for (const caller of callers.slice(0, RINGING)) await caller.request('callInvite', inviteParams(CALLEE, 600));
    await page.waitForFunction(showing, RINGING, { timeout: 10_000 });
    await sleep(1_000);
    const ringing = await idleCpu(phone, IDLE_MS);
    const ringingCpuBefore = cpuMs(phone.pid);
    summary.add('footprint-phone-5-ringing-rss', round(rssMb(phone.pid), 1), 'MB', { text: `≤ ${TARGET_RSS_MB} MB`, met: rssMb(phone.pid) <= TARGET_RSS_MB });
    summary.note(`footprint: softphone with 5 ringing: ${rssParts(phone.pid)}`);
    summary.add('footprint-phone-5-ringing-cpu', round(ringing.pct, 3), '% of a core');
    const page5 = await pageIdle(page, cdp, PAGE_IDLE_MS);
    summary.add('footprint-page-5-ringing-cpu', round(page5.pct, 3), '% of a core');
    summary.note(`footprint 5 ringing: softphone ${ringing.timers} timers armed, page ${page5.ticks.timers} timer and ${page5.ticks.frames} frame callbacks in ${PAGE_IDLE_MS / 1000} s, while the softphone used ${round(cpuMs(phone.pid) - ringingCpuBefore)} ms of CPU`);

    // The first of them accepted and a sixth call ringing: 1 active, 5 ringing (the queue shows five
    // cards; the fifth is the cycling caller's), 1,000 entries in the call log.
    const ring = async (caller: WireClient): Promise<void> => {
      await caller.request('callInvite', inviteParams(CALLEE, 600));
      await page.waitForFunction(dialogFor, caller.userID, { timeout: 10_000 });
    };
    const answer = (caller: WireClient, button: 'Accept' | 'Decline'): Promise<void> =>
      page.getByRole('dialog', { name: `Incoming call from ${caller.userID}` }).getByRole('button', { name: new RegExp(`^${button}`) }).click({ timeout: 10_000 });
    await answer(callers[0]!, 'Accept');
    // With a call connected the queue folds all but two cards into "+N more": unfolded, every card
    // ringing is in the page, as the measure of the heap means.
    await page.getByRole('button', { name: /^\+\d+ more$/ }).click({ timeout: 10_000 });
    await page.waitForFunction(showing, RINGING - 1, { timeout: 10_000 });
    const cyclers = callers.slice(RINGING);
    await ring(cyclers[0]!);
    await sleep(1_000);
    const heap = await heapMb(cdp);
    summary.add('footprint-page-heap', round(heap, 2), 'MB (5 ringing, 1 active, 1,000 in the call log)', { text: `≤ ${TARGET_HEAP_MB} MB`, met: heap <= TARGET_HEAP_MB });
    const phoneMemory = (await probe(phone, true)).memory;
    summary.note(
      `footprint: softphone after a full GC, 5 ringing and 1 active: RSS ${round(phoneMemory.rss / 2 ** 20, 1)} MB, V8 heap used ${round(phoneMemory.heapUsed / 2 ** 20, 1)} ` +
        `of ${round(phoneMemory.heapTotal / 2 ** 20, 1)} MB, external ${round(phoneMemory.external / 2 ** 20, 1)} MB (array buffers ${round(phoneMemory.arrayBuffers / 2 ** 20, 1)} MB)`,
    );

    // Decline the fifth, ring the next, spread over the cycling callers (each well under its request
    // rate): WARMUP_CYCLES first (the code paths compile and V8 keeps their optimised code on the
    // heap), then the heap, then CYCLES more (the heap also half way), each heap after SETTLE_MS.
    let cycle = 0;
    const cycles = async (count: number): Promise<void> => {
      for (let n = 0; n < count; n++, cycle++) {
        await page.evaluate(declineIn, cyclers[cycle % cyclers.length]!.userID);
        await page.waitForFunction(showing, RINGING - 1, { timeout: 10_000 });
        await ring(cyclers[(cycle + 1) % cyclers.length]!);
      }
    };
    await cycles(WARMUP_CYCLES);
    await sleep(SETTLE_MS);
    const heapWarm = await heapMb(cdp);
    if (options.profileDir) await heapSnapshot(cdp, join(options.profileDir, 'page-heap-warm.heapsnapshot'));
    summary.add('footprint-page-heap-warm', round(heapWarm, 2), `MB (after ${WARMUP_CYCLES} ring/decline cycles)`);
    let cyclesMs = 0;
    const timedCycles = async (count: number): Promise<void> => {
      const started = performance.now();
      await cycles(count);
      cyclesMs += performance.now() - started;
    };
    await timedCycles(CYCLES / 2);
    await sleep(SETTLE_MS);
    const heapMid = await heapMb(cdp);
    await timedCycles(CYCLES / 2);
    await sleep(SETTLE_MS);
    const heapAfter = await heapMb(cdp);
    if (options.profileDir) await heapSnapshot(cdp, join(options.profileDir, 'page-heap-after-cycles.heapsnapshot'));
    const growth = ((heapAfter - heapWarm) / heapWarm) * 100;
    summary.add('footprint-page-heap-after-cycles', round(heapAfter, 2), `MB (after ${CYCLES} more ring/decline cycles; ${round(heapMid, 2)} MB half way)`);
    summary.add('footprint-page-heap-growth', round(growth, 1), `% over ${CYCLES} ring/decline cycles`, { text: `≤ ${TARGET_GROWTH_PCT}%`, met: growth <= TARGET_GROWTH_PCT });
    summary.add('footprint-page-heap-growth-second-half', round(((heapAfter - heapMid) / heapMid) * 100, 1), `% over the last ${CYCLES / 2} of them`);
    summary.add('footprint-phone-rss-after-cycles', round(rssMb(phone.pid), 1), 'MB');
    summary.note(`footprint: ${CYCLES} ring/decline cycles took ${round(cyclesMs / 1000, 1)} s`);

    // Every line taken (1 active, 6 ringing), then a flood of invitations, each turned away as busy.
    const lastLine = await WireClient.connect(hub.url, 'footprint-last-line');
    callers.push(lastLine);
    await lastLine.request('callInvite', inviteParams(CALLEE, 600));
    // The queue shows five cards and "+1 more": the header says the lines are all taken.
    await page.getByText(`${RINGING + 2} of ${RINGING + 2} lines`).waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(1_000);
    const [phoneFlood, pageFlood, turnedAway] = await Promise.all([idleCpu(phone, FLOOD_MS), pageIdle(page, cdp, FLOOD_MS), flood(cyclers, FLOOD_RATE, FLOOD_MS)]);
    summary.add('footprint-phone-flood-cpu', round(phoneFlood.pct, 1), `% of a core (every line taken, ${FLOOD_RATE} invitations a second turned away)`);
    summary.add('footprint-page-flood-cpu', round(pageFlood.pct, 1), '% of a core (the same)');
    summary.note(`footprint flood: ${turnedAway.sent} invitations in ${FLOOD_MS / 1000} s, ${turnedAway.busy} answered busy; others used ${phoneFlood.foreign}% CPU`);
    if (turnedAway.busy !== turnedAway.sent) throw new Error(`footprint flood: ${turnedAway.sent - turnedAway.busy} of ${turnedAway.sent} invitations were not answered busy`);
    await context.close();
  } finally {
    closeAll(callers);
    await browser.close().catch(() => {});
    await Promise.all([phone.stop(), hub.stop(), empty.stop()]);
  }
}
