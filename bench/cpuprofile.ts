/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time per function, highest first.
 *
 *   npx tsx bench/cpuprofile.ts FILE.cpuprofile [TOP]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT } from './lib/procs.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main one. */
export function profileOrigin(file: string): { pid: number; mainThread: boolean } | null {
  const match = /\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(file);
  return match ? { pid: Number(match[1]), mainThread: match[2] === '0' } : null;
}

export function summariseProfile(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    // tsx's transpiled modules report line 0 for everything; the file is what tells functions apart.
    const where = url ? `${shortUrl(url)}${lineNumber > 0 ? `:${lineNumber + 1}` : ''}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    selfUs.set(key, (selfUs.get(key) ?? 0) + delta);
    total += delta;
  });
  const idle = selfUs.get('(idle)') ?? 0;
  const busy = total - idle;
  const rows = [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  const lines = [`${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s not idle; self time, % of non-idle:`];
  for (const [key, us] of rows) {
    if (key === '(idle)') continue;
    lines.push(`${((us / busy) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`);
  }
  return lines.join('\n');
}

function shortUrl(url: string): string {
  let path = url;
  if (url.startsWith('file://')) path = fileURLToPath(url);
  if (path.startsWith(ROOT)) return relative(ROOT, path);
  const modules = path.lastIndexOf('node_modules/');
  return modules >= 0 ? path.slice(modules + 'node_modules/'.length) : path;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npx tsx bench/cpuprofile.ts FILE.cpuprofile [TOP]');
    process.exit(2);
  }
  console.log(summariseProfile(file, Number(top ?? 25)));
}
