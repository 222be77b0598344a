/**
 * The hub's call registry alone on the busy path, with no socket: 50 callers invite one callee in
 * turn and the callee ends each invitation with the busy reason, as a callee at its limit does.
 * Run in a fresh process by the registry scenario; prints one JSON line of figures.
 *
 * What it isolates: the registry's own CPU and garbage per attempt (validation, the call and its
 * members, the event frames, history), which socket work and the other processes hide in the
 * busy scenario, and the heap an ended call costs while users' histories hold it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PerformanceObserver } from 'node:perf_hooks';
import { mintToken } from '../electron/core/auth/token.js';
import { CallRegistry, type Session } from '../electron/core/hub/calls.js';
import { encodeBusy } from '../shared/calls/busy.js';

const CALLERS = 50;
const WARMUP = 20_000;
const ATTEMPTS = 200_000;
const SECRET = 'registry-bench-secret-registry-bench-secret';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const pauses: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) pauses.push(entry.duration);
}).observe({ entryTypes: ['gc'] });

/** Runs the load on a registry of its own and reports from inside, so that afterwards all of it is garbage. */
async function measure(): Promise<{ cpuUs: number; wallMs: number; gcMs: number; remembered: number; heapFull: number }> {
  // As the bench's hub runs: the line-filling limits off (each caller stands for many people).
  const registry = new CallRegistry({ secret: SECRET, maxRingingPerCallee: 0, declineCooldownMs: 0 });
  const busy = encodeBusy('call_limit_reached');
  const delivered: string[] = [];
  const callee = registry.connect((frame) => {
    if (frame.startsWith('{"event":"callInvitationReceived"')) delivered.push(frame);
  });
  const callers: Session[] = Array.from({ length: CALLERS }, () => registry.connect(() => {}));
  const now = Date.now();
  let id = 1;
  registry.request(callee, id++, 'login', { userID: 'callee', token: mintToken(SECRET, 'callee', now) });
  callers.forEach((session, index) => registry.request(session, id++, 'login', { userID: `caller-${index}`, token: mintToken(SECRET, `caller-${index}`, now) }));
  const attempts = (count: number): void => {
    for (let n = 0; n < count; n++) {
      registry.request(callers[n % CALLERS]!, id++, 'callInvite', { invitees: ['callee'], config: { mode: 1, timeout: 90, extendedData: '' } });
      for (const frame of delivered.splice(0)) {
        const callID = /"callID":"(\d+)"/.exec(frame)![1];
        registry.request(callee, id++, 'callEnd', { callID, config: { extendedData: busy } });
      }
    }
  };

  attempts(WARMUP);
  gc();
  pauses.length = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  attempts(ATTEMPTS);
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await new Promise((resolve) => setTimeout(resolve, 20)); // the last GC entries
  const gcMs = pauses.reduce((sum, pause) => sum + pause, 0);
  gc();
  const heapFull = process.memoryUsage().heapUsed;
  registry.dispose();
  return { cpuUs: cpu.user + cpu.system, wallMs, gcMs, remembered: registry.stats().calls, heapFull };
}

const result = await measure();
const gcMaxMs = Math.max(0, ...pauses);
const gcCount = pauses.length;
gc();
const heapEmpty = process.memoryUsage().heapUsed;
console.log(JSON.stringify({
  cpuPerAttemptUs: result.cpuUs / ATTEMPTS,
  wallPerAttemptUs: (result.wallMs * 1000) / ATTEMPTS,
  gcMsPer1k: (result.gcMs / ATTEMPTS) * 1000,
  gcMaxMs,
  gcCount,
  remembered: result.remembered,
  bytesPerRemembered: (result.heapFull - heapEmpty) / result.remembered,
}));
