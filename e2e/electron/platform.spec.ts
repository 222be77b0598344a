/**
 * What differs between systems and set-ups, in the real app: cards placed from a minimized main
 * window, cards on displays of different scale factors, and Ctrl+C on `npm start` ending calls as
 * Quit does. Each test says why it skips where its set-up is missing.
 */
import { dial, lineCounter } from '../support/fixtures.js';
import { ELECTRON, expect, test, visibleWindows, type WindowInfo } from './fixtures.js';

test.skip(ELECTRON.skip !== null, ELECTRON.skip ?? '');

const cards = (windows: WindowInfo[]): WindowInfo[] => windows.filter((window) => window.title.startsWith('Incoming call from '));
const inside = (rect: WindowInfo['bounds'], area: WindowInfo['bounds']): boolean =>
  rect.x >= area.x && rect.y >= area.y && rect.x + rect.width <= area.x + area.width && rect.y + rect.height <= area.y + area.height;

test('with the main window minimized, cards still stack on its display\'s work area', async ({ desktop }) => {
  const bob = await desktop.launch('bob');
  await bob.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((window) => window.getTitle() === 'Switchboard')?.minimize());
  await expect.poll(() => bob.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().some((window) => window.isMinimized()))).toBe(true);
  const area = await bob.evaluate(({ BrowserWindow, screen }) => {
    const main = BrowserWindow.getAllWindows().find((window) => window.getTitle() === 'Switchboard')!;
    return screen.getDisplayMatching(main.getNormalBounds()).workArea;
  });
  const { alice } = await desktop.callers('alice');
  await dial(alice, 'bob');
  await expect.poll(async () => cards(await visibleWindows(bob)).length).toBe(1);
  const [card] = cards(await visibleWindows(bob));
  expect(inside(card!.bounds, area), `${JSON.stringify(card!.bounds)} in ${JSON.stringify(area)}`).toBe(true);
});

test('on displays of different scale factors, cards follow the main window and fit each work area', async ({ desktop }) => {
  const bob = await desktop.launch('bob');
  const displays = await bob.evaluate(({ screen }) => screen.getAllDisplays().map((display) => ({ workArea: display.workArea, scaleFactor: display.scaleFactor })));
  test.skip(new Set(displays.map((display) => display.scaleFactor)).size < 2, `needs two displays of different scale factors; this machine has ${displays.length} (${displays.map((d) => d.scaleFactor).join(', ')})`);
  const { alice } = await desktop.callers('alice');
  for (const display of displays) {
    await bob.evaluate(({ BrowserWindow }, area) => {
      BrowserWindow.getAllWindows().find((window) => window.getTitle() === 'Switchboard')?.setBounds({ x: area.x + 20, y: area.y + 20, width: 800, height: 600 });
    }, display.workArea);
    await dial(alice, 'bob');
    await expect.poll(async () => cards(await visibleWindows(bob)).length).toBe(1);
    const [card] = cards(await visibleWindows(bob));
    expect(inside(card!.bounds, display.workArea), `scale ${display.scaleFactor}: ${JSON.stringify(card!.bounds)} in ${JSON.stringify(display.workArea)}`).toBe(true);
    await alice.getByRole('region', { name: 'Calling bob' }).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(async () => cards(await visibleWindows(bob)).length).toBe(0);
  }
});

test('Ctrl+C on `npm start` exits cleanly, leaving the ringing call to ring on at bob\'s other devices', async ({ desktop }) => {
  test.skip(process.platform === 'win32', 'a console Ctrl+C cannot be sent from Node on Windows (it has no SIGINT to send): press Ctrl+C in `npm start` by hand');
  const bob = await desktop.spawnApp('bob', [process.execPath, 'scripts/start.mjs']);
  await expect(lineCounter(bob.main)).toHaveText('0 of 3 lines');
  const { alice } = await desktop.callers('alice');
  await dial(alice, 'bob');
  await expect(lineCounter(bob.main)).toHaveText('1 of 3 lines');

  // What a terminal does on Ctrl+C: SIGINT to the whole foreground process group.
  const exited = new Promise<number | null>((resolve) => bob.child.once('exit', (code) => resolve(code)));
  process.kill(-bob.child.pid!, 'SIGINT');
  expect(await exited).toBe(0);
  await expect(alice.getByText('bob is offline; still ringing until they come back or the call times out')).toBeVisible();
});
