/**
 * Calls kept through a lost connection to the hub. A conversation's audio flows peer to peer and
 * needs no hub, and an invitation can ring on, so a network blip or a hub restart should not end
 * them at once: the CallManager keeps them for as long as the hub keeps this user in them (its
 * reconnect grace, hub/answer.ts, said at sign-in) while the HubClient reconnects, and once back
 * asks the hub which are still under way. Past the grace they end as before, "the connection was
 * lost".
 */
import { CallState, CallUserState, isPending } from '../../../shared/calls/enums.js';
import type { CallInfo, CallUserInfo } from '../../../shared/protocol/hub.js';
import type { SignalingPort } from '../signaling/port.js';
import type { Timers } from '../timers.js';

/** The call list is read in ZIM's largest pages, and so far back at most (the hub keeps 100 calls a user). */
const KEPT_CALL_SEARCH = 100;
const KEPT_CALL_PAGES = 10;

/** The grace: started by the first loss, as long as the backend keeps the user, stopped by the return; `expired` runs at its end. */
export class ReconnectGrace {
  readonly #timers: Timers;
  readonly #expired: () => void;
  #timer: unknown = null;

  constructor(timers: Timers, expired: () => void) {
    this.#timers = timers;
    this.#expired = expired;
  }

  /** While it runs, connected calls are kept but the hub cannot be asked anything. */
  get running(): boolean {
    return this.#timer !== null;
  }

  /** Idempotent: the HubClient reports offline again after each failed attempt. */
  start(ms: number): void {
    if (this.#timer !== null) return;
    this.#timer = this.#timers.setTimer(() => {
      this.#timer = null;
      this.#expired();
    }, ms);
  }

  stop(): void {
    if (this.#timer !== null) this.#timers.clearTimer(this.#timer);
    this.#timer = null;
  }
}

/**
 * What the hub says of a kept call: this user is still in it (or still invited); it ended with
 * them in it (the others say how); or they are out of it (left for their lost connection, or the
 * call is not listed).
 */
export interface KeptCallOnHub {
  standing: 'in' | 'ended' | 'out';
  /** This user's own state there, when the call is listed: another device may have answered it. */
  own: CallUserInfo | null;
  others: CallUserInfo[];
}

/**
 * Asks the hub about the kept calls, page after page of this user's calls, newest first, until it
 * has found them all: a busy line may have had a hundred calls turned away meanwhile.
 */
export async function askHubAbout(port: SignalingPort, userID: string, callIDs: string[]): Promise<Map<string, KeptCallOnHub>> {
  const found = new Map<string, CallInfo>();
  let nextFlag = 0;
  for (let page = 0; page < KEPT_CALL_PAGES && found.size < callIDs.length; page += 1) {
    const reply = await port.request('queryCallInvitationList', { config: { count: KEPT_CALL_SEARCH, nextFlag } });
    for (const info of reply.callList) if (callIDs.includes(info.callID)) found.set(info.callID, info);
    if (reply.nextFlag === 0 || reply.callList.length === 0) break;
    nextFlag = reply.nextFlag;
  }
  const answers = new Map<string, KeptCallOnHub>();
  for (const callID of callIDs) {
    const info = found.get(callID);
    const own = info?.callUserList.find((user) => user.userID === userID);
    // In it, or still invited to it (an invitation that rang on meanwhile).
    if (!info || !own || (own.state !== CallUserState.Accepted && !isPending(own.state))) {
      answers.set(callID, { standing: 'out', own: own ?? null, others: [] });
      continue;
    }
    answers.set(callID, {
      standing: info.state === CallState.Started ? 'in' : 'ended',
      own,
      // Not-yet-received is only news to whoever invited them, told when it happened.
      others: info.callUserList.filter((user) => user.userID !== userID && user.state !== CallUserState.NotYetReceived),
    });
  }
  return answers;
}
