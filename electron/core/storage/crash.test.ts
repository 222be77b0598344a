import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallLog } from './callLog.js';

const WRITER = fileURLToPath(new URL('./crashWriter.ts', import.meta.url));
/** Commits to see before the kill: enough that the kill lands in the middle of the burst. */
const COMMITS_BEFORE_KILL = 400;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-crash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the call log killed with SIGKILL during a burst of writes', () => {
  it('loses nothing that was committed, and the file stays sound', async () => {
    const path = join(dir, 'history.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let lastCommitted = 0;
    let commits = 0;
    let buffered = '';
    const killed = new Promise<NodeJS.Signals | null>((resolve, reject) => {
      child.once('exit', (code, signal) => (signal ? resolve(signal) : reject(new Error(`the writer exited with ${code} before it was killed: ${stderr}`))));
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^committed (\d+)$/.exec(line);
        if (!match) continue;
        lastCommitted = Number(match[1]);
        commits += 1;
        // Killed while it keeps writing: it never waits for this side to read.
        if (commits === COMMITS_BEFORE_KILL) child.kill('SIGKILL');
      }
    });
    expect(await killed).toBe('SIGKILL');
    expect(lastCommitted).toBeGreaterThanOrEqual(COMMITS_BEFORE_KILL * 5);

    const db = new DatabaseSync(path);
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();

    const warnings: string[] = [];
    const log = new CallLog({ path, warn: (text) => warnings.push(text) });
    expect(warnings).toEqual([]);
    const { entries } = log.query('all', '', Number.MAX_SAFE_INTEGER);
    const ids = new Set(entries.map((entry) => entry.id));
    const missing = [];
    for (let id = 1; id <= lastCommitted; id++) if (!ids.has(id)) missing.push(id);
    expect(missing).toEqual([]);
    // Every row reads back as it was written.
    for (const entry of entries.filter((e) => e.id <= lastCommitted)) {
      expect(entry).toMatchObject({ callID: `c${entry.id}`, peer: `caller${entry.id % 7}`, detail: `try ${entry.id}` });
    }
    // The callback counts include every committed try.
    for (let k = 0; k < 7; k++) {
      const tries = entries.filter((e) => e.id <= lastCommitted && e.peer === `caller${k}`).length;
      expect(log.callbacks.find((c) => c.peer === `caller${k}`)?.attempts ?? 0).toBeGreaterThanOrEqual(tries);
    }
    log.close();
  }, 60_000);
});
