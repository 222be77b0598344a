/**
 * The soak in CI: SWITCHBOARD_SOAK_CALLS calls (20,000 by default) among 200 users; `npm run soak`
 * runs the full 100,000. SWITCHBOARD_SOAK_SEED replays a run's choices.
 */
import { describe, expect, it } from 'vitest';
import { describeSoak, runSoak } from './run.js';
import { wholeNumber } from '../wholeNumber.js';

const CALLS = wholeNumber('SWITCHBOARD_SOAK_CALLS', process.env.SWITCHBOARD_SOAK_CALLS, 1) ?? 20_000;
const SEED = wholeNumber('SWITCHBOARD_SOAK_SEED', process.env.SWITCHBOARD_SOAK_SEED, 0) ?? Math.floor(Math.random() * 2 ** 31);

describe('the soak', () => {
  it(`${CALLS} calls among 200 users with random outcomes: every caller learns one, every line ends free, the hub's heap comes back (seed ${SEED})`, async () => {
    const report = await runSoak({ calls: CALLS, users: 200, seed: SEED, log: (line) => console.log(line) });
    console.log(describeSoak(report));
    expect(report.run.failures.slice(0, 5)).toEqual([]);
    expect(report.run.calls).toBe(CALLS);
    expect(report.linesLeft).toBe(0);
    expect(report.hubStartedCalls).toBe(0);
    expect(report.heapAfter).toBeLessThanOrEqual(report.heapBefore * 1.1);
  }, 600_000);
});
