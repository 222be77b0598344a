/**
 * When a line frees while callers wait in the Callbacks list, the app offers to call back the one
 * who has waited longest ("Call back ann — waiting 4 min?"). The offer is a quiet line in the
 * main window, never a window or focus change: it stays while that caller still waits and a line
 * is still free, and gives way to the next one otherwise. A caller whom a call back has missed
 * since they last rang is not offered again, and nobody is while a call rings here or waits on hold.
 */
import { missedByCallBack } from '../../../shared/calls/callbacks.js';
import type { CallbackEntry, CallView } from '../../../shared/ipc/contract.js';

export class CallbackOffer {
  #lines = 0;
  #peer: string | null = null;
  /** A line freed and nobody has been offered for it yet: the offer waits while a call rings or is held. */
  #lineFreed = false;

  /** Called on every change; returns the offer to show, or null. */
  update(calls: readonly CallView[], incomingLimit: number, waiting: readonly CallbackEntry[]): CallbackEntry | null {
    const lines = calls.length;
    if (lines < this.#lines) this.#lineFreed = true;
    if (lines >= incomingLimit) this.#lineFreed = false;
    this.#lines = lines;
    const inCallWith = new Set(calls.map((call) => call.peer));
    // Not someone a call back just missed (they declined, or did not answer): only once they try again.
    const candidates = waiting.filter((entry) => !inCallWith.has(entry.peer) && !missedByCallBack(entry));
    // A caller ringing, or one waiting on hold, comes before anyone in the list: no offer pulls the user away from them.
    const owed = calls.some((one) => one.phase === 'ringing' || one.media.held);
    if (lines >= incomingLimit || candidates.length === 0 || owed) {
      this.#peer = null;
      return null;
    }
    const current = candidates.find((entry) => entry.peer === this.#peer);
    if (current) return current;
    if (!this.#lineFreed) {
      this.#peer = null;
      return null;
    }
    this.#lineFreed = false;
    this.#peer = candidates[0]!.peer;
    return candidates[0]!;
  }
}
