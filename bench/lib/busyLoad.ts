/**
 * The caller side of the busy path: raw protocol clients that invite one callee at its limit and
 * time each attempt from the callInvite leaving to the callInvitationEnded (busy) arriving.
 *
 * Two ways to load it:
 * - closed loop (`runClosed`): every caller keeps `window` invitations in flight, sending the next
 *   as soon as one ends; this finds the throughput at full load;
 * - open loop (`runOpen`): invitations leave at a fixed rate whatever the answers, spread over the
 *   callers round robin, paced by a 1 ms timer; this gives latency at a given load.
 */
import { TransientMap } from '../../electron/core/transientMap.js';
import { encodeBusy } from '../../shared/calls/busy.js';
import { cpuMs, foreignLoad, loadSample } from './procs.js';
import { inviteAfterId } from './rig.js';
import { percentile, sleep, sortedCopy } from './stats.js';
import type { WireClient } from './wire.js';

const BUSY = encodeBusy('call_limit_reached');
/** Bounded memory for latencies: more than any run here can complete. */
const MAX_SAMPLES = 2_000_000;
/** An open-loop run with this many attempts unanswered is overloaded: it stops sending. */
const MAX_IN_FLIGHT = 20_000;
const DRAIN_TIMEOUT_MS = 10_000;

export interface BusyResult {
  /** Completed attempts per second inside the measurement window. */
  rate: number;
  /** Invitations sent per second inside the window (open loop: the offered load). */
  sendRate: number;
  completed: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  /** Ended events that were not "busy, call_limit_reached" from the callee. */
  wrongOutcome: number;
  /** callInvite requests the hub refused. */
  errorReplies: number;
  /** Still unanswered when the run gave up waiting. */
  lost: number;
  overloaded: boolean;
  /** % of one core used during the window, per process. */
  cpu: Record<string, number>;
  /** % of one core used by processes outside the bench during the window. */
  foreign: number;
}

export interface Timing {
  warmupMs: number;
  measureMs: number;
}

export class BusyLoad {
  readonly #callers: WireClient[];
  readonly #calleeID: string;
  readonly #invite: string;
  readonly #latencies = new Float64Array(MAX_SAMPLES);
  /**
   * Per caller: when each attempt left, by request id until the hub replies, then by call ID until
   * it ends. Tables the harness churns at the measured rate, so they are TransientMaps: a Map here
   * made the bench process itself collect slowly (docs/performance.md, "Round nine").
   */
  readonly #sentAt: Array<TransientMap<number, number>>;
  readonly #started: Array<TransientMap<string, number>>;
  #samples = 0;
  #measuring = false;
  #sending = false;
  #inFlight = 0;
  #sent = 0;
  #completed = 0;
  #wrongOutcome = 0;
  #errorReplies = 0;
  #onDone: (index: number) => void = () => {};

  constructor(callers: WireClient[], calleeID: string) {
    this.#callers = callers;
    this.#calleeID = calleeID;
    this.#invite = inviteAfterId(calleeID);
    this.#sentAt = callers.map(() => new TransientMap<number, number>());
    this.#started = callers.map(() => new TransientMap<string, number>());
    callers.forEach((caller, index) => {
      caller.onText = (text) => this.#onText(index, text);
    });
  }

  detach(): void {
    for (const caller of this.#callers) caller.onText = null;
  }

  /** Every caller keeps `window` attempts in flight. */
  async runClosed(window: number, timing: Timing, pids: Record<string, number>): Promise<BusyResult> {
    this.#onDone = (index) => {
      if (this.#sending) this.#send(index);
    };
    this.#sending = true;
    for (let round = 0; round < window; round++) for (let i = 0; i < this.#callers.length; i++) this.#send(i);
    return this.#measure(timing, pids, () => {});
  }

  /** Invitations leave at `rate` per second, round robin over the callers. */
  async runOpen(rate: number, timing: Timing, pids: Record<string, number>): Promise<BusyResult> {
    this.#onDone = () => {};
    this.#sending = true;
    let overloaded = false;
    let sent = 0;
    let next = 0;
    const start = performance.now();
    const pump = (): void => {
      if (!this.#sending) return;
      const due = Math.floor(((performance.now() - start) * rate) / 1000);
      while (sent < due) {
        if (this.#inFlight >= MAX_IN_FLIGHT) {
          overloaded = true;
          this.#sending = false;
          return;
        }
        this.#send(next);
        next = next + 1 === this.#callers.length ? 0 : next + 1;
        sent += 1;
      }
    };
    const timer = setInterval(pump, 1);
    try {
      const result = await this.#measure(timing, pids, () => clearInterval(timer));
      return { ...result, overloaded };
    } finally {
      clearInterval(timer);
    }
  }

  async #measure(timing: Timing, pids: Record<string, number>, stopSending: () => void): Promise<BusyResult> {
    this.#samples = 0;
    this.#wrongOutcome = 0;
    this.#errorReplies = 0;
    await sleep(timing.warmupMs);
    const cpuBefore = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
    const completedBefore = this.#completed;
    const sentBefore = this.#sent;
    const load = loadSample();
    const started = performance.now();
    this.#measuring = true;
    await sleep(timing.measureMs);
    this.#measuring = false;
    const elapsed = performance.now() - started;
    const foreign = foreignLoad(load);
    const completed = this.#completed - completedBefore;
    const sent = this.#sent - sentBefore;
    const cpu = Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => [name, Math.round(((cpuMs(pid) - cpuBefore[name]!) / elapsed) * 100)]),
    );
    this.#sending = false;
    stopSending();
    const drainBy = performance.now() + DRAIN_TIMEOUT_MS;
    while (this.#inFlight > 0 && performance.now() < drainBy) await sleep(10);
    const lost = this.#inFlight;
    this.#inFlight = 0;
    for (const table of [...this.#sentAt, ...this.#started]) table.takeAll();
    const sorted = sortedCopy(this.#latencies, this.#samples);
    return {
      rate: (completed * 1000) / elapsed,
      sendRate: (sent * 1000) / elapsed,
      completed,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      p999: percentile(sorted, 99.9),
      max: sorted.length > 0 ? sorted[sorted.length - 1]! : NaN,
      wrongOutcome: this.#wrongOutcome,
      errorReplies: this.#errorReplies,
      lost,
      overloaded: false,
      cpu,
      foreign,
    };
  }

  #send(index: number): void {
    const caller = this.#callers[index]!;
    const id = caller.takeId();
    this.#sentAt[index]!.set(id, performance.now());
    this.#inFlight += 1;
    this.#sent += 1;
    caller.send(`{"id":${id}${this.#invite}`);
  }

  #onText(index: number, text: string): boolean {
    if (text.startsWith('{"id":')) {
      const frame = JSON.parse(text) as { id: number; result?: { callID: string }; error?: unknown };
      const t0 = this.#sentAt[index]!.take(frame.id);
      if (t0 === undefined) return false; // a setup request's reply
      if (frame.result) {
        this.#started[index]!.set(frame.result.callID, t0);
      } else {
        this.#errorReplies += 1;
        this.#finish(index);
      }
      return true;
    }
    if (text.startsWith('{"event":"callInvitationEnded"')) {
      const now = performance.now();
      const { data } = JSON.parse(text) as { data: { callID: string; operatedUserID: string; extendedData: string } };
      const t0 = this.#started[index]!.take(data.callID);
      if (t0 === undefined) return true;
      if (data.extendedData !== BUSY || data.operatedUserID !== this.#calleeID) this.#wrongOutcome += 1;
      if (this.#measuring && this.#samples < MAX_SAMPLES) this.#latencies[this.#samples++] = now - t0;
      this.#finish(index);
      return true;
    }
    // callInvitationCreated and callUserStateChanged (Received): nothing to do.
    return text.startsWith('{"event":');
  }

  #finish(index: number): void {
    this.#inFlight -= 1;
    this.#completed += 1;
    this.#onDone(index);
  }
}
