/**
 * The call log's schema, as forward migrations: migration N takes a database at version N to
 * N + 1, inside the transaction that records the new version. A database is brought up from
 * whatever version it was written at, one step at a time, so every earlier version keeps working
 * (migrations.test.ts opens one of each). Never edit a migration that has shipped: add one.
 */
import type { DatabaseSync } from 'node:sqlite';

export const MIGRATIONS: ReadonlyArray<(db: DatabaseSync) => void> = [
  // 0 → 1: every call, both directions, with its outcome.
  (db) =>
    db.exec(`
      CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        call_id TEXT NOT NULL,
        direction TEXT NOT NULL,
        peer TEXT NOT NULL,
        outcome TEXT NOT NULL,
        detail TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER NOT NULL
      );
    `),
  // 1 → 2: the callers waiting for a call back, one row each.
  (db) =>
    db.exec(`
      CREATE TABLE callbacks (
        peer TEXT PRIMARY KEY,
        attempts INTEGER NOT NULL,
        first_at INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        reason TEXT NOT NULL
      );
    `),
  // 2 → 3: whether a call was a call-back.
  (db) => db.exec('ALTER TABLE history ADD COLUMN callback INTEGER NOT NULL DEFAULT 0;'),
  // 3 → 4: the last call back to a waiting caller that did not reach them.
  (db) =>
    db.exec(`
      ALTER TABLE callbacks ADD COLUMN called_back_at INTEGER;
      ALTER TABLE callbacks ADD COLUMN called_back_detail TEXT;
    `),
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The version a database is at; 0 for a new, empty one. */
export function schemaVersion(db: DatabaseSync): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  return row?.version ?? 0;
}

/** Brings `db` from its version up to `target` (default: the newest). */
export function migrate(db: DatabaseSync, target = SCHEMA_VERSION): void {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) {
    throw new NewerSchemaError(`it was written by a newer Switchboard (schema version ${from}; this one knows up to ${SCHEMA_VERSION})`);
  }
  for (let version = from; version < target; version += 1) {
    db.exec('BEGIN IMMEDIATE');
    try {
      MIGRATIONS[version]!(db);
      db.exec('DELETE FROM schema_version');
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(version + 1);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}

export class NewerSchemaError extends Error {
  override name = 'NewerSchemaError';
}
