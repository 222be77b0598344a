/**
 * A hub in a process of its own for the reliability runs (measured.ts spawns it with
 * --expose-gc): startHub with the options given as JSON in argv, its URL printed on stdout, and
 * over the IPC channel its heap after a full collection and its registry's figures.
 */
import { startHub, type HubOptions } from '../server.js';

export type ChildHubOptions = Omit<HubOptions, 'secret' | 'now' | 'log'>;

export interface ChildHubReport {
  heapUsed: number;
  rss: number;
  stats: ReturnType<Awaited<ReturnType<typeof startHub>>['stats']>;
}

const secret = process.env.SWITCHBOARD_HUB_SECRET;
if (!secret) throw new Error('the measured hub needs SWITCHBOARD_HUB_SECRET');
const options = JSON.parse(process.argv[2] ?? '{}') as ChildHubOptions;
const hub = await startHub({ ...options, secret, log: (line) => process.stderr.write(`${line}\n`) });
const gc = (globalThis as { gc?: () => void }).gc;

process.on('message', (message: { reqId: number }) => {
  // Two passes: the first may only finish what an incremental collection had started.
  gc?.();
  gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  const report: ChildHubReport = { heapUsed, rss, stats: hub.stats() };
  process.send?.({ reqId: message.reqId, report });
});
// The parent going away, however it goes, stops the hub.
process.on('disconnect', () => void hub.close().then(() => process.exit(0)));
process.stdout.write(`${hub.url}\n`);
