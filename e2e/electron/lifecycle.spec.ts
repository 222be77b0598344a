/**
 * Closing and quitting the real app: the tray keeps a call alive after the main window closes,
 * and Quit ends every call properly before the process exits, even with more calls ringing than
 * there are cards (quitting must never open a window, or Electron never finishes).
 */
import type { ElectronApplication } from '@playwright/test';
import { dial, incoming, lineCounter } from '../support/fixtures.js';
import { ELECTRON, expect, test, visibleWindows } from './fixtures.js';

test.skip(ELECTRON.skip !== null, ELECTRON.skip ?? '');

/** Resolves with the exit code once the app's process has ended; fails after `ms`. */
function exited(app: ElectronApplication, ms: number): Promise<number | null> {
  const child = app.process();
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app was still running ${ms} ms after Quit`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

test('closing the main window keeps a connected call; the caller stays in it', async ({ desktop }) => {
  const bob = await desktop.launch('bob');
  const main = await bob.firstWindow();
  const { alice } = await desktop.callers('alice');
  await dial(alice, 'bob');
  await incoming(main, 'alice').getByRole('button', { name: 'Accept' }).click();
  await expect(alice.getByRole('region', { name: 'Call with bob' })).toBeVisible();

  await bob.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((window) => window.getTitle() === 'Switchboard')?.close());
  await expect.poll(async () => (await visibleWindows(bob)).length).toBe(0);
  // Long enough for a dropped connection to have ended the call on alice's side.
  await alice.waitForTimeout(3_000);
  await expect(alice.getByRole('region', { name: 'Call with bob' })).toBeVisible();

  // Listening first: the window may open before startAgain's process has exited.
  const reopening = bob.waitForEvent('window');
  expect(await desktop.startAgain(bob)).toBe(0);
  const reopened = await reopening;
  await expect(reopened.getByRole('region', { name: 'Call with alice' })).toBeVisible();
});

test('Quit hangs up a connected call and leaves a ringing one to ring on at bob\'s other devices, then the process exits', async ({ desktop }) => {
  const bob = await desktop.launch('bob', ['--incoming-limit', '3']);
  const main = await bob.firstWindow();
  const { alice, carol } = await desktop.callers('alice', 'carol');
  await dial(alice, 'bob');
  await incoming(main, 'alice').getByRole('button', { name: 'Accept' }).click();
  await dial(carol, 'bob');
  await expect(lineCounter(main)).toHaveText('2 of 3 lines');

  await bob.evaluate(({ app }) => app.quit());
  expect(await exited(bob, 15_000)).toBe(0);
  await expect(alice.getByRole('region', { name: 'Call with bob' })).toHaveCount(0);
  // Not declined: carol's call rings on until bob is back or it times out, and she is told why.
  await expect(carol.getByRole('region', { name: 'Calling bob' })).toBeVisible();
  await expect(carol.getByText('bob is offline; still ringing until they come back or the call times out')).toBeVisible();
});

test('Quit with eight calls ringing (five cards and "+N more") and one arriving meanwhile still exits', async ({ desktop }) => {
  const bob = await desktop.launch('bob', ['--incoming-limit', '12']);
  const main = await bob.firstWindow();
  const names = ['alice', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'] as const;
  const callers = await desktop.callers(...names);
  for (const [index, name] of names.slice(0, 8).entries()) {
    await dial(callers[name], 'bob');
    await expect(lineCounter(main)).toHaveText(`${index + 1} of 12 lines`);
  }
  await expect.poll(async () => (await visibleWindows(bob)).map((window) => window.title)).toContain('3 more calls ringing');

  await Promise.all([bob.evaluate(({ app }) => app.quit()), dial(callers.judy, 'bob')]);
  expect(await exited(bob, 15_000)).toBe(0);
  // judy's invitation may reach bob before or after he left; the eight ringing ones were not
  // declined: they ring on until bob is back or they time out, and each caller is told why.
  for (const name of names.slice(0, 8)) await expect(callers[name].getByText('bob is offline; still ringing until they come back or the call times out')).toBeVisible();
});
