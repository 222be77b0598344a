/**
 * The soak: many calls through one hub among simulated users (simUser.ts), each call with an
 * outcome drawn at random — accepted then hung up by the caller, hung up by the callee,
 * declined, cancelled, timed out, turned away busy, or cut by one side's app restarting. Calls
 * run side by side on `workers` pairs of users at a time; each waits for the caller to record how
 * the call ended and for the callee's line to be free before its users take another call.
 */
import { errorMessage } from '../../../shared/protocol/errors.js';
import type { CallOutcome } from '../../../shared/ipc/contract.js';
import { CommandError } from '../calls/callManager.js';
import { Rng } from '../hub/fuzz/rng.js';
import { SimUser } from './simUser.js';

export const SCENARIOS = {
  accept: 3,
  hangUp: 2,
  decline: 2,
  cancel: 2,
  timeout: 1,
  busy: 1,
  disconnect: 1,
} as const;
export type Scenario = keyof typeof SCENARIOS;

export interface SoakUsers {
  users: SimUser[];
  close(): void;
}

/** `count` users signed in to the hub at `url`, each with an incoming limit of 1, so that busy is easy to reach. */
export async function signInUsers(url: string, secret: string, count: number, callTimeoutS: number): Promise<SoakUsers> {
  const users = Array.from({ length: count }, (_, i) => new SimUser(`soak-${i}`, { url, secret, callTimeoutS, incomingLimit: 1 }));
  await Promise.all(users.map((user) => user.until('sign-in', () => user.online, 30_000)));
  return { users, close: () => users.forEach((user) => user.close()) };
}

export interface SoakOptions {
  users: SimUser[];
  calls: number;
  workers: number;
  seed: number;
  scenarios?: Partial<Record<Scenario, number>>;
  /** The longest any step may take: a call rings for the users' timeout at most, plus slack. */
  stepTimeoutMs: number;
}

export interface SoakResult {
  calls: number;
  durationMs: number;
  byScenario: Record<string, number>;
  /** How the callers' softphones recorded the calls. */
  byOutcome: Partial<Record<CallOutcome, number>>;
  /** Calls whose end no step waited for in time, with what was missing; must be empty. */
  failures: string[];
}

export async function soak(options: SoakOptions): Promise<SoakResult> {
  const rng = new Rng(options.seed);
  const free = new Set(options.users);
  const result: SoakResult = { calls: 0, durationMs: 0, byScenario: {}, byOutcome: {}, failures: [] };
  const started = Date.now();
  let placed = 0;
  const take = (pool: Iterable<SimUser>): SimUser => {
    const list = [...pool];
    const user = list[rng.int(list.length)]!;
    free.delete(user);
    return user;
  };
  const worker = async (): Promise<void> => {
    while (placed < options.calls && result.failures.length === 0) {
      if (free.size < 2) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      placed += 1;
      const scenario = rng.weighted(options.scenarios ?? SCENARIOS);
      const caller = take(free);
      // Busy: someone in a call already, whom another worker holds; otherwise a free user.
      const inCall = options.users.filter((user) => !free.has(user) && user !== caller && user.manager.ongoing > 0);
      const callee = scenario === 'busy' && inCall.length > 0 ? inCall[rng.int(inCall.length)]! : take(free);
      try {
        const outcome = await oneCall(scenario, caller, callee, rng, options.stepTimeoutMs);
        result.byOutcome[outcome] = (result.byOutcome[outcome] ?? 0) + 1;
        result.byScenario[scenario] = (result.byScenario[scenario] ?? 0) + 1;
        result.calls += 1;
      } catch (error) {
        result.failures.push(`${scenario} ${caller.userID} → ${callee.userID}: ${errorMessage(error)}`);
      } finally {
        free.add(caller);
        if (scenario !== 'busy' || !inCall.includes(callee)) free.add(callee);
      }
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  result.durationMs = Date.now() - started;
  return result;
}

/** Places one call and plays `scenario` out; resolves with the caller's recorded outcome. */
async function oneCall(scenario: Scenario, caller: SimUser, callee: SimUser, rng: Rng, stepMs: number): Promise<CallOutcome> {
  caller.lastPlaced = null;
  await caller.manager.dial(callee.userID);
  const callID = caller.lastPlaced;
  if (callID === null) throw new Error('the dial left no call behind');
  // Another worker's busy call, or a timeout under load, can end the call before a step is taken:
  // each wait also ends when the caller has its outcome, and a step on an ended call is skipped.
  const ended = (): boolean => caller.outcomes.has(callID);
  const act = async (step: () => Promise<void>): Promise<void> => {
    if (ended()) return;
    await step().catch((error: unknown) => {
      if (!(error instanceof CommandError)) throw error;
    });
  };
  const ringing = (): Promise<void> => callee.until(`ringing ${callID}`, () => callee.phaseOf(callID) === 'ringing' || ended(), stepMs);
  const connected = async (): Promise<void> => {
    await ringing();
    await act(() => callee.manager.accept(callID));
    await caller.until(`connected ${callID}`, () => caller.phaseOf(callID) === 'connected' || ended(), stepMs);
  };
  switch (scenario) {
    case 'accept':
      await connected();
      await act(() => caller.manager.hangUp(callID));
      break;
    case 'hangUp':
      await connected();
      await act(() => callee.manager.hangUp(callID));
      break;
    case 'decline':
      await ringing();
      await act(() => callee.manager.decline(callID));
      break;
    case 'cancel':
      await act(() => caller.manager.cancel(callID));
      break;
    case 'timeout':
    case 'busy':
      break;
    case 'disconnect': {
      if (rng.chance(0.5)) await connected();
      else await ringing();
      const gone = rng.chance(0.5) ? caller : callee;
      await gone.restart();
      await gone.until('sign-in after the restart', () => gone.online, stepMs);
      break;
    }
  }
  await caller.until(`outcome of ${callID}`, ended, stepMs);
  if (scenario !== 'busy') await callee.until(`line freed after ${callID}`, () => callee.phaseOf(callID) === null, stepMs);
  const { outcome } = caller.outcomes.get(callID)!;
  caller.outcomes.delete(callID);
  return outcome;
}
