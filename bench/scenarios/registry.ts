/**
 * The hub's call registry on the busy path with no socket (bench/registryLoop.ts, in a fresh
 * process): its CPU and garbage-collection time per attempt, and the heap each ended call costs
 * while users' histories hold it. Figures that socket work and the other processes do not blur,
 * so a change to the registry shows in them even on a busy machine.
 */
import { execFileSync } from 'node:child_process';
import { ROOT } from '../lib/procs.js';
import { round, type Summary } from '../lib/stats.js';

interface RegistryFigures {
  cpuPerAttemptUs: number;
  gcMsPer1k: number;
  gcMaxMs: number;
  remembered: number;
  bytesPerRemembered: number;
}

export function runRegistry(summary: Summary): void {
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'bench/registryLoop.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  const figures = JSON.parse(output.trim().split('\n').at(-1)!) as RegistryFigures;
  summary.add('registry-cpu-per-attempt', round(figures.cpuPerAttemptUs, 2), 'µs (the registry alone: validation, call, events, history)');
  summary.add('registry-gc-per-1k-attempts', round(figures.gcMsPer1k, 2), 'ms');
  summary.add('registry-gc-max-pause', round(figures.gcMaxMs, 1), 'ms');
  summary.add('registry-bytes-per-remembered-call', round(figures.bytesPerRemembered), `bytes (${figures.remembered} ended calls in 51 users' histories)`);
}
