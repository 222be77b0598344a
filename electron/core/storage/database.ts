/**
 * Opens the call log's SQLite database (Node's built-in node:sqlite, which Electron's main
 * process has too, so there is no native module to rebuild). It never stops the app:
 *
 * - a file SQLite cannot read as a database, one that fails its integrity check, or one written
 *   by a newer schema is renamed `<file>.corrupt-<time>` (with its -wal and -shm) and a fresh
 *   database takes its place, as settings.json is kept aside;
 * - where no database can be created at all (a read-only data directory, a full disk), the log
 *   lives in memory for this run.
 *
 * Either way the caller gets a warning to show in the app.
 */
import { chmodSync, closeSync, existsSync, openSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { errorMessage } from '../../../shared/protocol/errors.js';
import { makePrivateDirectory } from '../paths.js';
import { migrate, NewerSchemaError } from './migrations.js';

export interface OpenedDatabase {
  db: DatabaseSync;
  /** False when the log lives in memory only, for this run. */
  persistent: boolean;
  /** For the user: what went wrong and what was done about it; null when all was well. */
  warning: string | null;
}

/** SQLite's primary result codes that mean the file is not a usable database. */
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

class DamagedDatabaseError extends Error {
  override name = 'DamagedDatabaseError';
}

export function openDatabase(path: string, now: () => Date = () => new Date()): OpenedDatabase {
  let first: unknown;
  try {
    return { db: openAt(path), persistent: true, warning: null };
  } catch (error) {
    first = error;
  }
  if (isDamaged(first)) {
    const aside = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    try {
      setAside(path, aside);
      return {
        db: openAt(path),
        persistent: true,
        warning: `The call history ${path} could not be read (${errorMessage(first)}); it was kept as ${aside} and a new, empty history started.`,
      };
    } catch (error) {
      return inMemory(`The call history ${path} could not be read (${errorMessage(first)}) nor set aside (${errorMessage(error)})`);
    }
  }
  return inMemory(`The call history ${path} cannot be opened (${errorMessage(first)})`);
}

function openAt(path: string): DatabaseSync {
  makePrivateDirectory(dirname(path));
  if (path !== ':memory:') keepPrivate(path);
  const db = new DatabaseSync(path);
  try {
    // WAL: a write appends to the log and a crash never leaves a half-written page behind;
    // NORMAL: a committed write survives the process being killed (only a power cut may lose
    // the last few), without a flush to disk on every commit.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 2000');
    const check = db.prepare('PRAGMA quick_check').get() as { quick_check: string } | undefined;
    if (check?.quick_check !== 'ok') throw new DamagedDatabaseError(`integrity check: ${check?.quick_check ?? 'no answer'}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Whom the user called, and when, is theirs alone: the database is made (or made again) readable
 * by its owner only, before SQLite opens it; SQLite gives its -wal and -shm the database's mode.
 */
function keepPrivate(path: string): void {
  if (process.platform === 'win32') return;
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (!existsSync(file)) continue;
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) chmodSync(file, mode & 0o700);
  }
}

function inMemory(problem: string): OpenedDatabase {
  const db = new DatabaseSync(':memory:');
  migrate(db);
  return { db, persistent: false, warning: `${problem}. Calls go on, but this run's history and callbacks are kept only until Switchboard quits.` };
}

function setAside(path: string, aside: string): void {
  renameSync(path, aside);
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
}

function isDamaged(error: unknown): boolean {
  if (error instanceof DamagedDatabaseError || error instanceof NewerSchemaError) return true;
  const code = (error as { errcode?: unknown }).errcode;
  return typeof code === 'number' && ((code & 0xff) === SQLITE_CORRUPT || (code & 0xff) === SQLITE_NOTADB);
}
