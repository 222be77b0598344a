import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge, scan, type Finding } from './electronegativity.mjs';

const finding = (severity: Finding['severity'], id = 'SOME_CHECK'): Finding => ({
  id,
  severity,
  confidence: 'FIRM',
  file: 'desktop/windows.ts',
  line: 15,
  column: 19,
  description: 'what is wrong',
});

describe('judge', () => {
  it('fails on HIGH and MEDIUM findings, naming check, place and confidence', () => {
    const { failures, notes } = judge({ issues: [finding('HIGH', 'CONTEXT_ISOLATION_JS_CHECK'), finding('MEDIUM'), finding('LOW'), finding('INFORMATIONAL')], errors: [] });
    expect(failures).toEqual([
      'HIGH CONTEXT_ISOLATION_JS_CHECK at desktop/windows.ts:15:19 (FIRM): what is wrong',
      'MEDIUM SOME_CHECK at desktop/windows.ts:15:19 (FIRM): what is wrong',
    ]);
    expect(notes).toHaveLength(2);
  });

  it('fails on a file that could not be parsed, since nothing in it was checked', () => {
    const { failures, notes } = judge({
      issues: [],
      errors: [
        { file: 'desktop/broken.ts', message: 'Unexpected token (1:10)', tolerable: false },
        { file: 'desktop/odd.ts', message: 'a parser warning', tolerable: true },
      ],
    });
    expect(failures).toEqual(['desktop/broken.ts could not be parsed, so it was not checked: Unexpected token (1:10)']);
    expect(notes).toEqual(['desktop/odd.ts: a parser warning']);
  });

  it('passes when only LOW and INFORMATIONAL findings remain', () => {
    expect(judge({ issues: [finding('LOW')], errors: [] }).failures).toEqual([]);
  });
});

describe('scan', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-eng-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds what electronegativity finds in a careless window, and judge fails it', async () => {
    await writeFile(join(dir, 'careless.ts'), "const w = new BrowserWindow({ webPreferences: { contextIsolation: false } });\nw.loadURL('https://example.com');\n");
    const result = await scan(dir);
    expect(result.issues.map((issue) => issue.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
    expect(judge(result).failures.length).toBeGreaterThan(0);
  }, 30_000);

  it('reports a file it cannot parse instead of skipping it', async () => {
    await writeFile(join(dir, 'careless.ts'), 'const broken = ;\n');
    const result = await scan(dir);
    expect(result.errors).toEqual([expect.objectContaining({ file: expect.stringContaining('careless.ts'), tolerable: false })]);
    expect(judge(result).failures[0]).toMatch(/careless\.ts could not be parsed/);
  }, 30_000);
});
