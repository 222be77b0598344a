/**
 * The global shortcuts in the real app: held only while a call rings, and pressing the accept
 * shortcut accepts the newest ringing call. Pressing a key system-wide needs xdotool (Linux, under
 * xvfb-run); without it only the registration is checked, and the reason is printed.
 */
import { spawnSync } from 'node:child_process';
import { dial } from '../support/fixtures.js';
import { ELECTRON, expect, test } from './fixtures.js';

test.skip(ELECTRON.skip !== null, ELECTRON.skip ?? '');

const XDOTOOL = process.platform === 'linux' && spawnSync('xdotool', ['version'], { stdio: 'ignore' }).status === 0;

test('the shortcuts are registered only while a call rings', async ({ desktop }) => {
  const bob = await desktop.launch('bob');
  const registered = () =>
    bob.evaluate(({ globalShortcut }) => ['CommandOrControl+Shift+A', 'CommandOrControl+Shift+D'].map((accelerator) => globalShortcut.isRegistered(accelerator)));
  expect(await registered()).toEqual([false, false]);
  const { alice } = await desktop.callers('alice');
  await dial(alice, 'bob');
  await expect.poll(registered).toEqual([true, true]);
  await alice.getByRole('region', { name: 'Calling bob' }).getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(registered).toEqual([false, false]);
});

test('Ctrl+Shift+A pressed anywhere accepts the newest ringing call', async ({ desktop }) => {
  test.skip(!XDOTOOL, 'pressing a key system-wide needs xdotool on Linux (apt install xdotool)');
  const bob = await desktop.launch('bob');
  const { alice } = await desktop.callers('alice');
  await dial(alice, 'bob');
  await expect.poll(() => bob.evaluate(({ globalShortcut }) => globalShortcut.isRegistered('CommandOrControl+Shift+A'))).toBe(true);
  expect(spawnSync('xdotool', ['key', 'ctrl+shift+a']).status).toBe(0);
  await expect(alice.getByRole('region', { name: 'Call with bob' })).toBeVisible();
});
