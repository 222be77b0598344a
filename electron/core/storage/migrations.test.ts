import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallLog } from './callLog.js';
import { migrate, SCHEMA_VERSION, schemaVersion } from './migrations.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-migrate-'));
  path = join(dir, 'history.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What each version could hold, written with that version's own columns. */
function fillAt(db: DatabaseSync, version: number): void {
  if (version >= 1) {
    db.exec(`INSERT INTO history (id, call_id, direction, peer, outcome, detail, started_at, ended_at)
             VALUES (1, 'c1', 'incoming', 'ann', 'turned-away', 'turned away: line limit', 1000, 1000),
                    (2, 'c2', 'outgoing', 'bob', 'answered', 'you hung up after 0:05', 2000, 7000)`);
  }
  if (version >= 2) db.exec("INSERT INTO callbacks (peer, attempts, first_at, last_at, reason) VALUES ('ann', 2, 1000, 1500, 'turned away: line limit')");
  if (version >= 3) db.exec("UPDATE history SET callback = 1 WHERE id = 2");
}

describe('call log migrations', () => {
  it('has one step per version, and a new database ends at the newest', () => {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
  });

  for (let version = 0; version <= SCHEMA_VERSION; version++) {
    it(`brings a database written at version ${version} up to ${SCHEMA_VERSION}, keeping what it held`, () => {
      const old = new DatabaseSync(path);
      migrate(old, version);
      expect(schemaVersion(old)).toBe(version);
      fillAt(old, version);
      old.close();

      const warnings: string[] = [];
      const log = new CallLog({ path, warn: (text) => warnings.push(text) });
      expect(warnings).toEqual([]);
      const { entries } = log.query('all', '', 10);
      if (version >= 1) {
        expect(entries.map((entry) => [entry.id, entry.peer, entry.outcome, entry.callback ?? false])).toEqual([
          [2, 'bob', 'answered', version >= 3],
          [1, 'ann', 'turned-away', false],
        ]);
      } else {
        expect(entries).toEqual([]);
      }
      expect(log.callbacks).toEqual(version >= 2 ? [{ peer: 'ann', attempts: 2, firstAt: 1000, lastAt: 1500, reason: 'turned away: line limit' }] : []);
      // And it is a working log at the newest version: a new entry lands after the old ones.
      expect(log.record({ callID: 'c3', direction: 'incoming', peer: 'cy', outcome: 'missed', detail: 'missed', startedAt: 9000, endedAt: 9000 }).id).toBe(version >= 1 ? 3 : 1);
      log.close();
      const after = new DatabaseSync(path);
      expect(schemaVersion(after)).toBe(SCHEMA_VERSION);
      expect((after.prepare('SELECT COUNT(*) AS n FROM history').get() as { n: number }).n).toBe(version >= 1 ? 3 : 1);
      after.close();
    });
  }
});
