/**
 * The security settings of every window the real app opens (main, cards, "+N more"): context
 * isolation, sandbox, no Node; and a page that tries to navigate away or open a window is refused.
 */
import { dial } from '../support/fixtures.js';
import { ELECTRON, expect, test } from './fixtures.js';

test.skip(ELECTRON.skip !== null, ELECTRON.skip ?? '');

test('every window is isolated, sandboxed and without Node; navigation and new windows are refused', async ({ desktop }) => {
  const bob = await desktop.launch('bob', ['--incoming-limit', '8']);
  const main = await bob.firstWindow();
  const callers = await desktop.callers('alice', 'carol', 'dave', 'erin', 'frank', 'grace');
  for (const page of Object.values(callers)) await dial(page, 'bob');
  await expect.poll(() => bob.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(7);

  const preferences = await bob.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((window) => {
      // Undocumented, but the only way to read back what a window was created with.
      const contents = window.webContents as unknown as { getLastWebPreferences?(): Electron.WebPreferences | null };
      if (!contents.getLastWebPreferences) throw new Error('this Electron has no webContents.getLastWebPreferences(): check the windows another way');
      const prefs = contents.getLastWebPreferences();
      return { title: window.getTitle(), contextIsolation: prefs?.contextIsolation, sandbox: prefs?.sandbox, nodeIntegration: prefs?.nodeIntegration, webviewTag: prefs?.webviewTag };
    }),
  );
  for (const window of preferences) expect(window, window.title).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });

  // The page has no Node and no ipcRenderer: only the preload's narrow API.
  expect(await main.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
  expect(await main.evaluate(() => Object.keys((globalThis as unknown as { softphone: object }).softphone).sort())).toEqual(['command', 'getState', 'onState']);

  const before = main.url();
  await main.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
  });
  await main.evaluate(() => (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/'));
  await main.waitForTimeout(1_000);
  expect(main.url()).toBe(before);
  expect(await bob.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(7);
});
