#!/usr/bin/env node
/**
 * `npm run lint:electron [-- DIR]`: electronegativity on electron/ (or DIR); exits 1 on any
 * HIGH or MEDIUM finding or any file it could not parse, listing them. See electronegativity.mjs.
 */
import { electronVersion, judge, scan } from './electronegativity.mjs';

const input = process.argv[2] ?? 'electron';
const { failures, notes } = judge(await scan(input));
for (const note of notes) console.log(`note: ${note}`);
if (failures.length > 0) {
  for (const failure of failures) console.error(`FAIL: ${failure}`);
  console.error(`lint:electron: ${failures.length} finding(s) of HIGH or MEDIUM severity, or unparsed files, in ${input}`);
  process.exit(1);
}
console.log(`lint:electron: no HIGH or MEDIUM findings in ${input} (Electron ${electronVersion()})`);
