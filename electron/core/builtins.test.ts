import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

// In a fresh process, as the softphone starts: what its modules make Node load (builtins.ts says why).
function builtinsLoadedBy(modules: string[]): string[] {
  const script = `for (const m of ${JSON.stringify(modules)}) await import(m);
process.stdout.write(JSON.stringify(process.moduleLoadList));`;
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(output) as string[];
}

describe('the softphone and browser mode', () => {
  it('load neither undici nor http2, which an ES import of node:http would', () => {
    const loaded = builtinsLoadedBy(['./electron/core/softphone.ts', './electron/web/server.ts', './electron/web/options.ts']);
    expect(loaded).toContain('NativeModule http');
    expect(loaded.filter((name) => /undici|http2/.test(name))).toEqual([]);
  });
});
