/**
 * `npm run bench`: every figure of docs/performance.md, measured in one run on one machine, ending
 * with a summary block of `name: value unit` lines.
 *
 *   npm run bench [-- --only baseline,registry,busy,burst,ui,footprint,scale,storage,voice] [--profile DIR]
 *
 * --profile DIR writes CPU profiles to DIR/run-<time>/ and prints their top self-time functions:
 * --cpu-prof of the hub (busy scenario) and of the softphone process (ui scenario), the inspector's
 * profile of this process during the busy scenario (load generator and the callee's CallManager),
 * and Chromium's profile of the renderer page over CDP (ui scenario); and heap snapshots of the page
 * before and after the footprint's ring/decline cycles (`*.heapsnapshot`, for Chromium's DevTools).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { profileOrigin, summariseProfile } from './cpuprofile.js';
import { killAllNow, processNames, removeScratch, scratchDir, stopAll, waitForQuiet } from './lib/procs.js';
import { Summary } from './lib/stats.js';
import { runBaseline } from './scenarios/baseline.js';
import { runBurst } from './scenarios/burst.js';
import { runBusy } from './scenarios/busy.js';
import { runFootprint } from './scenarios/footprint.js';
import { runRegistry } from './scenarios/registry.js';
import { runScale } from './scenarios/scale.js';
import { runStorage } from './scenarios/storage.js';
import { runUi } from './scenarios/ui.js';
import { runVoice } from './scenarios/voice.js';

const SCENARIOS = ['baseline', 'registry', 'busy', 'burst', 'ui', 'footprint', 'scale', 'storage', 'voice'] as const;
type Scenario = (typeof SCENARIOS)[number];
/** Before each scenario, the bench waits up to this long for other processes to go quiet. */
const QUIET_WAIT_MS = 30_000;
const QUIET_THRESHOLD_PCT = 15;
/** The whole bench stops, and fails, after this long whatever happens. */
const OVERALL_TIMEOUT_MS = 20 * 60_000;

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { only: { type: 'string' }, profile: { type: 'string' } },
    strict: true,
  });
  const only = values.only?.split(',').map((name) => name.trim()) ?? [...SCENARIOS];
  for (const name of only) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`--only: unknown scenario "${name}" (${SCENARIOS.join(', ')})`);
  }
  // A directory of its own per run, so that only this run's profiles are summarised.
  const profileDir = values.profile === undefined ? undefined : join(resolve(values.profile), `run-${Date.now()}`);
  if (profileDir) mkdirSync(profileDir, { recursive: true });

  const summary = new Summary();
  const started = Date.now();
  console.log(`switchboard bench — ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
  const runners: Record<Scenario, () => Promise<void>> = {
    baseline: () => runBaseline(summary),
    registry: async () => runRegistry(summary),
    busy: () => (profileDir ? profileSelf(join(profileDir, 'bench-process-busy.cpuprofile'), () => runBusy(summary, { profileDir })) : runBusy(summary)),
    burst: () => runBurst(summary),
    ui: () => runUi(summary, { profileDir }),
    footprint: () => runFootprint(summary, { profileDir }),
    scale: () => runScale(summary),
    storage: () => runStorage(summary),
    voice: () => runVoice(summary),
  };
  for (const name of SCENARIOS) {
    if (!only.includes(name)) continue;
    console.log(`\n== ${name}`);
    const foreign = await waitForQuiet(QUIET_WAIT_MS, QUIET_THRESHOLD_PCT);
    if (foreign >= QUIET_THRESHOLD_PCT) summary.note(`${name}: the machine is shared — other processes use ${foreign}% of a core; figures will be pessimistic`);
    const scenarioStart = Date.now();
    try {
      await runners[name]();
    } catch (error) {
      summary.fail(name, error);
    } finally {
      await stopAll();
    }
    console.log(`  (${((Date.now() - scenarioStart) / 1000).toFixed(1)} s)`);
  }

  if (profileDir) {
    for (const file of readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'))) {
      const origin = profileOrigin(file);
      if (origin && !origin.mainThread) continue; // tsx's loader thread
      const label = origin ? (processNames.get(origin.pid) ?? `pid ${origin.pid}`) : file.replace(/\.cpuprofile$/, '');
      console.log(`\n== profile of ${label}: ${join(profileDir, file)}`);
      console.log(summariseProfile(join(profileDir, file), 25));
    }
  }

  console.log(`\n== summary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(summary.render());
  const targets = summary.renderTargets();
  if (targets) console.log(`\n== targets\n${targets}`);
  if (summary.failures.length > 0) {
    console.log(`\n== ${summary.failures.length} scenario(s) failed (process logs kept in ${scratchDir()})`);
    for (const failure of summary.failures) console.log(failure.split('\n')[0]);
    return 1;
  }
  removeScratch();
  return 0;
}

/** Profiles this process (the load generator, and the callees when they run here) during `work`. */
async function profileSelf(file: string, work: () => Promise<void>): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}

const overall = setTimeout(() => {
  console.error(`bench: still running after ${OVERALL_TIMEOUT_MS / 60_000} min; giving up`);
  killAllNow();
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
overall.unref();
process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench: ${signal}; stopping every process`);
    killAllNow();
    process.exit(130);
  });
}

main().then(
  async (code) => {
    await stopAll();
    process.exit(code);
  },
  async (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await stopAll();
    process.exit(1);
  },
);
