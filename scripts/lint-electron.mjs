#!/usr/bin/env node
/**
 * `npm run lint:electron [-- DIR]`: electronegativity on electron/ (or DIR); exits 1 on any
 * HIGH or MEDIUM finding or any file it could not parse, listing them. See electronegativity.mjs.
 */
import { electronVersion, judge, scan } from './electronegativity.mjs';

// electronegativity asks the network for translations as it starts. Offline, that request fails
// (and the tool goes on in English), but got retries it from a timer and p-cancelable then throws
// outside any promise. That is no finding: it must not end the run.
process.on('uncaughtException', (error) => {
  if (/The `onCancel` handler was attached after the promise settled/.test(error.message)) return;
  console.error(error);
  process.exit(1);
});

const input = process.argv[2] ?? 'electron';
const { failures, notes } = judge(await scan(input));
for (const note of notes) console.log(`note: ${note}`);
if (failures.length > 0) {
  for (const failure of failures) console.error(`FAIL: ${failure}`);
  console.error(`lint:electron: ${failures.length} finding(s) of HIGH or MEDIUM severity, or unparsed files, in ${input}`);
  process.exit(1);
}
console.log(`lint:electron: no HIGH or MEDIUM findings in ${input} (Electron ${electronVersion()})`);
// Not waiting for the translation request's retries, which only end in the error above.
process.exit(0);
