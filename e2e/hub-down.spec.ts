/**
 * A softphone started while its hub is down shows it, keeps retrying, and comes online with the
 * hub; a call the hub's loss cuts, once the reconnect grace is over, says so where it was.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { dial, incoming } from './support/fixtures.js';
import { freePort, spawnHub, spawnPhone, spawnReady, testEnvironment } from './support/processes.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

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

test('a connected call that ends without you ending it says how, where it was: the other side hung up, then the hub went down', async ({ browser }) => {
  test.setTimeout(120_000);
  const env = testEnvironment();
  const hub = await spawnHub(env);
  const phones = [await spawnPhone(env, hub.url, 'alice'), await spawnPhone(env, hub.url, 'bob')];
  try {
    const [alice, bob] = await Promise.all(phones.map(async (phone) => {
      const page = await (await browser.newContext()).newPage();
      await page.goto(phone.url);
      await expect(page.getByRole('textbox', { name: 'Call user' })).toBeEnabled();
      return page;
    }));
    const connect = async (): Promise<void> => {
      await dial(alice!, 'bob');
      await incoming(bob!, 'alice').getByRole('button', { name: 'Accept' }).click();
      await expect(bob!.getByRole('region', { name: 'Call with alice' })).toBeVisible();
    };

    // alice hangs up: bob is told so where the call was; alice, who ended it, is told nothing.
    await connect();
    await alice!.getByRole('region', { name: 'Call with bob' }).getByRole('button', { name: 'Hang up' }).click();
    const ended = bob!.getByRole('region', { name: 'alice: call ended' });
    await expect(ended).toHaveText(/^alice: call endedalice hung up after 0:\d\d$/);
    await expect(bob!.locator('[aria-live="polite"]').getByText(/^alice: call ended: alice hung up after 0:\d\d$/)).toBeAttached();
    await expect(alice!.getByRole('region', { name: 'bob: call ended' })).toHaveCount(0);
    await expect(ended).toHaveCount(0, { timeout: 15_000 });

    // The hub goes down mid-call for good: the call is kept through the reconnect grace (its audio
    // needs no hub), then both sides say the connection was lost, not just drop the call.
    await connect();
    await hub.stop();
    for (const [page, peer] of [[alice!, 'bob'], [bob!, 'alice']] as const) {
      await expect(page.getByRole('region', { name: `Call with ${peer}` }).getByText('The call goes on while Switchboard reconnects')).toBeVisible();
    }
    for (const [page, peer] of [[alice!, 'bob'], [bob!, 'alice']] as const) {
      await expect(page.getByRole('region', { name: `Call with ${peer}` })).toHaveCount(0, { timeout: 40_000 });
      await expect(page.getByRole('region', { name: `${peer}: call ended` })).toHaveText(`${peer}: call endedthe connection was lost`);
    }
    await expect(bob!.getByRole('region', { name: 'Incoming calls' })).toHaveCount(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const width of [400, 1440]) {
      await bob!.setViewportSize({ width, height: 800 });
      await bob!.screenshot({ path: `${ARTIFACTS}/call-ended-hub-down-${width}.png`, fullPage: true });
    }
  } finally {
    await Promise.all(phones.map((phone) => phone.stop()));
    await hub.stop();
  }
});
