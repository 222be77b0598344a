/**
 * A page slow to answer its softphone's challenge (its main thread busy past the hello's deadline,
 * a tab the browser held back) holds the right key: the softphone drops that socket, but the page
 * must reconnect, not tell the user its key was refused and stop for good.
 */
import { expect, test } from '@playwright/test';
import { spawnHub, spawnPhone, testEnvironment } from './support/processes.js';

/** Longer than the softphone waits for a hello (electron/web/server.ts). */
const HELLO_DELAY_MS = 6_500;

test('a page whose first hello comes too late reconnects and works, and is never told its key was refused', async ({ page }) => {
  const env = testEnvironment();
  const hub = await spawnHub(env);
  const alice = await spawnPhone(env, hub.url, 'alice');
  try {
    let sockets = 0;
    await page.routeWebSocket(/\/ipc$/, (ws) => {
      const server = ws.connectToServer();
      const first = ++sockets === 1;
      server.onMessage((message) => ws.send(message));
      let hello = true;
      ws.onMessage((message) => {
        // The first socket's hello is held past the deadline; everything else goes straight through.
        if (first && hello) setTimeout(() => server.send(message), HELLO_DELAY_MS);
        else server.send(message);
        hello = false;
      });
    });
    await page.goto(alice.url);
    await expect(page.getByRole('textbox', { name: 'Call user' })).toBeEnabled({ timeout: 20_000 });
    expect(sockets).toBeGreaterThanOrEqual(2);
    await expect(page.getByText('refused this page’s key')).toHaveCount(0);
  } finally {
    await alice.stop();
    await hub.stop();
  }
});
