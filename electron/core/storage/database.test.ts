import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { SCHEMA_VERSION, schemaVersion } from './migrations.js';
import { makeReadOnly } from './testDisk.js';

const NOW = new Date('2030-01-02T03:04:05.678Z');
const ASIDE = 'history.sqlite.corrupt-2030-01-02T03-04-05-678Z';
let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-db-'));
  path = join(dir, 'history.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function historyCount(db: DatabaseSync): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM history').get() as { n: number }).n;
}

describe('openDatabase', () => {
  it('creates the directory and a database in WAL mode at the newest schema, quietly', () => {
    path = join(dir, 'users', 'bob', 'history.sqlite');
    const { db, persistent, warning } = openDatabase(path);
    expect({ persistent, warning }).toEqual({ persistent: true, warning: null });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('keeps the call history readable by its owner only: the directories it makes, the database, its -wal and -shm', (context) => {
    if (process.platform === 'win32') return context.skip('POSIX permissions');
    path = join(dir, 'users', 'bob', 'history.sqlite');
    const { db } = openDatabase(path);
    db.exec("INSERT INTO history (call_id, direction, peer, outcome, detail, started_at, ended_at) VALUES ('c', 'incoming', 'ann', 'missed', 'd', 1, 2)");
    const mode = (file: string): string => (statSync(file).mode & 0o777).toString(8);
    expect([join(dir, 'users'), join(dir, 'users', 'bob')].map(mode)).toEqual(['700', '700']);
    expect([path, `${path}-wal`, `${path}-shm`].map(mode)).toEqual(['600', '600', '600']);
    db.close();
  });

  it('takes the read permission away from other users on a call history an older version left readable', (context) => {
    if (process.platform === 'win32') return context.skip('POSIX permissions');
    openDatabase(path).db.close();
    chmodSync(path, 0o644);
    const { db } = openDatabase(path);
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
    expect((statSync(`${path}-wal`).mode & 0o777).toString(8)).toBe('600');
    db.close();
  });

  it('sets a file that is not a database aside as *.corrupt-<time>, says so, and starts a fresh one', () => {
    writeFileSync(path, 'this is not a database, but it is long enough to look like a header. '.repeat(20));
    const { db, persistent, warning } = openDatabase(path, () => NOW);
    expect(persistent).toBe(true);
    expect(warning).toContain(`it was kept as ${join(dir, ASIDE)}`);
    expect(warning).toContain('a new, empty history started');
    expect(readFileSync(join(dir, ASIDE), 'utf8')).toContain('this is not a database');
    expect(historyCount(db)).toBe(0);
    db.close();
  });

  it('sets aside a database whose pages were damaged', () => {
    const first = openDatabase(path).db;
    const insert = first.prepare("INSERT INTO history (id, call_id, direction, peer, outcome, detail, started_at, ended_at) VALUES (?, 'c', 'incoming', 'ann', 'missed', ?, 1, 2)");
    for (let id = 1; id <= 500; id++) insert.run(id, 'x'.repeat(200));
    first.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    first.close();
    // Scribble over the middle of the file, as a failing disk or a stray write would.
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 8192, 8192 + 4096 * 4);
    writeFileSync(path, bytes);
    const { db, warning } = openDatabase(path, () => NOW);
    expect(warning).toContain(ASIDE);
    expect(existsSync(join(dir, ASIDE))).toBe(true);
    expect(historyCount(db)).toBe(0);
    db.close();
  });

  it('sets aside a database written by a newer schema rather than misreading it', () => {
    const newer = new DatabaseSync(path);
    newer.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (${SCHEMA_VERSION + 1})`);
    newer.close();
    const { db, warning } = openDatabase(path, () => NOW);
    expect(warning).toContain(`written by a newer Switchboard (schema version ${SCHEMA_VERSION + 1}`);
    expect(readdirSync(dir)).toContain(ASIDE);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('keeps the log in memory, with a warning, when the data directory is read-only', (context) => {
    const undo = makeReadOnly(dir);
    if (typeof undo === 'string') return context.skip(undo);
    try {
      const { db, persistent, warning } = openDatabase(path);
      expect(persistent).toBe(false);
      expect(warning).toContain(`The call history ${path} cannot be opened`);
      expect(warning).toContain('Calls go on');
      // Still a working log for this run.
      db.prepare("INSERT INTO history (id, call_id, direction, peer, outcome, detail, started_at, ended_at) VALUES (1, 'c', 'incoming', 'ann', 'missed', 'd', 1, 2)").run();
      expect(historyCount(db)).toBe(1);
      db.close();
    } finally {
      undo();
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
