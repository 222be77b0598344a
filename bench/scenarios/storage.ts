/**
 * Storage: what the call log costs. On a real database file in the bench's scratch directory:
 *
 * - record: the time a call's end costs the CallManager's turn (CallLog.record, which only
 *   queues the write);
 * - insert rate: entries committed per second when calls end faster than the disk is asked to
 *   keep up — 100 entries each event-loop turn, committed one transaction per turn, as the app does;
 * - commit of one entry alone (one transaction per call, a quiet softphone), p50 / p95;
 * - opening a log of 10,000 entries (the default retention) and filtering it.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { HistoryEntry } from '../../shared/ipc/contract.js';
import { CallLog } from '../../electron/core/storage/callLog.js';
import { scratchDir } from '../lib/procs.js';
import { percentile, round, sortedCopy, type Summary } from '../lib/stats.js';

const BURST_ENTRIES = 20_000;
const PER_TURN = 100;
const SINGLE_COMMITS = 500;
const RETENTION = 10_000;

export function benchEntry(n: number): Omit<HistoryEntry, 'id'> {
  const outcomes = ['answered', 'missed', 'turned-away', 'declined'] as const;
  const outcome = outcomes[n % outcomes.length]!;
  return {
    callID: `${1_800_000_000_000 + n}`, direction: outcome === 'declined' ? 'outgoing' : 'incoming', peer: `caller${n % 500}`,
    outcome, detail: outcome === 'turned-away' ? 'turned away: line limit' : `${outcome} (bench)`,
    startedAt: 1_800_000_000_000 + n * 1000, endedAt: 1_800_000_000_000 + n * 1000 + 500,
  };
}

/** A call log file holding `count` entries, for the UI bench to start with. */
export function fillCallLog(path: string, count: number): void {
  const log = new CallLog({ path, retention: Math.max(count, RETENTION), warn: (text) => console.log(`  warning: ${text}`), schedule: () => {} });
  for (let n = 1; n <= count; n++) {
    log.record(benchEntry(n));
    if (n % 1000 === 0) log.flush();
  }
  log.close();
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function runStorage(summary: Summary): Promise<void> {
  const dir = join(scratchDir(), 'storage');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const warn = (text: string): void => {
    throw new Error(`the call log warned: ${text}`);
  };

  // Bursts: many entries per turn, one transaction per turn (the app's own scheduling).
  const burst = new CallLog({ path: join(dir, 'burst.sqlite'), retention: RETENTION, warn });
  const recordTimes: number[] = [];
  const started = performance.now();
  for (let n = 1; n <= BURST_ENTRIES; n++) {
    const before = performance.now();
    burst.record(benchEntry(n));
    recordTimes.push(performance.now() - before);
    if (n % PER_TURN === 0) await turn();
  }
  await turn();
  const seconds = (performance.now() - started) / 1000;
  burst.close();
  const record = sortedCopy(recordTimes);
  summary.add('storage-insert-rate', round(BURST_ENTRIES / seconds), 'entries/s');
  summary.add('storage-record-p50', round(percentile(record, 50) * 1000, 1), 'µs');
  summary.add('storage-record-p99', round(percentile(record, 99) * 1000, 1), 'µs');

  // One entry, one transaction: a quiet softphone's every call.
  const single = new CallLog({ path: join(dir, 'single.sqlite'), warn, schedule: () => {} });
  const commits: number[] = [];
  for (let n = 1; n <= SINGLE_COMMITS; n++) {
    single.record(benchEntry(n));
    const before = performance.now();
    single.flush();
    commits.push(performance.now() - before);
  }
  single.close();
  const commit = sortedCopy(commits);
  summary.add('storage-commit-one-p50', round(percentile(commit, 50) * 1000), 'µs');
  summary.add('storage-commit-one-p95', round(percentile(commit, 95) * 1000), 'µs');

  // A full log: opening it (the app's start) and the History list's filter and search.
  const fullPath = join(dir, 'full.sqlite');
  fillCallLog(fullPath, RETENTION);
  const openStart = performance.now();
  const full = new CallLog({ path: fullPath, warn });
  const openMs = performance.now() - openStart;
  if (full.stored !== RETENTION) throw new Error(`the full log holds ${full.stored} entries, not ${RETENTION}`);
  const queries: number[] = [];
  for (let i = 0; i < 200; i++) {
    const before = performance.now();
    full.query(i % 2 === 0 ? 'missed' : 'all', i % 3 === 0 ? 'caller4' : '', 200);
    queries.push(performance.now() - before);
  }
  full.close();
  summary.add(`storage-open-${RETENTION}`, round(openMs, 1), 'ms');
  summary.add(`storage-query-${RETENTION}-p95`, round(percentile(sortedCopy(queries), 95), 2), 'ms');
}
