/**
 * The `voice` fixture: a hub, and for each user a softphone process and a Chromium of their own
 * (one fake-microphone file per browser process) playing a tone of the user's own frequency.
 * Each page counts its RTCPeerConnections and AudioContexts through an init script, and the
 * helpers below read what each connection receives (the spectrum of the received track, and its
 * inbound bytes) and what state the page's AudioContexts are in.
 */
import { chromium, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test as base } from './fixtures.js';
import { startLinkProxy, type LinkProxy } from './linkProxy.js';
import { spawnHub, spawnPhone, spawnReady, testEnvironment, type PhoneOptions, type Spawned } from './processes.js';
import { toneWav } from './tone.js';

export interface VoiceUser extends PhoneOptions {
  /** The frequency this user's fake microphone plays, Hz. */
  tone: number;
  /** The browser refuses the page the microphone (no fake permission prompt that says yes). */
  refuseMicrophone?: boolean;
  /** The page never applies the other side's ICE candidates, as if the network lost them: ICE cannot connect. */
  loseCandidates?: boolean;
}

export interface Voice {
  start<U extends string>(users: Record<U, VoiceUser>): Promise<Record<U, Page>>;
  /**
   * Drops these users' softphones' connections to the hub (everyone's by default), as a network
   * failure does; they reconnect by themselves once the function returned has brought the network back.
   */
  cutHubLinks(users?: string[]): () => void;
  /** Kills the hub (SIGKILL: no close frames) and starts a new one on its port, which knows nothing of the calls, once `whileDown` is done. */
  restartHub(whileDown: () => Promise<void>): Promise<void>;
}

/**
 * Wraps RTCPeerConnection so the test can find every connection the page opened, and its received
 * tracks; and AudioContext, to find every context the page made and every output it chose.
 */
const COUNT_CONNECTIONS = `(() => {
  const Native = window.RTCPeerConnection;
  const seen = [];
  const contexts = [];
  const sinkChoices = [];
  window.__voice = { seen, contexts, sinkChoices };
  const NativeAudioContext = window.AudioContext;
  window.AudioContext = class extends NativeAudioContext {
    constructor(...args) {
      super(...args);
      contexts.push(this);
    }
    setSinkId(...args) {
      sinkChoices.push(args[0]);
      return super.setSinkId(...args);
    }
  };
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      const entry = { pc: this, tracks: [] };
      seen.push(entry);
      this.addEventListener('track', (event) => entry.tracks.push(event.track));
    }
  };
})();`;

const LOSE_CANDIDATES = `RTCPeerConnection.prototype.addIceCandidate = function () { return Promise.resolve(); };`;

export const test = base.extend<{ voice: Voice }>({
  // Playwright reads the fixtures a fixture needs from its first parameter: this one needs none.
  // eslint-disable-next-line no-empty-pattern
  voice: async ({}, use, testInfo) => {
    const env = testEnvironment();
    let hub = await spawnHub(env);
    // Each softphone reaches the hub through a proxy of its own, as over a network that can fail.
    const links = new Map<string, LinkProxy>();
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-voice-'));
    const phones = new Map<string, Spawned>();
    const browsers: Browser[] = [];
    const voice: Voice = {
      async start(users) {
        const entries = Object.entries(users) as Array<[keyof typeof users & string, VoiceUser]>;
        const pages = {} as Record<keyof typeof users & string, Page>;
        for (const [user, options] of entries) {
          const link = await startLinkProxy(hub.url);
          links.set(user, link);
          const phone = await spawnPhone(env, link.url, user, options);
          phones.set(user, phone);
          const wav = join(dir, `${user}.wav`);
          writeFileSync(wav, toneWav(options.tone));
          const browser = await chromium.launch({
            executablePath: process.env.SWITCHBOARD_CHROMIUM ?? '/usr/bin/chromium',
            args: [
              '--disable-gpu',
              '--no-first-run',
              '--use-fake-device-for-media-stream',
              ...(options.refuseMicrophone ? [] : ['--use-fake-ui-for-media-stream']),
              `--use-file-for-fake-audio-capture=${wav}`,
              '--allow-loopback-in-peer-connection',
            ],
          });
          browsers.push(browser);
          const context = await browser.newContext({ viewport: { width: 900, height: 800 } });
          await context.addInitScript(COUNT_CONNECTIONS);
          if (options.loseCandidates) await context.addInitScript(LOSE_CANDIDATES);
          const page = await context.newPage();
          await page.goto(phone.url);
          await expect(page.getByRole('textbox', { name: 'Call user' })).toBeEnabled();
          pages[user] = page;
        }
        return pages;
      },
      cutHubLinks(users = [...links.keys()]) {
        const restores = users.map((user) => links.get(user)!.cut());
        return () => restores.forEach((restore) => restore());
      },
      async restartHub(whileDown) {
        const { port } = new URL(hub.url);
        hub.process.kill('SIGKILL');
        await hub.stop();
        await whileDown();
        hub = await spawnReady('electron/core/hub/cli.ts', ['--port', port], env, /^ws:\/\/127\.0\.0\.1:\d+\/?$/);
      },
    };
    try {
      await use(voice);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        for (const [user, phone] of phones) await testInfo.attach(`${user}.log`, { body: phone.log() });
        await testInfo.attach('hub.log', { body: hub.log() });
      }
      await Promise.all(browsers.map((browser) => browser.close()));
      await Promise.all([...phones.values()].map((phone) => phone.stop()));
      await Promise.all([...links.values()].map((link) => link.close()));
      await hub.stop();
    }
  },
});

export { expect };

/**
 * The page's side, typed here because the e2e code compiles without the DOM library: what the
 * init script recorded, and the few browser classes the helpers use.
 */
interface PageConnection {
  connectionState: string;
  signalingState: string;
  getStats(): Promise<{ forEach(callback: (report: { type: string; kind?: string; bytesReceived?: number; packetsReceived?: number; audioLevel?: number }) => void): void }>;
  getSenders(): Array<{ track: { readyState: string; getSettings(): Record<string, unknown> } | null }>;
}
interface PageAnalyser {
  fftSize: number;
  smoothingTimeConstant: number;
  frequencyBinCount: number;
  getFloatFrequencyData(bins: Float32Array): void;
}
interface PageAudioContext {
  state: string;
  sampleRate: number;
  resume(): Promise<void>;
  createAnalyser(): PageAnalyser;
  createMediaStreamSource(stream: unknown): { connect(node: PageAnalyser): void; disconnect(): void };
}
interface PageGlobals {
  __voice: { seen: Array<{ pc: PageConnection; tracks: unknown[] }>; contexts: PageAudioContext[]; sinkChoices: string[]; context?: PageAudioContext };
  AudioContext: new () => PageAudioContext;
  MediaStream: new (tracks: unknown[]) => unknown;
}

/** RTCPeerConnections the page opened that are not closed. */
export function openConnections(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      (globalThis as unknown as PageGlobals).__voice.seen.filter(({ pc }) => pc.connectionState !== 'closed' && pc.signalingState !== 'closed')
        .length,
  );
}

/** Echo cancellation, noise suppression and auto gain of the live track each open connection sends. */
export function sentProcessing(page: Page): Promise<Array<[unknown, unknown, unknown]>> {
  return page.evaluate(() =>
    (globalThis as unknown as PageGlobals).__voice.seen
      .filter(({ pc }) => pc.connectionState !== 'closed')
      .flatMap(({ pc }) => pc.getSenders())
      .filter((sender) => sender.track?.readyState === 'live')
      .map((sender) => {
        const settings = sender.track!.getSettings();
        return [settings.echoCancellation, settings.noiseSuppression, settings.autoGainControl] as [unknown, unknown, unknown];
      }),
  );
}

/** The output devices the page's AudioContexts were told to use, in order (setSinkId). */
export function audioSinkChoices(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__voice.sinkChoices);
}

/** The state of each AudioContext the app made ('running', 'suspended', 'closed'), not counting the one `heard` listens with. */
export function appAudioContexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const voice = (globalThis as unknown as PageGlobals).__voice;
    return voice.contexts.filter((context) => context !== voice.context).map((context) => context.state);
  });
}

export interface Heard {
  /** The strongest frequency in the received audio, Hz. */
  peakHz: number;
  /** How far the peak stands above the median bin, dB: a tone is tens of dB, silence about 0. */
  peakOverMedianDb: number;
}

/**
 * What each open connection's received track carries: an AnalyserNode (fftSize 8192) on it for
 * half a second. The app already plays each received track through a media element, which is
 * what lets a remote track reach WebAudio in Chromium.
 */
export function heard(page: Page): Promise<Heard[]> {
  return page.evaluate(async () => {
    const page = globalThis as unknown as PageGlobals;
    const voice = page.__voice;
    voice.context ??= new page.AudioContext();
    const context = voice.context;
    await context.resume();
    const open = voice.seen.filter(({ pc, tracks }) => pc.connectionState !== 'closed' && tracks.length > 0);
    const analysers = open.map(({ tracks }) => {
      const source = context.createMediaStreamSource(new page.MediaStream([tracks.at(-1)]));
      const analyser = context.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      source.connect(analyser);
      return { source, analyser };
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    return analysers.map(({ source, analyser }) => {
      const bins = new Float32Array(analyser.frequencyBinCount);
      analyser.getFloatFrequencyData(bins);
      source.disconnect();
      let peak = 1;
      for (let i = 1; i < bins.length; i++) if (bins[i]! > bins[peak]!) peak = i;
      const finite = [...bins].map((db) => (Number.isFinite(db) ? db : -200)).sort((a, b) => a - b);
      const median = finite[Math.floor(finite.length / 2)]!;
      const peakDb = Number.isFinite(bins[peak]!) ? bins[peak]! : -200;
      return { peakHz: (peak * context.sampleRate) / analyser.fftSize, peakOverMedianDb: peakDb - median };
    });
  });
}

/** Whether the page hears a tone of `hz` on any of its connections. */
export async function hears(page: Page, hz: number): Promise<boolean> {
  return (await heard(page)).some((sound) => Math.abs(sound.peakHz - hz) < 15 && sound.peakOverMedianDb > 30);
}

export interface Inbound {
  bytesReceived: number;
  packetsReceived: number;
  audioLevel: number;
}

/** inbound-rtp audio of each open connection, from getStats(). */
export function inbound(page: Page): Promise<Inbound[]> {
  return page.evaluate(async () => {
    const voice = (globalThis as unknown as PageGlobals).__voice;
    const open = voice.seen.filter(({ pc }) => pc.connectionState !== 'closed');
    return Promise.all(
      open.map(async ({ pc }) => {
        const stats = await pc.getStats();
        let found = { bytesReceived: 0, packetsReceived: 0, audioLevel: 0 };
        stats.forEach((report) => {
          if (report.type === 'inbound-rtp' && report.kind === 'audio') {
            found = { bytesReceived: report.bytesReceived ?? 0, packetsReceived: report.packetsReceived ?? 0, audioLevel: report.audioLevel ?? 0 };
          }
        });
        return found;
      }),
    );
  });
}

/** Audio packets a second received on the page's open connections, over `ms`. */
export async function inboundPacketRate(page: Page, ms = 2000): Promise<number> {
  const sum = (list: Inbound[]): number => list.reduce((total, item) => total + item.packetsReceived, 0);
  const before = sum(await inbound(page));
  const started = Date.now();
  await page.waitForTimeout(ms);
  const after = sum(await inbound(page));
  return ((after - before) * 1000) / (Date.now() - started);
}

/** Total inbound bytes grown over `ms` on the page's open connections. */
export async function inboundGrowth(page: Page, ms = 1500): Promise<number> {
  const sum = (list: Inbound[]): number => list.reduce((total, item) => total + item.bytesReceived, 0);
  const before = sum(await inbound(page));
  await page.waitForTimeout(ms);
  return sum(await inbound(page)) - before;
}

const ARTIFACTS = fileURLToPath(new URL('../artifacts', import.meta.url));

/** Screenshots of a call's region at a narrow and a wide window, as e2e/artifacts/call-panel-<name>-<width>.png. */
export async function panelShots(page: Page, region: Locator, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const width of [400, 1440]) {
    await page.setViewportSize({ width, height: 800 });
    await region.screenshot({ path: `${ARTIFACTS}/call-panel-${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 900, height: 800 });
}
