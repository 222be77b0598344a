/**
 * The desktop release workflow (.github/workflows/desktop.yml), checked here where it cannot
 * run: it passes a GitHub Actions workflow validator (@action-validator/cli, from npm, which
 * checks against the workflow JSON schema offline), and it keeps the promises the README makes
 * about it, above all that it runs the same test command as .ci/run, with the desktop specs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { releaseNotes } from './release-notes.mjs';

const require = createRequire(import.meta.url);
const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const WORKFLOW_PATH = '.github/workflows/desktop.yml';
const text = read(WORKFLOW_PATH);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  permissions?: Record<string, string>;
  if?: string;
  needs?: string;
  strategy?: { matrix: { include: Array<Record<string, string>> } };
  steps: Step[];
}
const workflow = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };
const build = workflow.jobs.build!;
const release = workflow.jobs.release!;
const runs = (job: Job): string[] => job.steps.flatMap((step) => (step.run ? [step.run] : []));

/** Runs the validator's CLI (JavaScript and WebAssembly: no download) on `file`. */
function validate(file: string): { status: number | null; output: string } {
  const cli = join(require.resolve('@action-validator/cli/package.json'), '..', 'cli.mjs');
  const result = spawnSync(process.execPath, [cli, file], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('.github/workflows/desktop.yml', () => {
  it('passes the workflow validator, which does refuse a broken workflow', () => {
    const checked = validate(WORKFLOW_PATH);
    expect(checked.output).toBe('');
    expect(checked.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-workflow-'));
    try {
      const broken = join(dir, 'broken.yml');
      writeFileSync(broken, text.replace('runs-on: ${{ matrix.os }}', 'runs-onn: ${{ matrix.os }}'));
      const refused = validate(broken);
      expect(refused.status).not.toBe(0);
      expect(refused.output).toContain("Additional property 'runs-onn' is not allowed");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the same test command as .ci/run, under Xvfb on Linux, with the Electron binary fetched first', () => {
    const ciCommand = read('.ci/run').trim().split('\n').at(-1)!;
    expect(ciCommand).toBe('npm test');
    const steps = build.steps;
    const fetch = steps.findIndex((step) => step.run === 'node node_modules/electron/install.js');
    const linux = steps.findIndex((step) => step.run === `xvfb-run --auto-servernum ${ciCommand}` && step.if === "runner.os == 'Linux'");
    const others = steps.findIndex((step) => step.run === ciCommand && step.if === "runner.os != 'Linux'");
    expect([fetch, linux, others].every((index) => index >= 0)).toBe(true);
    expect(fetch).toBeLessThan(Math.min(linux, others));
  });

  it('runs the desktop specs: npm test includes e2e/electron, and the packaged app is started on every system', async () => {
    const { default: config } = await import('../playwright.config.js');
    expect(config.testDir).toBe('./e2e');
    const packaged = build.steps.filter((step) => step.run?.endsWith('npx playwright test e2e/electron/packaged.spec.ts'));
    expect(packaged.map((step) => step.if)).toEqual(["runner.os == 'Linux'", "runner.os != 'Linux'"]);
    for (const step of packaged) expect(step.env).toEqual({ SWITCHBOARD_PACKAGED_APP: '${{ matrix.packaged }}' });
    const dist = build.steps.findIndex((step) => step.run?.startsWith('npm run dist -- ${{ matrix.dist }} --publish never'));
    expect(dist).toBeGreaterThan(-1);
    expect(dist).toBeLessThan(build.steps.indexOf(packaged[0]!));
  });

  it('builds on Linux, Windows and macOS: AppImage and deb, NSIS, dmg', () => {
    const matrix = build.strategy!.matrix.include;
    expect(matrix.map((entry) => [entry.os, entry.dist])).toEqual([
      ['ubuntu-latest', '--linux AppImage deb'],
      ['windows-latest', '--win nsis'],
      ['macos-latest', '--mac dmg zip'],
    ]);
    expect(build['runs-on']).toBe('${{ matrix.os }}');
  });

  it('runs on pushes and tags; only a v* tag makes a draft release, from the installers and the update feed files', () => {
    expect(workflow.on).toMatchObject({ push: { tags: ['v*'] } });
    expect(release).toMatchObject({ needs: 'build', if: "startsWith(github.ref, 'refs/tags/v')" });
    const upload = build.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@') && step.with?.name === 'installers-${{ runner.os }}');
    expect((upload?.with?.path ?? '').split('\n').filter(Boolean)).toEqual(
      expect.arrayContaining(['release/*.AppImage', 'release/*.deb', 'release/*.exe', 'release/*.dmg', 'release/*.zip', 'release/*.blockmap', 'release/latest*.yml']),
    );
    expect(runs(release).some((run) => run.startsWith('gh release create "$GITHUB_REF_NAME" --draft'))).toBe(true);
    expect(runs(release)).toContain('node scripts/release-notes.mjs "${GITHUB_REF_NAME#v}" > release-notes.md');
  });

  it('pins every action to a full commit SHA, with its tag beside it', () => {
    const uses = [...text.matchAll(/uses: (\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, action, comment] of uses) {
      expect(action, action).toMatch(/^[\w-]+\/[\w-]+@[0-9a-f]{40}$/);
      expect(comment, action).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
  });

  it('asks for least privilege: read-only by default, contents: write for the release job only, no credentials left in checkouts', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(build.permissions).toBeUndefined();
    expect(release.permissions).toEqual({ contents: 'write' });
    for (const job of [build, release]) {
      for (const step of job.steps.filter((step) => step.uses?.startsWith('actions/checkout@'))) expect(step.with?.['persist-credentials']).toBe(false);
    }
  });

  it('keys its caches on the lockfile', () => {
    const setupNode = build.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with).toMatchObject({ cache: 'npm', 'cache-dependency-path': 'package-lock.json' });
    const cache = build.steps.find((step) => step.uses?.startsWith('actions/cache@'));
    expect(cache?.with?.key).toContain("hashFiles('package-lock.json')");
  });

  it('signs and notarizes from secrets when present, and says why not when absent', () => {
    const dist = build.steps.find((step) => step.name === 'Build the installers')!;
    expect(Object.keys(dist.env ?? {}).sort()).toEqual(['APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_ID', 'APPLE_TEAM_ID', 'CSC_KEY_PASSWORD', 'CSC_LINK']);
    for (const [name, value] of Object.entries(dist.env ?? {})) expect(value).toBe(`\${{ secrets.${name} }}`);
    const signing = build.steps.find((step) => step.name === 'Signing and notarization')!;
    expect(signing.run).toContain('::notice::Not signing');
    expect(signing.run).toContain('::notice::Not notarizing');
    expect(signing.run).toContain('CSC_IDENTITY_AUTO_DISCOVERY=false');
  });

  it("takes the .deb's homepage and maintainer from the repository, and no placeholder address is left", () => {
    const identity = build.steps.find((step) => step.name === 'Package identity')!;
    expect(identity.run).toContain('SWITCHBOARD_HOMEPAGE=${{ github.server_url }}/${{ github.repository }}');
    expect(identity.env).toEqual({ DEB_MAINTAINER: '${{ vars.DEB_MAINTAINER }}' });
    const dist = build.steps.find((step) => step.name === 'Build the installers')!;
    expect(dist.run).toContain('"--config.extraMetadata.homepage=$SWITCHBOARD_HOMEPAGE"');
    expect(dist.run).toContain('"--config.linux.maintainer=$SWITCHBOARD_MAINTAINER"');
    for (const file of ['package.json', 'electron-builder.yml', WORKFLOW_PATH]) expect(read(file), file).not.toMatch(/example\.(org|com)/);
    expect((JSON.parse(read('package.json')) as { homepage?: string }).homepage).toBeUndefined();
  });
});

describe('release notes', () => {
  it("are the version's section of CHANGELOG.md, and there is one for the current version", () => {
    const { version } = JSON.parse(read('package.json')) as { version: string };
    const notes = releaseNotes(read('CHANGELOG.md'), version);
    expect(notes).toMatch(/^### /);
    expect(notes).not.toContain('## [');
  });

  it('are null for a version the changelog does not have', () => {
    expect(releaseNotes('# Changelog\n\n## [0.1.0] - 2026-01-01\n\n- first\n', '0.2.0')).toBeNull();
    expect(releaseNotes('## [0.2.0]\n\n- two\n\n## [0.1.0]\n\n- one\n', '0.2.0')).toBe('- two');
  });
});
