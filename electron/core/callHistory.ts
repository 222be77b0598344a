/**
 * The History and Callbacks side of the softphone: what AppState shows of the call log, and the
 * commands that act on it. The CallManager reports each ended call (Softphone hands it to
 * `record`); this service keeps the call log, the History list's view of it, and the offer of a
 * call-back when a line frees. The Softphone only composes it into each snapshot.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HISTORY_LIMIT, type AppState, type CallbackEntry, type CallView, type HistoryEntry, type HistoryFilter, type HistoryView } from '../../shared/ipc/contract.js';
import { errorMessage } from '../../shared/protocol/errors.js';
import { CallbackOffer } from './calls/callbackOffer.js';
import { CommandError } from './calls/callManager.js';
import { CallLog } from './storage/callLog.js';

export type CallHistoryState = Pick<AppState, 'history' | 'historyView' | 'callbacks' | 'callbackOffer'>;

export interface CallHistoryOptions {
  /** The database file; null keeps the log in memory for this run. */
  path: string | null;
  retention?: number;
  /** Where Export CSV writes its file. */
  exportDir: string;
  warn: (text: string) => void;
}

export class CallHistory {
  readonly #log: CallLog;
  readonly #exportDir: string;
  readonly #offer = new CallbackOffer();
  #view: HistoryView = { filter: 'all', search: '', matching: 0, stored: 0 };
  /** The History list's entries, recomputed when an entry is added or the view changes. */
  #page: HistoryEntry[] | null = null;
  /** The same array until the list changes, so that its JSON and its rendering are reused. */
  #callbacks: CallbackEntry[];
  #callbackOffer: CallbackEntry | null = null;

  constructor(options: CallHistoryOptions) {
    this.#log = new CallLog({ path: options.path, retention: options.retention, warn: options.warn });
    this.#exportDir = options.exportDir;
    this.#callbacks = this.#log.callbacks;
  }

  /** Records how a call ended (from the CallManager). */
  record(entry: Omit<HistoryEntry, 'id'>): void {
    this.#log.record(entry);
    this.#page = null;
    this.#callbacks = this.#log.callbacks;
  }

  /** A turned-away caller's place in the Callbacks list, for the busy answer. */
  position(peer: string): number | null {
    return this.#log.position(peer);
  }

  setView(filter: HistoryFilter, search: string): void {
    this.#view = { ...this.#view, filter, search };
    this.#page = null;
  }

  dismiss(peer: string): void {
    if (!this.#log.clearCallback(peer)) throw new CommandError(`${peer} is not in the Callbacks list`);
    this.#callbacks = this.#log.callbacks;
  }

  /** Writes the whole history as CSV; returns the file's path. */
  async exportCsv(): Promise<string> {
    const path = join(this.#exportDir, `history-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`);
    try {
      await writeFile(path, this.#log.csv(), { encoding: 'utf8', mode: 0o600 });
    } catch (error) {
      throw new CommandError(`The history could not be exported to ${path}: ${errorMessage(error)}`);
    }
    return path;
  }

  /**
   * What the live calls mean for the Callbacks list, on every change: a connected call with a
   * waiting caller takes them out of it; a freed line offers the longest-waiting one.
   */
  observeCalls(calls: readonly CallView[], incomingLimit: number): void {
    for (const call of calls) {
      if (call.phase === 'connected' && !call.group && this.#log.clearCallback(call.peer)) this.#callbacks = this.#log.callbacks;
    }
    this.#callbackOffer = this.#offer.update(calls, incomingLimit, this.#callbacks);
  }

  get state(): CallHistoryState {
    if (this.#page === null) {
      const { entries, matching } = this.#log.query(this.#view.filter, this.#view.search, HISTORY_LIMIT);
      this.#page = entries;
      this.#view = { ...this.#view, matching, stored: this.#log.stored };
    }
    return { history: this.#page, historyView: this.#view, callbacks: this.#callbacks, callbackOffer: this.#callbackOffer };
  }

  /** Commits what waits to be written and closes the database. */
  close(): void {
    this.#log.close();
  }
}
