/** One instance per profile: starting the app again brings the running one forward. */
import { ELECTRON, expect, test, visibleWindows } from './fixtures.js';

test.skip(ELECTRON.skip !== null, ELECTRON.skip ?? '');

test('closing the main window keeps the app in the tray; a second start shows it again and exits', async ({ desktop }) => {
  const bob = await desktop.launch('bob');
  await expect.poll(async () => (await visibleWindows(bob)).map((window) => window.title)).toContain('Switchboard');
  await bob.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((window) => window.getTitle() === 'Switchboard')?.close());
  await expect.poll(async () => (await visibleWindows(bob)).length).toBe(0);

  expect(await desktop.startAgain(bob)).toBe(0);
  await expect.poll(async () => (await visibleWindows(bob)).map((window) => window.title)).toContain('Switchboard');
});
