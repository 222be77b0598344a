/**
 * Conversations kept through a lost connection to the hub. Their audio flows peer to peer and
 * needs no hub, so a network blip, a hub restart or a laptop changing networks should not end
 * them: the CallManager keeps its connected calls for a grace while the HubClient reconnects (the
 * hub keeps this user in them as long, hub/answer.ts), and once back asks the hub which are still
 * under way. Past the grace they end as before, "the connection was lost".
 */
import { CallState, CallUserState } from '../../../shared/calls/enums.js';
import type { CallUserInfo } from '../../../shared/protocol/hub.js';
import type { SignalingPort } from '../signaling/port.js';

/** As long as the hub keeps a user whose connection failed in their calls (DEFAULT_RECONNECT_GRACE_MS). */
export const RECONNECT_GRACE_MS = 30_000;
/** How far back the call list is searched for the calls kept: ZIM's largest page. */
const KEPT_CALL_SEARCH = 100;

/** Timers, injected so that tests can move time. */
export interface Timers {
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The grace: started by the first loss, stopped by the return; `expired` runs at its end. */
export class ReconnectGrace {
  readonly #ms: number;
  readonly #timers: Timers;
  readonly #expired: () => void;
  #timer: unknown = null;

  constructor(ms: number, timers: Timers, expired: () => void) {
    this.#ms = ms;
    this.#timers = timers;
    this.#expired = expired;
  }

  /** While it runs, connected calls are kept but the hub cannot be asked anything. */
  get running(): boolean {
    return this.#timer !== null;
  }

  /** Idempotent: the HubClient reports offline again after each failed attempt. */
  start(): void {
    if (this.#timer !== null) return;
    this.#timer = this.#timers.setTimer(() => {
      this.#timer = null;
      this.#expired();
    }, this.#ms);
  }

  stop(): void {
    if (this.#timer !== null) this.#timers.clearTimer(this.#timer);
    this.#timer = null;
  }
}

/**
 * What the hub says of a kept call: this user is still in it; it ended with them in it (the others
 * say how); or they are out of it (left for their lost connection, or the call is not listed).
 */
export interface KeptCallOnHub {
  standing: 'in' | 'ended' | 'out';
  others: CallUserInfo[];
}

/** Asks the hub about the kept calls. */
export async function askHubAbout(port: SignalingPort, userID: string, callIDs: string[]): Promise<Map<string, KeptCallOnHub>> {
  const { callList } = await port.request('queryCallInvitationList', { config: { count: KEPT_CALL_SEARCH } });
  const answers = new Map<string, KeptCallOnHub>();
  for (const callID of callIDs) {
    const info = callList.find((call) => call.callID === callID);
    const own = info?.callUserList.find((user) => user.userID === userID);
    if (!info || own?.state !== CallUserState.Accepted) {
      answers.set(callID, { standing: 'out', others: [] });
      continue;
    }
    answers.set(callID, {
      standing: info.state === CallState.Started ? 'in' : 'ended',
      // Not-yet-received is only news to whoever invited them, told when it happened.
      others: info.callUserList.filter((user) => user.userID !== userID && user.state !== CallUserState.NotYetReceived),
    });
  }
  return answers;
}
