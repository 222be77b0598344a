/**
 * Events about calls not known yet, kept while a dial is in flight: the hub may tell of a call
 * (even end it) before the callInvite reply has been handled here, as ZIM's SDK does too. The
 * reply names the call, and its events are replayed then.
 */
import type { LiveCall } from './liveCall.js';

/** Calls whose early events are kept at most; enough for any number of dials a user can have in flight. */
const MAX_EARLY_CALLS = 64;

export class EarlyEvents {
  readonly #calls: ReadonlyMap<string, LiveCall>;
  readonly #early = new Map<string, Array<() => void>>();
  #dialsInFlight = 0;

  /** `calls`: the CallManager's live calls, read only; an event about one of them is never early. */
  constructor(calls: ReadonlyMap<string, LiveCall>) {
    this.#calls = calls;
  }

  dialStarted(): void {
    this.#dialsInFlight += 1;
  }

  /** A dial's reply (or its failure) is handled; once none is in flight, what no reply named is dropped. */
  dialDone(): void {
    this.#dialsInFlight -= 1;
    if (this.#dialsInFlight === 0) this.#early.clear();
  }

  /** Keeps an event about an unknown call for the dial in flight that may be placing it. */
  stashIfEarly(callID: string, replay: () => void): boolean {
    if (this.#calls.has(callID) || this.#dialsInFlight === 0) return false;
    if (!this.#early.has(callID) && this.#early.size >= MAX_EARLY_CALLS) return false;
    const list = this.#early.get(callID) ?? [];
    list.push(replay);
    this.#early.set(callID, list);
    return true;
  }

  /** The events kept for the call a callInvite reply names, to replay once it is known; forgotten here. */
  take(callID: string): Array<() => void> {
    const early = this.#early.get(callID) ?? [];
    this.#early.delete(callID);
    return early;
  }
}
