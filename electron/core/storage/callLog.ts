/**
 * The call log: every call's history entry and the Callbacks list, kept in memory for the app
 * and written behind to SQLite (database.ts), so that both survive a restart.
 *
 * Reads are from memory (10,000 entries filter in well under a millisecond); writes are queued
 * and committed together in one transaction on the next turn of the event loop, so recording a
 * call never waits on the disk. A write that fails (a full disk, a directory made read-only) is
 * kept and tried again with the next one, and the app says so once; calls go on either way.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  DEFAULT_HISTORY_RETENTION,
  type CallbackEntry,
  type HistoryEntry,
  type HistoryFilter,
} from '../../../shared/ipc/contract.js';
import { compareCallbacks, missedByCallBack } from '../../../shared/calls/callbacks.js';
import { userIdSchema } from '../../../shared/protocol/hub.js';
import { errorMessage } from '../../../shared/protocol/errors.js';
import { historyCsv } from './csv.js';
import { openDatabase } from './database.js';
import { callbackFromRow, historyFromRow } from './rows.js';
import { CONNECTION_LOST, MISSED_SIGNED_OUT, SIGNED_IN_ELSEWHERE } from '../calls/wording.js';

export interface CallLogOptions {
  /** The database file; null keeps the log in memory only. */
  path: string | null;
  /** History entries kept; the oldest go first. */
  retention?: number;
  /** Problems the app goes on with anyway, for the user. */
  warn: (text: string) => void;
  /** Runs the pending writes later; setImmediate unless a test steps it. */
  schedule?: (run: () => void) => void;
}

type Write = (statements: Statements) => void;

interface Statements {
  insertHistory: StatementSync;
  deleteHistory: StatementSync;
  trimHistory: StatementSync;
  putCallback: StatementSync;
  deleteCallback: StatementSync;
}

/**
 * The details of an incoming call this device stopped ringing because its user signed out (the
 * CallManager's words): the invitation rings on, and rings here again at the next sign-in if it
 * has not timed out by then. What the call comes to then replaces the entry.
 */
const SIGNED_OUT_MISSES: ReadonlySet<string> = new Set([MISSED_SIGNED_OUT, SIGNED_IN_ELSEWHERE]);

/** Pending writes kept at most while the disk refuses them; past that the oldest are given up. */
const MAX_PENDING = 50_000;

export class CallLog {
  readonly persistent: boolean;
  readonly #db: DatabaseSync;
  readonly #statements: Statements;
  readonly #retention: number;
  readonly #warn: (text: string) => void;
  readonly #schedule: (run: () => void) => void;
  /** Newest first. */
  #history: HistoryEntry[] = [];
  readonly #callbacks = new Map<string, CallbackEntry>();
  /** The kept entries of calls missed by signing out (SIGNED_OUT_MISSES), by call ID: a later outcome replaces them. */
  readonly #signedOutMisses = new Map<string, HistoryEntry>();
  #pending: Write[] = [];
  #scheduled = false;
  #failing = false;
  /** Rows past the retention are deleted once per commit, after its inserts (a scan of the newest `retention`). */
  #trimDue = false;
  #nextId = 1;

  constructor(options: CallLogOptions) {
    this.#retention = options.retention ?? DEFAULT_HISTORY_RETENTION;
    this.#warn = options.warn;
    this.#schedule = options.schedule ?? ((run) => void setImmediate(run));
    const opened = options.path === null ? openDatabase(':memory:') : openDatabase(options.path);
    this.persistent = opened.persistent && options.path !== null;
    this.#db = opened.db;
    if (opened.warning) this.#warn(opened.warning);
    this.#statements = {
      // The database numbers its rows: another softphone writing the same file (the same user
      // started twice) has numbered its own calls from the same start, and a row of ours given
      // its number would replace its call. Our entries' ids only need to be unique in memory.
      insertHistory: this.#db.prepare(
        `INSERT INTO history (call_id, direction, peer, outcome, detail, started_at, ended_at, callback)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // By what the entry says, not by id: the ids in memory are not the rows' (above).
      deleteHistory: this.#db.prepare(
        'DELETE FROM history WHERE call_id = ? AND direction = ? AND outcome = ? AND detail = ? AND started_at = ? AND ended_at = ?',
      ),
      // Keeps the newest `retention` rows, whoever wrote them.
      trimHistory: this.#db.prepare('DELETE FROM history WHERE id <= (SELECT id FROM history ORDER BY id DESC LIMIT 1 OFFSET ?)'),
      putCallback: this.#db.prepare(
        'INSERT OR REPLACE INTO callbacks (peer, attempts, first_at, last_at, reason, called_back_at, called_back_detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      deleteCallback: this.#db.prepare('DELETE FROM callbacks WHERE peer = ?'),
    };
    this.#load(options.path ?? ':memory:');
  }

  /** History entries kept. */
  get stored(): number {
    return this.#history.length;
  }

  /** Callers waiting for a call back, in the list's order (compareCallbacks). */
  get callbacks(): CallbackEntry[] {
    return [...this.#callbacks.values()].sort(compareCallbacks);
  }

  /** A caller's place in the Callbacks list, from 1; null when they are not in it. */
  position(peer: string): number | null {
    const entry = this.#callbacks.get(peer);
    if (!entry) return null;
    let ahead = 0;
    for (const other of this.#callbacks.values()) if (compareCallbacks(other, entry) < 0) ahead += 1;
    return ahead + 1;
  }

  /**
   * Records how a call ended. An incoming call turned away or missed, or cut off by a lost
   * connection, puts its caller in the Callbacks list (or counts one more try); any other answered
   * call with someone, either way, takes them out of it. One call is one entry: a call missed by
   * signing out that rang again at the next sign-in replaces that entry with how it ended then,
   * and the Callbacks list counts it once.
   */
  record(entry: Omit<HistoryEntry, 'id'>): HistoryEntry {
    const replaced = entry.direction === 'incoming' ? this.#removeSignedOutMiss(entry.callID) : null;
    const saved: HistoryEntry = { id: this.#nextId++, ...entry };
    this.#history.unshift(saved);
    if (isSignedOutMiss(saved)) this.#signedOutMisses.set(saved.callID, saved);
    const dropped = this.#history.length > this.#retention ? this.#history.splice(this.#retention) : [];
    for (const gone of dropped) if (this.#signedOutMisses.get(gone.callID) === gone) this.#signedOutMisses.delete(gone.callID);
    this.#write((s) => {
      s.insertHistory.run(saved.callID, saved.direction, saved.peer, saved.outcome, saved.detail, saved.startedAt, saved.endedAt, saved.callback ? 1 : 0);
    });
    if (dropped.length > 0) this.#trimDue = true;
    const caller = userIdSchema.safeParse(entry.peer);
    if (!caller.success) return saved;
    const before = this.#callbacks.get(caller.data);
    // The caller's place still counts the replaced miss: they have waited since before it.
    const countedAlready = replaced !== null && before !== undefined && before.firstAt <= replaced.endedAt;
    if (entry.direction === 'incoming' && (entry.outcome === 'turned-away' || entry.outcome === 'missed' || isCutOff(entry))) {
      this.#putCallback({
        peer: caller.data,
        attempts: (before?.attempts ?? 0) + (countedAlready ? 0 : 1),
        // Ringing again after a call back missed them, they wait from now: going back to the place
        // their first try earned would move anyone told a place meanwhile behind them.
        firstAt: before && !missedByCallBack(before) ? before.firstAt : entry.endedAt,
        lastAt: entry.endedAt,
        reason: callbackReason(entry),
        ...(before?.calledBack ? { calledBack: before.calledBack } : {}),
      });
    } else if (entry.outcome === 'answered') {
      this.clearCallback(caller.data);
    } else if (entry.direction === 'outgoing' && entry.callback && entry.outcome !== 'cancelled' && before !== undefined) {
      // A call back that did not reach them: the list says so, so that nobody rings them again unawares.
      this.#putCallback({ ...before, calledBack: { at: entry.endedAt, detail: entry.detail } });
    } else if (countedAlready) {
      // Declined after all: the try the replaced miss counted is taken back.
      if (before.attempts <= 1) this.clearCallback(caller.data);
      else this.#putCallback({ ...before, attempts: before.attempts - 1 });
    }
    return saved;
  }

  /** Takes a caller out of the Callbacks list (answered, or dismissed); false when they were not in it. */
  clearCallback(peer: string): boolean {
    if (!this.#callbacks.delete(peer)) return false;
    this.#write((s) => s.deleteCallback.run(peer));
    return true;
  }

  /** The newest `limit` entries that pass the filter and whose peer contains `search` (any case), and how many pass in all. */
  query(filter: HistoryFilter, search: string, limit: number): { entries: HistoryEntry[]; matching: number } {
    const needle = search.trim().toLocaleLowerCase();
    if (filter === 'all' && needle === '') return { entries: this.#history.slice(0, limit), matching: this.#history.length };
    const entries: HistoryEntry[] = [];
    let matching = 0;
    for (const entry of this.#history) {
      if (filter !== 'all' && entry.outcome !== filter) continue;
      if (needle !== '' && !entry.peer.toLocaleLowerCase().includes(needle)) continue;
      matching += 1;
      if (entries.length < limit) entries.push(entry);
    }
    return { entries, matching };
  }

  /** The whole history, newest first, as CSV. */
  csv(): string {
    return historyCsv(this.#history);
  }

  /** Commits every pending write now (for quitting, and for tests that read the file). */
  flush(): void {
    this.#scheduled = false;
    if (this.#pending.length === 0 && !this.#trimDue) return;
    const batch = this.#pending;
    try {
      this.#db.exec('BEGIN IMMEDIATE');
      try {
        for (const write of batch) write(this.#statements);
        if (this.#trimDue) this.#statements.trimHistory.run(this.#retention);
        this.#db.exec('COMMIT');
      } catch (error) {
        if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
        throw error;
      }
      this.#pending = this.#pending.slice(batch.length);
      this.#trimDue = false;
      if (this.#failing) this.#warn('The call history is being saved again.');
      this.#failing = false;
    } catch (error) {
      if (this.#pending.length > MAX_PENDING) this.#pending = this.#pending.slice(-MAX_PENDING);
      if (!this.#failing) {
        this.#warn(`The call history cannot be saved (${errorMessage(error)}). Calls go on; Switchboard keeps trying with each new entry, and what is not saved is lost when it quits.`);
      }
      this.#failing = true;
    }
  }

  close(): void {
    this.flush();
    if (this.#db.isOpen) this.#db.close();
  }

  /** Takes the entry of a call missed by signing out out of the log, memory and disk; null when there is none. */
  #removeSignedOutMiss(callID: string): HistoryEntry | null {
    const earlier = this.#signedOutMisses.get(callID);
    if (!earlier) return null;
    this.#signedOutMisses.delete(callID);
    const at = this.#history.indexOf(earlier);
    if (at !== -1) this.#history.splice(at, 1);
    this.#write((s) => s.deleteHistory.run(earlier.callID, earlier.direction, earlier.outcome, earlier.detail, earlier.startedAt, earlier.endedAt));
    return earlier;
  }

  #putCallback(entry: CallbackEntry): void {
    this.#callbacks.set(entry.peer, entry);
    this.#write((s) =>
      s.putCallback.run(entry.peer, entry.attempts, entry.firstAt, entry.lastAt, entry.reason, entry.calledBack?.at ?? null, entry.calledBack?.detail ?? null),
    );
    // Bounded like the history: a flood of distinct callers cannot grow the list without end.
    if (this.#callbacks.size > this.#retention) this.clearCallback(this.callbacks[0]!.peer);
  }

  #write(write: Write): void {
    this.#pending.push(write);
    this.#flushSoon();
  }

  #flushSoon(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#schedule(() => this.flush());
  }

  #load(where: string): void {
    let skipped = 0;
    const rows = this.#db.prepare('SELECT * FROM history ORDER BY id DESC LIMIT ?').all(this.#retention);
    for (const row of rows) {
      const entry = historyFromRow(row);
      if (!entry) skipped += 1;
      else {
        this.#history.push(entry);
        // Newest first: an older duplicate (two softphones of one user writing one file) is not the one replaced.
        if (isSignedOutMiss(entry) && !this.#signedOutMisses.has(entry.callID)) this.#signedOutMisses.set(entry.callID, entry);
      }
    }
    for (const row of this.#db.prepare('SELECT * FROM callbacks').all()) {
      const entry = callbackFromRow(row);
      if (entry) this.#callbacks.set(entry.peer, entry);
      else skipped += 1;
    }
    const newest = this.#db.prepare('SELECT MAX(id) AS id FROM history').get() as { id: number | null } | undefined;
    this.#nextId = (newest?.id ?? 0) + 1;
    // A retention lowered since the last run applies at once.
    const total = (this.#db.prepare('SELECT COUNT(*) AS n FROM history').get() as { n: number }).n;
    if (total > this.#retention) {
      // Lowered since the last run: what goes is gone for good, so the user hears of it.
      this.#warn(
        `The call history ${where} holds ${total} entries and the history limit is ${this.#retention}: the ${total - this.#retention} oldest are removed (start with a higher --history-limit to keep them).`,
      );
      this.#trimDue = true;
      this.#flushSoon();
    }
    if (skipped > 0) this.#warn(`${skipped} ${skipped === 1 ? 'entry' : 'entries'} in the call history ${where} did not make sense and ${skipped === 1 ? 'is' : 'are'} left out.`);
  }
}

function isSignedOutMiss(entry: HistoryEntry): boolean {
  return entry.direction === 'incoming' && entry.outcome === 'missed' && SIGNED_OUT_MISSES.has(entry.detail);
}

/** Why a caller waits, as the Callbacks list says it: "turned away (line limit)", "missed: not answered in time". */
function callbackReason(entry: Omit<HistoryEntry, 'id'>): string {
  if (isCutOff(entry)) return `cut off: ${CONNECTION_LOST}`;
  const turnedAway = /^turned away: (.+)$/.exec(entry.detail);
  return turnedAway ? `turned away (${turnedAway[1]})` : entry.detail;
}

/** A conversation the lost connection ended: its caller was cut off mid-call, and waits to be called back. */
function isCutOff(entry: Pick<HistoryEntry, 'outcome' | 'detail'>): boolean {
  return entry.outcome === 'answered' && entry.detail === CONNECTION_LOST;
}
