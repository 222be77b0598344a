/**
 * The protocol fuzzer against a hub in a process of its own, for SWITCHBOARD_FUZZ_MS (6 s by
 * default), while two well-behaved pairs keep placing calls.
 * SWITCHBOARD_FUZZ_SEED replays a run's frame choices; a failure names the seed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startMeasuredHub, type MeasuredHub } from '../measured/measured.js';
import { HonestPair } from './honest.js';
import { fuzz } from './run.js';
import { wholeNumber } from '../../wholeNumber.js';

const DURATION_MS = wholeNumber('SWITCHBOARD_FUZZ_MS', process.env.SWITCHBOARD_FUZZ_MS, 1) ?? 6_000;
const SEED = wholeNumber('SWITCHBOARD_FUZZ_SEED', process.env.SWITCHBOARD_FUZZ_SEED, 0) ?? Math.floor(Math.random() * 2 ** 31);
const SECRET = randomBytes(24).toString('base64url');
/** What the hub's heap may have grown by at the end: its histories are bounded, its fuzz users few. */
const HEAP_GROWTH_LIMIT = 32 * 1024 * 1024;
const MiB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

let hub: MeasuredHub | null = null;
afterAll(async () => {
  await hub?.stop();
});

describe('the protocol fuzzer', () => {
  it(`keeps the hub up, lets well-behaved calls complete and the hub's memory stay bounded (seed ${SEED})`, async () => {
    // A short reconnect grace: connections the fuzzer cuts keep their calls a moment, then let them go.
    hub = await startMeasuredHub(SECRET, { requestsPerSecond: 1_000, requestBurst: 1_000, reconnectGraceMs: 2_000 });
    const pairs = [new HonestPair(hub.url, SECRET, 'alice', 'bob'), new HonestPair(hub.url, SECRET, 'carol', 'dave')];
    await Promise.all(pairs.map((pair) => pair.online()));
    const before = await hub.report();
    const started = Date.now();
    let fuzzing = true;
    const honest = pairs.map((pair) => pair.run(() => !fuzzing));
    const result = await fuzz({
      url: hub.url, secret: SECRET, seed: SEED, durationMs: DURATION_MS, connections: 6, framesPerSecond: 500, floodSize: 3_000,
      otherUsers: ['alice', 'bob', 'carol', 'dave'],
    }).finally(() => (fuzzing = false));
    await Promise.all(honest);
    const during = await hub.report();
    for (const pair of pairs) pair.close();
    // Everyone gone: every call must end (cancelled, quit or timed out within the fuzz's 5 s timeouts and the grace).
    let after = await hub.report();
    for (let i = 0; i < 40 && (after.stats.sessions > 0 || after.stats.startedCalls > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = await hub.report();
    }
    const completed = pairs.reduce((sum, pair) => sum + pair.completed, 0);
    console.log(
      `frames tried: ${result.framesTried} (${result.byKind.flood} of them in floods) in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED}); ` +
        `by kind ${JSON.stringify(result.byKind)}; connections ${result.connectionsOpened}, closed by the hub ${JSON.stringify(result.closes)}; ` +
        `well-behaved calls completed: ${completed}; hub heap ${MiB(before.heapUsed)} before, ${MiB(during.heapUsed)} at the end, ` +
        `${MiB(after.heapUsed)} once everyone left (${JSON.stringify(after.stats)})`,
    );
    const context = `seed ${SEED}; hub log tail:\n${hub.log().slice(-3000)}`;
    expect(hub.alive(), context).toBe(true);
    expect(pairs.flatMap((pair) => pair.failures), context).toEqual([]);
    expect(completed, context).toBeGreaterThan(0);
    expect(result.closes[1009], `oversized frames close with 1009 (${context})`).toBeGreaterThan(0);
    expect(result.closes[1008], `floods close with 1008 (${context})`).toBeGreaterThan(0);
    expect(after.stats, context).toMatchObject({ sessions: 0, startedCalls: 0 });
    expect(after.heapUsed - before.heapUsed, context).toBeLessThan(HEAP_GROWTH_LIMIT);
  }, DURATION_MS + 60_000);
});
