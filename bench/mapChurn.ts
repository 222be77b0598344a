/**
 * What a churning table costs V8's young collections (docs/performance.md, "Round nine"): a
 * process keeps `inFlight` entries in a long-lived table, adding one fresh entry and removing the
 * oldest, as requests waiting for replies do, and V8's own trace says how much survives each
 * young collection and how long each takes.
 *
 *   npx tsx bench/mapChurn.ts            # each table, 6 s each, in a process of its own
 *
 * Tables: a Map, a TransientMap (electron/core/transientMap.ts), and a Set that is cleared or
 * replaced every 10 additions (the hub's call IDs of one millisecond). Each table first lives
 * through two full collections, as a table in a running softphone or hub has.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TransientMap } from '../electron/core/transientMap.js';

const RUN_MS = 6_000;
const IN_FLIGHT = 10;
const TABLES = ['Map', 'TransientMap', 'Set cleared', 'Set replaced'] as const;
type Table = (typeof TABLES)[number];

/** The child: churns one table for RUN_MS, with V8 tracing each collection on stdout. */
function churn(table: Table): void {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const map = new Map<number, object>();
  const transient = new TransientMap<number, object>();
  let ids = new Set<string>();
  gc();
  gc();
  let id = 0;
  const started = Date.now();
  const step = (): void => {
    for (let n = 0; n < 20_000; n++, id++) {
      const entry = { id, parts: [id, id + 1], text: `request ${id}` };
      if (table === 'Map') {
        map.set(id, entry);
        map.delete(id - IN_FLIGHT);
      } else if (table === 'TransientMap') {
        transient.set(id, entry);
        transient.take(id - IN_FLIGHT);
      } else {
        if (id % 10 === 0) {
          if (table === 'Set cleared') ids.clear();
          else ids = new Set();
        }
        ids.add(`1764460800000${String(id).padStart(6, '0')}`);
      }
    }
    if (Date.now() - started < RUN_MS) setImmediate(step);
  };
  setImmediate(step);
}

/** Averages the young collections of one child's trace, skipping the first few (start-up). */
function summarise(trace: string): { collections: number; survivedKB: number; pauseMs: number } {
  const young = trace
    .split('\n')
    .filter((line) => / gc=s /.test(line))
    .map((line) => Object.fromEntries(line.split(' ').filter((field) => field.includes('=')).map((field) => field.split('='))))
    .slice(5);
  const mean = (key: string): number => young.reduce((sum, fields) => sum + Number(fields[key]), 0) / Math.max(1, young.length);
  return { collections: young.length, survivedKB: mean('new_space_survived') / 1024, pauseMs: mean('pause') };
}

const child = process.argv[2] as Table | undefined;
if (child) {
  churn(child);
} else {
  const self = fileURLToPath(import.meta.url);
  console.log(`${IN_FLIGHT} entries in flight, ${RUN_MS / 1000} s each, node ${process.version}`);
  for (const table of TABLES) {
    const run = spawnSync(process.execPath, ['--expose-gc', '--trace-gc-nvp', '--import', 'tsx', self, table], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`${table}: the child failed: ${run.stderr}`);
    const { collections, survivedKB, pauseMs } = summarise(run.stdout);
    console.log(`${table.padEnd(13)} ${String(collections).padStart(4)} young collections, ${survivedKB.toFixed(0).padStart(5)} KB surviving each, ${pauseMs.toFixed(2)} ms each`);
  }
}
