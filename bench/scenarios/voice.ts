/**
 * Voice: from the callee's Accept to the first audio packet received at each end, and the CPU a
 * page spends on a connected call. Two browser-mode softphones (electron/web/cli.ts) and two
 * Chromiums with fake microphones playing tones, driven by Playwright like a user.
 *
 * Stamps are taken in the pages: a click listener stamps the Accept, and each RTCPeerConnection
 * polls getStats() every 5 ms until its inbound-rtp has a packet. Both pages run on this machine,
 * and performance.timeOrigin + performance.now() in each follows the system clock, so the two ends
 * compare directly (to within a millisecond or so).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserServer, type Page } from '@playwright/test';
import { toneWav } from '../../e2e/support/tone.js';
import { benchEnv, cpuByKind, foreignLoad, loadSample, spawnBench, treeCpuMs, treeProcessesCpu } from '../lib/procs.js';
import { spawnHub } from '../lib/rig.js';
import { BARE_CALL_SCRIPT, endBareCall, serveBlankPage, startBareCall } from '../lib/bareCall.js';
import { percentile, round, sleep, sortedCopy, waitFor, type Summary } from '../lib/stats.js';

const CALLS = 22;
const WARM_UP = 2;
const TARGET_FIRST_PACKET_P95_MS = 250;
const CPU_WINDOW_MS = 10_000;
const TARGET_CPU_PER_CALL_PCT = 10;
const SETTLE_MS = 3_000;
/** Threads named in the CPU breakdown of each window. */
const BREAKDOWN_THREADS = 8;

/**
 * Installed in each page before it loads. Besides the stamps, it keeps what the CPU breakdown is
 * read against: its own getStats() calls, the page's DOM mutations, the media elements that play
 * and the AudioContexts the page made.
 */
const PROBE = `(() => {
  const Native = window.RTCPeerConnection;
  const probe = (window.__voiceBench = { accepted: [], connections: [], polls: 0, mutations: 0, players: new Set(), contexts: [] });
  const stamp = () => performance.timeOrigin + performance.now();
  document.addEventListener('click', (event) => {
    const button = event.target.closest && event.target.closest('button');
    if (button && button.textContent.trim().startsWith('Accept call from ')) probe.accepted.push(stamp());
  }, true);
  new MutationObserver((records) => { probe.mutations += records.length; })
    .observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (...args) { probe.players.add(this); return play.apply(this, args); };
  const NativeAudioContext = window.AudioContext;
  window.AudioContext = class extends NativeAudioContext {
    constructor(...args) { super(...args); probe.contexts.push(this); }
  };
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      const record = { pc: this, firstPacket: 0 };
      probe.connections.push(record);
      const poll = setInterval(async () => {
        if (this.connectionState === 'closed') return clearInterval(poll);
        probe.polls += 1;
        const stats = await this.getStats();
        stats.forEach((report) => {
          if (!record.firstPacket && report.type === 'inbound-rtp' && report.kind === 'audio' && report.packetsReceived > 0) record.firstPacket = stamp();
        });
        if (record.firstPacket) clearInterval(poll);
      }, 5);
    }
  };
})();`;

interface ProbeWindow {
  __voiceBench: {
    accepted: number[];
    connections: Array<{ pc: { connectionState: string; getStats(): Promise<Map<string, StatsReport>> }; firstPacket: number }>;
    polls: number;
    mutations: number;
    players: Set<{ paused: boolean; srcObject: unknown }>;
    contexts: Array<{ state: string }>;
  };
}

/** The fields of getStats() reports the bench reads (the bench compiles without the DOM library). */
interface StatsReport {
  type: string;
  kind?: string;
  packetsSent?: number;
  packetsReceived?: number;
}

/** What the page did and holds: counters since it loaded, and the media playing now. */
interface PageActivity {
  polls: number;
  /** Audio RTP packets sent and received by the open connections so far. */
  packetsSent: number;
  packetsReceived: number;
  mutations: number;
  /** Media elements playing a stream now. */
  playing: number;
  /** The state of each AudioContext the page made. */
  contexts: string[];
}

async function pageActivity(page: Page): Promise<PageActivity> {
  return page.evaluate(async () => {
    const probe = (globalThis as unknown as ProbeWindow).__voiceBench;
    let packetsSent = 0;
    let packetsReceived = 0;
    for (const { pc } of probe.connections.filter((record) => record.pc.connectionState !== 'closed')) {
      (await pc.getStats()).forEach((report) => {
        if (report.kind !== 'audio') return;
        if (report.type === 'outbound-rtp') packetsSent += report.packetsSent ?? 0;
        if (report.type === 'inbound-rtp') packetsReceived += report.packetsReceived ?? 0;
      });
    }
    return {
      polls: probe.polls,
      packetsSent,
      packetsReceived,
      mutations: probe.mutations,
      playing: [...probe.players].filter((player) => !player.paused && player.srcObject !== null).length,
      contexts: probe.contexts.map((context) => context.state),
    };
  });
}

/**
 * When the page's connection number `index` (0-based, in the order the page opened them) received
 * its first packet; 0 while it has not, or does not exist yet. Each call opens one connection per
 * page, so the bench asks for the connection of the call it placed, never a previous call's.
 */
async function firstPacketOf(page: Page, index: number): Promise<number> {
  return page.evaluate((at) => (globalThis as unknown as ProbeWindow).__voiceBench.connections[at]?.firstPacket ?? 0, index);
}

async function connectionCount(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as ProbeWindow).__voiceBench.connections.length);
}

async function openConnections(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as ProbeWindow).__voiceBench.connections.filter(({ pc }) => pc.connectionState !== 'closed').length);
}

/** A page of the bare anchor, in its own context of `browser`, with the probe installed. */
async function openBarePage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(PROBE);
  await context.addInitScript(BARE_CALL_SCRIPT);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

function stats(values: number[]): { p50: number; p95: number } {
  const sorted = sortedCopy(values);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

export async function runVoice(summary: Summary): Promise<void> {
  const hub = await spawnHub();
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-bench-voice-'));
  const servers: BrowserServer[] = [];
  const browsers: Browser[] = [];
  const pages: Record<'caller' | 'callee', Page> = {} as Record<'caller' | 'callee', Page>;
  const pids: Record<'caller' | 'callee', number> = { caller: 0, callee: 0 };
  const browserOf = {} as Record<'caller' | 'callee', Browser>;
  let blank: Awaited<ReturnType<typeof serveBlankPage>> | undefined;
  try {
    for (const [role, tone] of [['caller', 440], ['callee', 660]] as const) {
      const phone = await spawnBench({
        name: `voice-${role}`,
        script: 'electron/web/cli.ts',
        args: ['--user', `voice-${role}`, '--hub', hub.url],
        env: benchEnv(),
        ready: /^http:\/\/127\.0\.0\.1:\d+\/#key=\S+$/,
      });
      const wav = join(dir, `${role}.wav`);
      writeFileSync(wav, toneWav(tone));
      // A server of its own, so that its process tree's CPU can be read.
      const server = await chromium.launchServer({
        executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        args: [
          '--disable-gpu', '--no-first-run', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
          `--use-file-for-fake-audio-capture=${wav}`, '--allow-loopback-in-peer-connection',
        ],
      });
      servers.push(server);
      pids[role] = server.process().pid ?? 0;
      const browser = await chromium.connect(server.wsEndpoint());
      browsers.push(browser);
      browserOf[role] = browser;
      const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
      await context.addInitScript(PROBE);
      const page = await context.newPage();
      await page.goto(phone.url);
      await page.getByRole('textbox', { name: 'Call user' }).waitFor({ state: 'visible', timeout: 15_000 });
      pages[role] = page;
    }
    const { caller, callee } = pages;
    const atCallee: number[] = [];
    const atCaller: number[] = [];
    const load = loadSample();
    for (let i = 0; i < CALLS; i++) {
      // The polite side opens its connection only when the offer comes: until then the page's
      // newest connection is the previous call's, which had its first packet long ago.
      const index = { caller: await connectionCount(caller), callee: await connectionCount(callee) };
      await caller.getByRole('textbox', { name: 'Call user' }).fill('voice-callee');
      await caller.getByRole('button', { name: 'Call', exact: true }).click();
      await callee.getByRole('dialog', { name: 'Incoming call from voice-caller' }).getByRole('button', { name: 'Accept' }).click();
      await waitFor('audio at both ends', async () => (await firstPacketOf(caller, index.caller)) > 0 && (await firstPacketOf(callee, index.callee)) > 0, 15_000, 20);
      const accepted = await callee.evaluate(() => (globalThis as unknown as ProbeWindow).__voiceBench.accepted.at(-1) ?? 0);
      if (accepted === 0) throw new Error('the Accept click was not stamped: the probe no longer recognises the button');
      if (i >= WARM_UP) {
        atCallee.push((await firstPacketOf(callee, index.callee)) - accepted);
        atCaller.push((await firstPacketOf(caller, index.caller)) - accepted);
      }
      if (i === CALLS - 1) break;
      await caller.getByRole('region', { name: 'Call with voice-callee' }).getByRole('button', { name: 'Hang up' }).click();
      await waitFor('connections closed', async () => (await openConnections(caller)) === 0 && (await openConnections(callee)) === 0, 15_000, 20);
    }
    const foreign = foreignLoad(load);
    if (foreign >= 15) summary.note(`voice: other processes used ${foreign}% of a core during the calls; the latencies are pessimistic`);
    for (const [name, values] of [['callee', atCallee], ['caller', atCaller]] as const) {
      const { p50, p95 } = stats(values);
      summary.add(`voice-accept-to-first-packet-${name}-p50`, round(p50, 1), 'ms');
      summary.add(`voice-accept-to-first-packet-${name}-p95`, round(p95, 1), 'ms', {
        text: `p95 ≤ ${TARGET_FIRST_PACKET_P95_MS} ms over ${values.length} calls on loopback`,
        met: p95 <= TARGET_FIRST_PACKET_P95_MS,
      });
    }

    // CPU: each browser with the last call connected, then with none, then with a bare WebRTC call
    // (bench/lib/bareCall.ts) in a page of its own, each over the same window; the notes break each
    // window down by Chromium process and by thread, and say what the measured pages did.
    const cpuOver = async (label: string, on: Record<'caller' | 'callee', Page>): Promise<Record<'caller' | 'callee', number>> => {
      const roles = ['caller', 'callee'] as const;
      const before = { caller: treeCpuMs(pids.caller), callee: treeCpuMs(pids.callee) };
      const processesBefore = { caller: treeProcessesCpu(pids.caller), callee: treeProcessesCpu(pids.callee) };
      const activityBefore = { caller: await pageActivity(on.caller), callee: await pageActivity(on.callee) };
      const started = performance.now();
      await sleep(CPU_WINDOW_MS);
      const elapsed = performance.now() - started;
      const pct = (ms: number): number => (ms / elapsed) * 100;
      const used = { caller: pct(treeCpuMs(pids.caller) - before.caller), callee: pct(treeCpuMs(pids.callee) - before.callee) };
      for (const role of roles) {
        const { kinds, threads } = cpuByKind(processesBefore[role], treeProcessesCpu(pids[role]));
        const list = (entries: Array<[string, number]>): string => entries.map(([name, ms]) => `${name} ${round(pct(ms), 1)}%`).join(', ');
        summary.note(`voice CPU ${label}, ${role}, by process: ${list(kinds)}`);
        summary.note(`voice CPU ${label}, ${role}, busiest threads: ${list(threads.slice(0, BREAKDOWN_THREADS))}`);
        const activity = await pageActivity(on[role]);
        summary.note(
          `voice CPU ${label}, ${role}, page: ${activity.polls - activityBefore[role].polls} getStats() calls by the probe, `
          + `${activity.mutations - activityBefore[role].mutations} DOM mutations, ${activity.playing} media elements playing, `
          + `${round(((activity.packetsSent - activityBefore[role].packetsSent) * 1000) / elapsed)} audio packets/s sent and `
          + `${round(((activity.packetsReceived - activityBefore[role].packetsReceived) * 1000) / elapsed)} received, `
          + `AudioContexts: ${activity.contexts.join(', ') || 'none'}`,
        );
      }
      return used;
    };
    const cpuLoad = loadSample();
    const connected = await cpuOver('one call', pages);
    await caller.getByRole('region', { name: 'Call with voice-callee' }).getByRole('button', { name: 'Hang up' }).click();
    await waitFor('connections closed', async () => (await openConnections(caller)) === 0 && (await openConnections(callee)) === 0, 15_000, 20);
    const { url: blankUrl } = (blank = await serveBlankPage());
    const barePages = { caller: await openBarePage(browserOf.caller, blankUrl), callee: await openBarePage(browserOf.callee, blankUrl) };
    // A new page starts a renderer process; its start-up is not idle.
    await sleep(SETTLE_MS);
    const idle = await cpuOver('idle', pages);
    await startBareCall(barePages.caller, barePages.callee);
    await waitFor('bare call audio at both ends', async () => (await pageActivity(barePages.caller)).packetsReceived > 0 && (await pageActivity(barePages.callee)).packetsReceived > 0, 15_000, 20);
    const bare = await cpuOver('bare WebRTC call', barePages);
    await endBareCall([barePages.caller, barePages.callee]);
    const cpuForeign = foreignLoad(cpuLoad);
    if (cpuForeign >= 15) summary.note(`voice: other processes used ${cpuForeign}% of a core while the CPU was measured; the figures are pessimistic`);
    for (const role of ['caller', 'callee'] as const) {
      summary.add(`voice-page-cpu-idle-${role}`, round(idle[role], 1), '% of a core');
      summary.add(`voice-page-cpu-one-call-${role}`, round(connected[role], 1), '% of a core');
      const perCall = connected[role] - idle[role];
      summary.add(`voice-page-cpu-per-call-${role}`, round(perCall, 1), '% of a core', {
        text: `≤ ${TARGET_CPU_PER_CALL_PCT}% of a core (the browser's whole process tree, a connected call over idle)`,
        met: perCall <= TARGET_CPU_PER_CALL_PCT,
      });
      const barePerCall = bare[role] - idle[role];
      summary.add(`voice-bare-cpu-per-call-${role}`, round(barePerCall, 1), '% of a core (a bare WebRTC call in the same browser)');
      summary.add(`voice-per-call-vs-bare-${role}`, round(perCall / barePerCall, 2), "× the bare call's");
    }
  } finally {
    await Promise.all(browsers.map((browser) => browser.close().catch(() => undefined)));
    await Promise.all(servers.map((server) => server.close().catch(() => undefined)));
    await blank?.close();
  }
}
