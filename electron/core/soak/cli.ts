/**
 * `npm run soak [-- --calls N] [--users N] [--seed N]`: the full soak (100,000 calls among 200
 * users by default) with the hub in a process of its own; prints the figures docs/reliability.md
 * quotes and exits with 1 if any promise failed.
 */
import { errorMessage } from '../../../shared/protocol/errors.js';
import { describeSoak, runSoak } from './run.js';
import { parseArgs } from '../builtins.js';
import { wholeNumber } from '../wholeNumber.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { calls: { type: 'string' }, users: { type: 'string' }, seed: { type: 'string' } },
    strict: true,
  });
  const calls = wholeNumber('--calls', values.calls, 1) ?? 100_000;
  const users = wholeNumber('--users', values.users, 4) ?? 200;
  // Any seed a run prints can be given back: they are drawn from 0 to 2³¹.
  const seed = wholeNumber('--seed', values.seed, 0) ?? Math.floor(Math.random() * 2 ** 31);
  const started = Date.now();
  const report = await runSoak({ calls, users, seed, log: (line) => console.log(line) });
  console.log(describeSoak(report));
  console.log(`total: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const broken = [
    report.run.failures.length > 0 && `${report.run.failures.length} calls did not end as they should, e.g. ${report.run.failures[0]}`,
    report.linesLeft > 0 && `${report.linesLeft} lines still taken`,
    report.hubStartedCalls > 0 && `${report.hubStartedCalls} calls still open on the hub`,
    report.heapAfter > report.heapBefore * 1.1 && 'the hub heap grew by more than 10%',
  ].filter((problem): problem is string => typeof problem === 'string');
  for (const problem of broken) console.error(`soak: ${problem}`);
  return broken.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`soak: ${errorMessage(error)}`);
    process.exit(1);
  },
);
