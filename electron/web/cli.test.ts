/**
 * The command lines of browser mode as a person types them: `--help` answers, and a number out
 * of range is refused before anything starts, naming the flag, with the usage exit code.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'web-cli-')) };
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(process.cwd(), 'electron', 'web', script), ...args], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

describe('npm run web and npm run demo', () => {
  it('answer --help with their usage', async () => {
    const web = await run('cli.ts', ['--help']);
    expect(web).toMatchObject({ code: 0, stderr: '' });
    expect(web.stdout).toMatch(/^usage: npm run web -- --user NAME/);
    const demo = await run('demo.ts', ['--help']);
    expect(demo).toMatchObject({ code: 0, stderr: '' });
    expect(demo.stdout).toMatch(/^usage: npm run demo/);
  });

  it('refuse a limit out of range before starting, naming the flag', async () => {
    const result = await run('cli.ts', ['--user', 'bob', '--incoming-limit', '25']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--incoming-limit must be from 1 to 20, not 25');
    expect(result.stdout).toBe('');
  });

  it('refuse a malformed --hub before starting, naming the flag, with the usage exit code', async () => {
    const result = await run('cli.ts', ['--user', 'bob', '--hub', 'http://127.0.0.1:4000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--hub "http://127.0.0.1:4000": it must start with ws:// or wss://');
    expect(result.stdout).toBe('');
  });

  it('npm run demo refuses --port given twice with different ports, naming both', async () => {
    const result = await run('demo.ts', ['--port', '4780', '--port', '4790']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port is given twice ("4780", then "4790"): give it once');
    expect(result.stdout).toBe('');
  });

  it('npm run demo signs its three in on its own hub with SWITCHBOARD_HUB_FINGERPRINT set, which is for a wss:// hub elsewhere', async () => {
    const env = { ...process.env, SWITCHBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'web-cli-')), SWITCHBOARD_HUB_FINGERPRINT: 'ab'.repeat(32) };
    const demo = spawn(process.execPath, ['--import', 'tsx', join(process.cwd(), 'electron', 'web', 'demo.ts')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not all signed in within 25 s:\n${stderr}`)), 25_000);
        demo.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr += chunk;
          if (['alice', 'bob', 'carol'].every((user) => stderr.includes(`logged in as ${user}`))) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      demo.kill('SIGTERM');
    }
    expect(stderr).not.toContain('not a TLS connection');
  }, 30_000);
});
