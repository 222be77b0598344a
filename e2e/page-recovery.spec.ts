/**
 * Losing the core: while a browser-mode page is cut off from its softphone process, what it shows
 * is stale and every control is disabled; with a fixed port and a kept key, the page comes back
 * by itself when the process is started again.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { freePort, spawnHub, spawnPhone, spawnReady, testEnvironment, type Spawned } from './support/processes.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));
const PAGE_URL = /^http:\/\/127\.0\.0\.1:\d+\/#key=\S+$/;

/**
 * A hub, and alice's softphone on a fixed port with --keep-key: each start() serves the page at
 * the same URL, as a restarted process does. stop() stops everything started, the hub last.
 */
async function restartableAlice() {
  const env = testEnvironment();
  const hub = await spawnHub(env);
  const args = ['--user', 'alice', '--hub', hub.url, '--port', String(await freePort()), '--keep-key'];
  const started: Spawned[] = [];
  const keep = (spawned: Spawned): Spawned => (started.push(spawned), spawned);
  return {
    start: async (): Promise<Spawned> => keep(await spawnReady('electron/web/cli.ts', args, env, PAGE_URL)),
    /** Another user's softphone on the same hub, stopped with the rest. */
    other: async (user: string): Promise<Spawned> => keep(await spawnPhone(env, hub.url, user)),
    stop: async (): Promise<void> => {
      for (const spawned of started) await spawned.stop();
      await hub.stop();
    },
  };
}

test('a page cut off from its softphone shows it stale and disabled, and recovers on its own after a restart', async ({ page }) => {
  const alice = await restartableAlice();
  try {
    const first = await alice.start();
    await page.goto(first.url);
    const callBox = page.getByRole('textbox', { name: 'Call user' });
    await expect(callBox).toBeEnabled();

    await first.stop();
    await expect(page.getByText('Connection to Switchboard lost — reconnecting…')).toBeVisible();
    await expect(callBox).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeDisabled();
    await expectNoAxeViolations(page, 'while cut off from the softphone');
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const width of [400, 1440]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: `${ARTIFACTS}/stale-${width}.png` });
    }

    const second = await alice.start();
    expect(second.url).toBe(first.url);
    await expect(callBox).toBeEnabled({ timeout: 20_000 });
    await expect(page.getByText('Connection to Switchboard lost — reconnecting…')).toHaveCount(0);
  } finally {
    await alice.stop();
  }
});

test('after a restart, the page shows the new process\'s state, not the one it had before: a new call rings on it', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const alice = await restartableAlice();
  try {
    const first = await alice.start();
    await page.goto(first.url);
    await expect(page.getByRole('textbox', { name: 'Call user' })).toBeEnabled();
    // A while of use: the first process has told the page many states.
    await page.getByRole('button', { name: 'Settings' }).click();
    const dnd = page.getByRole('dialog', { name: 'Settings' }).getByRole('checkbox', { name: 'Do not disturb' });
    for (let turn = 0; turn < 11; turn++) {
      await dnd.click();
      await expect(dnd).toBeChecked({ checked: turn % 2 === 0 });
    }
    await expect(dnd).toBeChecked();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('banner').getByText('Do not disturb')).toBeVisible();

    await first.stop();
    await expect(page.getByText('Connection to Switchboard lost — reconnecting…')).toBeVisible();
    await alice.start();
    await expect(page.getByText('Connection to Switchboard lost — reconnecting…')).toHaveCount(0, { timeout: 20_000 });
    // The new process starts without do not disturb, and bob's call rings.
    await expect(page.getByRole('banner').getByText('Do not disturb')).toHaveCount(0);
    const bob = await alice.other('bob');
    const bobPage = await browser.newPage();
    await bobPage.goto(bob.url);
    await expect(bobPage.getByRole('textbox', { name: 'Call user' })).toBeEnabled();
    await bobPage.getByRole('textbox', { name: 'Call user' }).fill('alice');
    await bobPage.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Incoming call from bob' })).toBeVisible();
  } finally {
    await alice.stop();
  }
});
