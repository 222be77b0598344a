/**
 * The child process of crash.test.ts: writes call log entries in a burst, committing every few,
 * and after each commit prints the newest id committed, until it is killed.
 * Usage: node --import tsx crashWriter.ts <database file>
 */
import { writeSync } from 'node:fs';
import { CallLog } from './callLog.js';

const path = process.argv[2];
if (!path) throw new Error('usage: crashWriter.ts <database file>');
// Writes run only at the explicit flush below, so that every printed id is known to be committed.
const log = new CallLog({ path, warn: (text) => writeSync(2, `${text}\n`), schedule: () => {} });

for (let n = 1; ; n++) {
  const at = 1_000_000 + n;
  const saved = log.record({
    callID: `c${n}`, direction: 'incoming', peer: `caller${n % 7}`, outcome: n % 2 === 0 ? 'missed' : 'turned-away',
    detail: `try ${n}`, startedAt: at, endedAt: at,
  });
  if (n % 5 === 0) {
    log.flush();
    print(`committed ${saved.id}\n`);
  }
}

/** Writes a short line to stdout, waiting while the pipe is full (stdout is non-blocking here). */
function print(line: string): void {
  for (;;) {
    try {
      writeSync(1, line);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}
