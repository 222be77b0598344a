import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../shared/ipc/contract.js';
import { CallLog } from './callLog.js';
import { mountSmallDisk } from './testDisk.js';

let dir: string;
let path: string;
let warnings: string[];
/** Writes run when the test says so, as the event loop would run them. */
let pending: Array<() => void>;
const runWrites = (): void => {
  for (const run of pending.splice(0)) run();
};
const open = (options: { retention?: number; at?: string } = {}): CallLog =>
  new CallLog({ path: options.at ?? path, retention: options.retention, warn: (text) => warnings.push(text), schedule: (run) => pending.push(run) });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-calllog-'));
  path = join(dir, 'history.sqlite');
  warnings = [];
  pending = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entry = (peer: string, outcome: HistoryEntry['outcome'], at: number, direction: HistoryEntry['direction'] = 'incoming'): Omit<HistoryEntry, 'id'> => ({
  callID: `c${at}`, direction, peer, outcome, detail: outcome === 'turned-away' ? 'turned away: line limit' : `${outcome}`, startedAt: at, endedAt: at + 10,
});

describe('CallLog', () => {
  it('keeps history and callbacks across a restart, writing only when the event loop gets to it', () => {
    const log = open();
    log.record(entry('ann', 'turned-away', 1000));
    log.record(entry('bob', 'answered', 2000, 'outgoing'));
    expect(pending).toHaveLength(1);
    const peek = new DatabaseSync(path);
    expect(peek.prepare('SELECT COUNT(*) AS n FROM history').get()).toEqual({ n: 0 });
    runWrites();
    expect(peek.prepare('SELECT COUNT(*) AS n FROM history').get()).toEqual({ n: 2 });
    peek.close();
    log.close();

    const again = open();
    expect(again.query('all', '', 10).entries.map((e) => [e.id, e.peer])).toEqual([[2, 'bob'], [1, 'ann']]);
    expect(again.callbacks).toEqual([{ peer: 'ann', attempts: 1, firstAt: 1010, lastAt: 1010, reason: 'turned away (line limit)' }]);
    expect(warnings).toEqual([]);
    again.close();
  });

  it('keeps one callback per caller, counting tries, the longest-waiting first; an answered call either way clears it', () => {
    const log = open();
    log.record(entry('ann', 'turned-away', 1000));
    log.record(entry('cy', 'missed', 1500));
    log.record(entry('ann', 'missed', 3000));
    log.record(entry('dee', 'turned-away', 4000));
    expect(log.callbacks.map((c) => [c.peer, c.attempts, c.firstAt, c.lastAt, c.reason])).toEqual([
      ['ann', 2, 1010, 3010, 'missed'],
      ['cy', 1, 1510, 1510, 'missed'],
      ['dee', 1, 4010, 4010, 'turned away (line limit)'],
    ]);
    expect([log.position('ann'), log.position('cy'), log.position('dee'), log.position('zed')]).toEqual([1, 2, 3, null]);
    // Outgoing calls that were not answered change nothing; answered ones, in or out, clear.
    log.record(entry('cy', 'no-answer', 5000, 'outgoing'));
    expect(log.position('cy')).toBe(2);
    log.record(entry('cy', 'answered', 6000, 'outgoing'));
    log.record(entry('ann', 'answered', 7000, 'incoming'));
    expect(log.callbacks.map((c) => c.peer)).toEqual(['dee']);
    expect(log.clearCallback('dee')).toBe(true);
    expect(log.clearCallback('dee')).toBe(false);
    log.close();
    expect(open().callbacks).toEqual([]);
  });

  it('says on a waiting caller how the last call back that missed them went, on disk too, until one reaches them', () => {
    const log = open();
    const callBack = (outcome: HistoryEntry['outcome'], at: number, detail: string): Omit<HistoryEntry, 'id'> => ({
      ...entry('ann', outcome, at, 'outgoing'), detail, callback: true,
    });
    log.record(entry('ann', 'turned-away', 1000));
    // A call back cancelled here tells nothing new; an ordinary call that was not answered neither.
    log.record(callBack('cancelled', 2000, 'cancelled'));
    log.record({ ...entry('ann', 'no-answer', 2500, 'outgoing'), detail: 'no answer from ann' });
    expect(log.callbacks[0]?.calledBack).toBeUndefined();
    log.record(callBack('declined', 3000, 'ann declined'));
    expect(log.callbacks).toEqual([
      { peer: 'ann', attempts: 1, firstAt: 1010, lastAt: 1010, reason: 'turned away (line limit)', calledBack: { at: 3010, detail: 'ann declined' } },
    ]);
    // She rings again meanwhile: one more try, and the call back is still said.
    log.record(entry('ann', 'missed', 4000));
    log.record(callBack('no-answer', 5000, 'no answer from ann'));
    runWrites();
    log.close();
    const again = open();
    expect(again.callbacks.map((c) => [c.attempts, c.lastAt, c.calledBack])).toEqual([[2, 4010, { at: 5010, detail: 'no answer from ann' }]]);
    again.record(callBack('answered', 6000, 'ann hung up after 0:30'));
    expect(again.callbacks).toEqual([]);
    again.close();
  });

  it('puts a caller a call back missed behind the others until they ring again, then from that try, so that no place told gets worse', () => {
    const log = open();
    log.record(entry('ann', 'turned-away', 1000));
    log.record(entry('cy', 'turned-away', 2000));
    log.record(entry('dee', 'missed', 3000));
    log.record({ ...entry('ann', 'declined', 4000, 'outgoing'), detail: 'ann declined', callback: true });
    expect(log.callbacks.map((c) => c.peer)).toEqual(['cy', 'dee', 'ann']);
    expect([log.position('cy'), log.position('dee'), log.position('ann')]).toEqual([1, 2, 3]);
    // Two tried: the longest-waiting of them first.
    log.record({ ...entry('cy', 'no-answer', 5000, 'outgoing'), detail: 'no answer from cy', callback: true });
    expect(log.callbacks.map((c) => c.peer)).toEqual(['dee', 'ann', 'cy']);
    // eve is turned away and told her place: 2nd, behind dee (ann and cy were tried).
    log.record(entry('eve', 'turned-away', 5500));
    expect(log.position('eve')).toBe(2);
    // ann rings again: she waits from this try, so eve keeps her place; the call back is still said.
    log.record(entry('ann', 'turned-away', 6000));
    expect(log.callbacks.map((c) => [c.peer, c.calledBack?.detail])).toEqual([['dee', undefined], ['eve', undefined], ['ann', 'ann declined'], ['cy', 'no answer from cy']]);
    expect([log.position('eve'), log.position('ann')]).toEqual([2, 3]);
    expect(log.callbacks.find((c) => c.peer === 'ann')?.attempts).toBe(2);
    log.close();
  });

  it('puts a caller cut off mid-call by a lost connection in Callbacks, and only an incoming one', () => {
    const log = open();
    // ann is answered (which takes her out of the list, as the call connects), then the connection takes the call.
    log.record({ ...entry('ann', 'answered', 2000), detail: 'the connection was lost' });
    log.record({ ...entry('cy', 'answered', 3000, 'outgoing'), detail: 'the connection was lost' });
    log.record({ ...entry('dee', 'answered', 4000), detail: 'dee hung up after 1:02' });
    expect(log.callbacks.map((c) => [c.peer, c.attempts, c.firstAt, c.reason])).toEqual([['ann', 1, 2010, 'cut off: the connection was lost']]);
    log.close();
  });

  it('never moves a caller already told their place behind one who rang earlier but gave up later', () => {
    const log = open();
    // carol is turned away while ann's call is still ringing; ann then gives up.
    log.record({ ...entry('carol', 'turned-away', 2000), endedAt: 2000 });
    expect(log.position('carol')).toBe(1);
    log.record({ ...entry('ann', 'missed', 1000), endedAt: 5000 });
    expect([log.position('carol'), log.position('ann')]).toEqual([1, 2]);
    log.close();
  });

  describe('a call missed by signing out that rings again at the next sign-in', () => {
    const signedOut = (peer: string, callID: string, at: number): Omit<HistoryEntry, 'id'> => ({
      callID, direction: 'incoming', peer, outcome: 'missed', detail: 'missed: you signed out', startedAt: at, endedAt: at + 10,
    });
    const again = (peer: string, callID: string, outcome: HistoryEntry['outcome'], detail: string, at: number): Omit<HistoryEntry, 'id'> => ({
      callID, direction: 'incoming', peer, outcome, detail, startedAt: at - 1000, endedAt: at,
    });
    const rows = (): unknown[] => {
      const db = new DatabaseSync(path);
      const found = db.prepare('SELECT call_id, outcome, detail FROM history ORDER BY id').all().map((row) => ({ ...row }));
      db.close();
      return found;
    };

    it('answered: one entry, answered, on disk too and after a restart; the caller no longer waits', () => {
      const log = open();
      log.record(entry('cy', 'missed', 500));
      log.record(signedOut('ann', 'k1', 1000));
      runWrites();
      expect(log.callbacks.map((c) => [c.peer, c.attempts])).toEqual([['cy', 1], ['ann', 1]]);
      log.record(again('ann', 'k1', 'answered', 'you hung up after 0:05', 3000));
      runWrites();
      expect(log.query('all', '', 10).entries.map((e) => [e.callID, e.outcome])).toEqual([['k1', 'answered'], ['c500', 'missed']]);
      expect(log.stored).toBe(2);
      expect(log.callbacks.map((c) => c.peer)).toEqual(['cy']);
      expect(rows()).toEqual([
        { call_id: 'c500', outcome: 'missed', detail: 'missed' },
        { call_id: 'k1', outcome: 'answered', detail: 'you hung up after 0:05' },
      ]);
      log.close();
      const reopened = open();
      expect(reopened.query('all', '', 10).entries.map((e) => [e.callID, e.outcome])).toEqual([['k1', 'answered'], ['c500', 'missed']]);
      expect(reopened.callbacks.map((c) => c.peer)).toEqual(['cy']);
      reopened.close();
    });

    it('missed again: one entry, the later one; the caller waits from the first miss, counted once', () => {
      const log = open();
      log.record(signedOut('ann', 'k1', 1000));
      log.close();
      // Restarted in between: the entry to replace is read back from the file.
      const reopened = open();
      reopened.record(again('ann', 'k1', 'missed', 'missed: not answered in time', 3000));
      runWrites();
      expect(reopened.query('all', '', 10).entries.map((e) => [e.callID, e.detail])).toEqual([['k1', 'missed: not answered in time']]);
      expect(reopened.callbacks).toEqual([{ peer: 'ann', attempts: 1, firstAt: 1010, lastAt: 3000, reason: 'missed: not answered in time' }]);
      expect(rows()).toEqual([{ call_id: 'k1', outcome: 'missed', detail: 'missed: not answered in time' }]);
      reopened.close();
    });

    it('declined: one entry, declined; the try the sign-out counted is taken back, other tries stay', () => {
      const log = open();
      log.record(signedOut('ann', 'k1', 1000));
      log.record(signedOut('bob', 'k2', 1100));
      log.record(entry('bob', 'missed', 2000));
      log.record(again('ann', 'k1', 'declined', 'declined', 3000));
      log.record(again('bob', 'k2', 'declined', 'declined', 3100));
      runWrites();
      expect(log.query('all', '', 10).entries.map((e) => [e.callID, e.outcome])).toEqual([['k2', 'declined'], ['k1', 'declined'], ['c2000', 'missed']]);
      expect(log.callbacks.map((c) => [c.peer, c.attempts])).toEqual([['bob', 1]]);
      expect(rows()).toHaveLength(3);
      log.close();
    });

    it('replaces only that: another call of the same caller, an entry missed otherwise, or one dismissed from Callbacks before', () => {
      const log = open();
      log.record(again('ann', 'k1', 'missed', 'missed: not answered in time', 1000));
      log.record(again('ann', 'k1', 'answered', 'ann hung up after 0:03', 2000));
      log.record(signedOut('bob', 'k2', 3000));
      log.record(again('bob', 'k3', 'missed', 'missed: bob cancelled', 4000));
      log.record(signedOut('cy', 'k4', 5000));
      expect(log.clearCallback('cy')).toBe(true);
      log.record(again('cy', 'k4', 'missed', 'missed: not answered in time', 6000));
      expect(log.query('all', '', 10).entries.map((e) => [e.callID, e.outcome])).toEqual([
        ['k4', 'missed'], ['k3', 'missed'], ['k2', 'missed'], ['k1', 'answered'], ['k1', 'missed'],
      ]);
      expect(log.callbacks.map((c) => [c.peer, c.attempts, c.firstAt])).toEqual([['bob', 2, 3010], ['cy', 1, 6000]]);
      log.close();
    });
  });

  it('keeps the Callbacks list within the retention too, letting the longest-waiting go first', () => {
    const log = open({ retention: 3 });
    for (const [i, peer] of ['ann', 'bob', 'cy', 'dee'].entries()) log.record(entry(peer, 'missed', 1000 + i));
    expect(log.callbacks.map((c) => c.peer)).toEqual(['bob', 'cy', 'dee']);
    log.close();
    expect(open({ retention: 3 }).callbacks.map((c) => c.peer)).toEqual(['bob', 'cy', 'dee']);
  });

  it('filters by missed and turned away, searches by name in any case, and counts what matches', () => {
    const log = open();
    log.record(entry('Ann', 'turned-away', 1));
    log.record(entry('bob', 'missed', 2));
    log.record(entry('annie', 'missed', 3));
    log.record(entry('bob', 'answered', 4, 'outgoing'));
    const peers = (filter: 'all' | 'missed' | 'turned-away', search: string, limit = 10) => {
      const { entries, matching } = log.query(filter, search, limit);
      return { peers: entries.map((e) => e.peer), matching };
    };
    expect(peers('all', '')).toEqual({ peers: ['bob', 'annie', 'bob', 'Ann'], matching: 4 });
    expect(peers('missed', '')).toEqual({ peers: ['annie', 'bob'], matching: 2 });
    expect(peers('turned-away', '')).toEqual({ peers: ['Ann'], matching: 1 });
    expect(peers('all', ' ANN ')).toEqual({ peers: ['annie', 'Ann'], matching: 2 });
    expect(peers('missed', 'ann')).toEqual({ peers: ['annie'], matching: 1 });
    expect(peers('all', '', 2)).toEqual({ peers: ['bob', 'annie'], matching: 4 });
    log.close();
  });

  it('keeps at most the configured number of entries, in memory and on disk, also after the limit is lowered', () => {
    const log = open({ retention: 5 });
    for (let i = 1; i <= 8; i++) log.record(entry(`u${i}`, 'answered', i, 'outgoing'));
    runWrites();
    expect(log.stored).toBe(5);
    expect(log.query('all', '', 10).entries.map((e) => e.peer)).toEqual(['u8', 'u7', 'u6', 'u5', 'u4']);
    log.close();
    const count = () => {
      const db = new DatabaseSync(path);
      const n = (db.prepare('SELECT COUNT(*) AS n FROM history').get() as { n: number }).n;
      db.close();
      return n;
    };
    expect(count()).toBe(5);
    const smaller = open({ retention: 2 });
    expect(smaller.query('all', '', 10).entries.map((e) => e.peer)).toEqual(['u8', 'u7']);
    smaller.close();
    expect(count()).toBe(2);
  });

  it('keeps every call of two softphones writing one history (the same user started twice)', () => {
    const first = open();
    const second = open();
    first.record(entry('ann', 'answered', 1000, 'outgoing'));
    second.record(entry('bob', 'answered', 2000, 'outgoing'));
    first.record(entry('cy', 'missed', 3000));
    second.record(entry('dee', 'missed', 4000));
    runWrites();
    first.close();
    second.close();
    const again = open();
    expect(again.query('all', '', 10).entries.map((e) => e.peer).sort()).toEqual(['ann', 'bob', 'cy', 'dee']);
    expect(again.callbacks.map((c) => c.peer)).toEqual(['cy', 'dee']);
    expect(warnings).toEqual([]);
    again.close();
  });

  it('says how many older entries go when it opens a history past its limit, and says nothing otherwise', () => {
    const log = open({ retention: 10 });
    for (let i = 1; i <= 8; i++) log.record(entry(`u${i}`, 'answered', i, 'outgoing'));
    log.close();
    open({ retention: 10 }).close();
    expect(warnings).toEqual([]);
    const smaller = open({ retention: 3 });
    expect(warnings).toEqual([
      `The call history ${path} holds 8 entries and the history limit is 3: the 5 oldest are removed (start with a higher --history-limit to keep them).`,
    ]);
    smaller.close();
  });

  it('exports CSV with quoting, and defuses names a spreadsheet would run as formulas', () => {
    const log = open();
    log.record({ ...entry('ann', 'answered', Date.UTC(2030, 0, 2, 3, 4, 5), 'outgoing'), detail: 'you hung up after 1:00, "ok"', callback: true });
    log.record({ ...entry('bob', 'missed', Date.UTC(2030, 0, 2, 4, 0, 0)), peer: '=HYPERLINK("x")' });
    expect(log.csv().split('\r\n')).toEqual([
      'started,ended,direction,peer,outcome,detail,call-back,call ID',
      `2030-01-02T04:00:00.000Z,2030-01-02T04:00:00.010Z,incoming,"'=HYPERLINK(""x"")",missed,missed,no,c${Date.UTC(2030, 0, 2, 4, 0, 0)}`,
      `2030-01-02T03:04:05.000Z,2030-01-02T03:04:05.010Z,outgoing,ann,answered,"you hung up after 1:00, ""ok""",yes,c${Date.UTC(2030, 0, 2, 3, 4, 5)}`,
      '',
    ]);
    log.close();
  });

  it('treats what it reads back as untrusted: rows that do not make sense are left out, with a warning', () => {
    open().close();
    const db = new DatabaseSync(path);
    db.exec(`INSERT INTO history (id, call_id, direction, peer, outcome, detail, started_at, ended_at) VALUES
      (1, 'c1', 'incoming', 'ann', 'missed', 'missed', 1, 2),
      (2, 'c2', 'sideways', 'bob', 'missed', 'missed', 1, 2),
      (3, 'c3', 'incoming', 'e' || char(8238) || 'vil', 'missed', 'missed', 1, 2),
      (4, 'c4', 'incoming', 'cy', 'exploded', 'missed', 1, 2)`);
    db.exec(`INSERT INTO callbacks (peer, attempts, first_at, last_at, reason) VALUES ('ann', 1, 1, 2, 'missed'), ('not a user id!', 1, 1, 2, 'missed'), ('cy', -3, 1, 2, 'missed')`);
    db.close();
    const log = open();
    expect(log.query('all', '', 10).entries.map((e) => e.peer)).toEqual(['ann']);
    expect(log.callbacks.map((c) => c.peer)).toEqual(['ann']);
    expect(warnings).toEqual([`5 entries in the call history ${path} did not make sense and are left out.`]);
    log.close();
  });

  it('leaves out rows whose times no date can hold, so that the history can still be shown and exported', () => {
    open().close();
    const db = new DatabaseSync(path);
    db.exec(`INSERT INTO history (id, call_id, direction, peer, outcome, detail, started_at, ended_at) VALUES
      (1, 'c1', 'incoming', 'ann', 'missed', 'missed', 1, 2),
      (2, 'c2', 'incoming', 'bob', 'missed', 'missed', 9000000000000000, 9000000000000001),
      (3, 'c3', 'incoming', 'cy', 'missed', 'missed', 1, 8640000000000001)`);
    db.exec(`INSERT INTO callbacks (peer, attempts, first_at, last_at, reason) VALUES ('bob', 1, 9000000000000000, 9000000000000000, 'missed')`);
    db.close();
    const log = open();
    expect(log.query('all', '', 10).entries.map((e) => e.peer)).toEqual(['ann']);
    expect(log.callbacks).toEqual([]);
    expect(warnings).toEqual([`3 entries in the call history ${path} did not make sense and are left out.`]);
    expect(log.csv().split('\r\n')).toHaveLength(3);
    log.close();
  });

  it('warns once when writes fail mid-run, goes on in memory, and saves everything once the disk takes writes again', (context) => {
    if (process.getuid?.() !== 0) return context.skip('making an open database refuse writes needs chattr +i, which needs root');
    const log = open();
    log.record(entry('ann', 'missed', 1));
    runWrites();
    const wal = `${path}-wal`;
    try {
      execFileSync('chattr', ['+i', wal], { stdio: 'pipe' });
    } catch (error) {
      return context.skip(`chattr +i failed: ${(error as Error).message.split('\n')[0]}`);
    }
    try {
      log.record(entry('bob', 'turned-away', 2));
      runWrites();
      log.record(entry('cy', 'turned-away', 3));
      runWrites();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^The call history cannot be saved \(.+\)\. Calls go on/);
      expect(log.callbacks.map((c) => c.peer)).toEqual(['ann', 'bob', 'cy']);
    } finally {
      execFileSync('chattr', ['-i', wal], { stdio: 'pipe' });
    }
    log.record(entry('dee', 'missed', 4));
    runWrites();
    expect(warnings[1]).toBe('The call history is being saved again.');
    log.close();
    const again = open();
    expect(again.query('all', '', 10).entries.map((e) => e.peer)).toEqual(['dee', 'cy', 'bob', 'ann']);
    again.close();
  });

  it('on a full disk: warns, goes on, and saves what waited once there is room', (context) => {
    const disk = mountSmallDisk('400k');
    if (typeof disk === 'string') return context.skip(disk);
    try {
      const at = join(disk.dir, 'history.sqlite');
      const log = open({ at });
      const filler = join(disk.dir, 'filler');
      // Fill what is left of the disk.
      try {
        writeFileSync(filler, Buffer.alloc(1024 * 1024));
      } catch {
        // ENOSPC: the disk is full now, as intended.
      }
      for (let i = 1; i <= 300; i++) log.record({ ...entry(`u${i}`, 'missed', i), detail: 'x'.repeat(250) });
      runWrites();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('The call history cannot be saved');
      expect(log.stored).toBe(300);
      rmSync(filler);
      log.record(entry('last', 'missed', 1000));
      runWrites();
      expect(warnings[1]).toBe('The call history is being saved again.');
      log.close();
      const again = open({ at });
      expect(again.stored).toBe(301);
      again.close();
    } finally {
      disk.unmount();
    }
  });
});
