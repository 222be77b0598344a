/**
 * Losing the core: while a browser-mode page is cut off from its softphone process, what it shows
 * is stale and every control is disabled; with a fixed port and a kept key, the page comes back
 * by itself when the process is started again.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe.js';
import { freePort, spawnHub, spawnReady, testEnvironment, type Spawned } from './support/processes.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));
const PAGE_URL = /^http:\/\/127\.0\.0\.1:\d+\/#key=\S+$/;

test('a page cut off from its softphone shows it stale and disabled, and recovers on its own after a restart', async ({ page }) => {
  const env = testEnvironment();
  const hub = await spawnHub(env);
  const port = await freePort();
  const args = ['--user', 'alice', '--hub', hub.url, '--port', String(port), '--keep-key'];
  const started: Spawned[] = [];
  try {
    const first = await spawnReady('electron/web/cli.ts', args, env, PAGE_URL);
    started.push(first);
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

    const second = await spawnReady('electron/web/cli.ts', args, env, PAGE_URL);
    started.push(second);
    expect(second.url).toBe(first.url);
    await expect(callBox).toBeEnabled({ timeout: 20_000 });
    await expect(page.getByText('Connection to Switchboard lost — reconnecting…')).toHaveCount(0);
  } finally {
    for (const spawned of started) await spawned.stop();
    await hub.stop();
  }
});
