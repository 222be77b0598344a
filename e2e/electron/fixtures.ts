/**
 * The `desktop` fixture: a hub, browser-mode softphones for the callers, and the Electron app
 * itself for the person called, each with a data directory of its own. The app runs only where
 * an Electron binary is (a download, or ELECTRON_OVERRIDE_DIST_PATH) and a display to show it
 * on; elsewhere every test in these files is skipped with the reason.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, chromium, test as base, expect, type Browser, type ElectronApplication, type Page } from '@playwright/test';
import { locateElectron, OVERRIDE_ENV } from '../../scripts/electron-binary.mjs';
import { machineProbe, platformSwitches } from '../../scripts/platform-switches.mjs';
import { freePort, spawnHub, spawnPhone, testEnvironment, type Spawned } from '../support/processes.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

function findElectron(): { path: string; skip: null } | { path: null; skip: string } {
  const found = locateElectron({
    electronDir: dirname(require.resolve('electron/package.json')),
    env: process.env,
    platform: process.platform,
    readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
    exists: existsSync,
  });
  if (!found.ok) return { path: null, skip: `needs an Electron binary, and ${found.reason}; set ${OVERRIDE_ENV} to an unpacked Electron` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { path: null, skip: 'needs a display for Electron: run under xvfb-run' };
  }
  return { path: found.path, skip: null };
}

export const ELECTRON = findElectron();
// Once per worker: Playwright's list reporter shows that a test skipped, not why.
if (ELECTRON.skip !== null) process.stderr.write(`e2e/electron: skipping the desktop app's tests: ${ELECTRON.skip}\n`);

/**
 * The switches `npm start` would add here (scripts/platform-switches.mjs): --no-sandbox as root or
 * where Chromium's sandbox cannot run, XWayland under Wayland. Playwright adds --no-sandbox for
 * browsers, not for Electron.
 */
const PLATFORM_ARGS = ELECTRON.path === null ? [] : platformArgs(ELECTRON.path);

function platformArgs(electronPath: string): string[] {
  const { switches, warnings } = platformSwitches(machineProbe(electronPath, []));
  for (const warning of warnings) process.stderr.write(`e2e/electron: ${warning}\n`);
  return switches;
}

/**
 * The packaged app that `npm run dist` unpacked (release/linux-unpacked/switchboard,
 * release/win-unpacked/Switchboard.exe, release/mac…/Switchboard.app/Contents/MacOS/Switchboard),
 * named by SWITCHBOARD_PACKAGED_APP. Its fuses refuse --inspect, so Playwright's _electron cannot
 * drive it; it is run as a user would and its pages are reached over Chromium's DevTools port.
 */
export const PACKAGED_ENV = 'SWITCHBOARD_PACKAGED_APP';
export const PACKAGED: { path: string; skip: null } | { path: null; skip: string } = (() => {
  const path = process.env[PACKAGED_ENV];
  if (!path) return { path: null, skip: `needs the packaged app: run npm run dist, then set ${PACKAGED_ENV} to its unpacked executable` };
  if (!existsSync(path)) return { path: null, skip: `${PACKAGED_ENV} is set, but ${path} does not exist` };
  return { path, skip: null };
})();
if (PACKAGED.skip !== null) process.stderr.write(`e2e/electron: skipping the packaged app's test: ${PACKAGED.skip}\n`);

/** An app started as a user starts it, not through Playwright's _electron. */
export interface SpawnedApp {
  child: ChildProcess;
  /** The main window's page, over the DevTools port. */
  main: Page;
  log(): string;
}

export interface WindowInfo {
  title: string;
  bounds: { x: number; y: number; width: number; height: number };
}

export interface Desktop {
  hubUrl: string;
  /** Starts the Electron app signed in as `user`, with a data directory of its own. */
  launch(user: string, args?: string[]): Promise<ElectronApplication>;
  /** Starts a browser-mode softphone for each caller and opens its page. */
  callers<U extends string>(...users: U[]): Promise<Record<U, Page>>;
  /** Runs the app's executable once more on `app`'s data directory; resolves with its exit code. */
  startAgain(app: ElectronApplication): Promise<number | null>;
  /**
   * Runs `command` (the packaged app, or `node scripts/start.mjs`) signed in as `user` on the
   * test's hub, in a process group of its own, with a data directory of its own.
   */
  spawnApp(user: string, command: readonly string[]): Promise<SpawnedApp>;
}

export const test = base.extend<{ desktop: Desktop }>({
  desktop: async ({ browser }, use, testInfo) => {
    if (ELECTRON.path === null) throw new Error(ELECTRON.skip);
    const executablePath = ELECTRON.path;
    // The app runs the built main and preload; the renderer is built by `npm run test:e2e`.
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts/build-desktop.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build:desktop failed');
    const env = testEnvironment();
    const hub = await spawnHub(env);
    const phones: Spawned[] = [];
    const apps = new Map<ElectronApplication, { dataDir: string; args: string[]; log: string[] }>();
    const contexts: Array<Awaited<ReturnType<Browser['newContext']>>> = [];
    const spawned: SpawnedApp[] = [];
    const connected: Browser[] = [];
    const desktop: Desktop = {
      hubUrl: hub.url,
      async launch(user, args = []) {
        const dataDir = mkdtempSync(join(tmpdir(), `switchboard-desktop-${user}-`));
        const appArgs = ['.', ...PLATFORM_ARGS, '--user', user, '--hub', hub.url, ...args];
        const app = await _electron.launch({ executablePath, args: appArgs, cwd: ROOT, env: { ...env, SWITCHBOARD_DATA_DIR: dataDir } as Record<string, string> });
        const log: string[] = [];
        app.process().stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
        apps.set(app, { dataDir, args: appArgs, log });
        await app.firstWindow();
        return app;
      },
      async callers(...users) {
        const pages = {} as Record<(typeof users)[number], Page>;
        for (const user of users) {
          const phone = await spawnPhone(env, hub.url, user);
          phones.push(phone);
          const context = await browser.newContext();
          contexts.push(context);
          const page = await context.newPage();
          await page.goto(phone.url);
          await expect(page.getByRole('textbox', { name: 'Call user' })).toBeEnabled();
          pages[user] = page;
        }
        return pages;
      },
      async startAgain(app) {
        const launched = apps.get(app);
        if (!launched) throw new Error('startAgain: not an app this fixture launched');
        const second = spawn(executablePath, launched.args, { cwd: ROOT, env: { ...env, SWITCHBOARD_DATA_DIR: launched.dataDir }, stdio: 'ignore' });
        return new Promise((resolve) => second.once('exit', (code) => resolve(code)));
      },
      async spawnApp(user, command) {
        const [program, ...programArgs] = command;
        if (program === undefined) throw new Error('spawnApp: no command');
        const dataDir = mkdtempSync(join(tmpdir(), `switchboard-desktop-${user}-`));
        const port = await freePort();
        // `npm start` decides its switches itself; the packaged app has its own chrome-sandbox.
        const switches = program === process.execPath ? [] : platformArgs(program);
        const args = [...programArgs, ...switches, `--remote-debugging-port=${port}`, '--user', user, '--hub', hub.url];
        const child = spawn(program, args, { cwd: ROOT, env: { ...env, SWITCHBOARD_DATA_DIR: dataDir }, stdio: ['ignore', 'inherit', 'pipe'], detached: process.platform !== 'win32' });
        let log = '';
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
        const app: SpawnedApp = { child, main: undefined as unknown as Page, log: () => log };
        spawned.push(app);
        // `npm start` builds first: the DevTools port opens only once Electron runs.
        const deadline = Date.now() + 120_000;
        let browser: Browser | null = null;
        while (!browser) {
          if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode} before its window showed:\n${log}`);
          if (Date.now() > deadline) throw new Error(`no DevTools port ${port} after 120 s:\n${log}`);
          browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`).catch(() => null);
          if (!browser) await new Promise((resolve) => setTimeout(resolve, 500));
        }
        connected.push(browser);
        const isMain = (page: Page): boolean => page.url().startsWith('app://switchboard/index.html') && !page.url().includes('view=');
        await expect.poll(() => browser.contexts().flatMap((context) => context.pages()).some(isMain), { timeout: 30_000 }).toBe(true);
        app.main = browser.contexts().flatMap((context) => context.pages()).find(isMain)!;
        return app;
      },
    };
    try {
      await use(desktop);
    } finally {
      if (testInfo.status !== testInfo.expectedStatus) {
        for (const [, { log }] of apps) await testInfo.attach('electron.log', { body: log.join('') });
        for (const app of spawned) await testInfo.attach('app.log', { body: app.log() });
        await testInfo.attach('hub.log', { body: hub.log() });
      }
      await Promise.all([...apps.keys()].map((app) => app.close().catch(() => undefined)));
      await Promise.all(connected.map((browser) => browser.close().catch(() => undefined)));
      for (const { child } of spawned) {
        if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
        // The whole group: `npm start` runs Electron as a child of its own.
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      }
      await Promise.all(contexts.map((context) => context.close()));
      await Promise.all(phones.map((phone) => phone.stop()));
      await hub.stop();
    }
  },
});

export { expect };

/** The app's visible windows, as main sees them. */
export function visibleWindows(app: ElectronApplication): Promise<WindowInfo[]> {
  return app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows()
      .filter((window) => window.isVisible())
      .map((window) => ({ title: window.getTitle(), bounds: window.getBounds() })),
  );
}

/** The work area of the primary display, where the stack goes while the main window is on it. */
export function primaryWorkArea(app: ElectronApplication): Promise<WindowInfo['bounds']> {
  return app.evaluate(({ screen }) => screen.getPrimaryDisplay().workArea);
}
