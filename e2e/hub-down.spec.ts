/** A softphone started while its hub is down shows it, keeps retrying, and comes online with the hub. */
import { expect, test } from '@playwright/test';
import { freePort, spawnPhone, spawnReady, testEnvironment } from './support/processes.js';

test('hub down at start: visible offline state with retries, then online when the hub starts', async ({ page }) => {
  const env = testEnvironment();
  const port = await freePort();
  const phone = await spawnPhone(env, `ws://127.0.0.1:${port}`, 'alice');
  let hub: Awaited<ReturnType<typeof spawnReady>> | null = null;
  try {
    await page.goto(phone.url);
    const status = page.getByRole('status').filter({ hasText: /^Offline — reconnecting in/ });
    await expect(status).toBeVisible();
    await expect(status).toContainText('not reachable (connection refused)');
    await expect(status).toContainText(/reconnecting in \d+ s/);

    hub = await spawnReady('electron/core/hub/cli.ts', ['--port', String(port)], env, /^ws:\/\/127\.0\.0\.1:\d+\/?$/);
    await expect(status).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByRole('textbox', { name: 'Call user' })).toBeEnabled();
  } finally {
    await phone.stop();
    await hub?.stop();
  }
});
