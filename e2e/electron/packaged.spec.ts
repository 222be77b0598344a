/**
 * The packaged app, as `npm run dist` builds it, started as a user starts it. What only packaging
 * can break: the ESM main importing ws and zego-zim-web by name from inside app.asar (zod is in
 * the bundle: scripts/bundled.mjs), the
 * pages read from app.asar (appProtocol.ts uses fs/promises there), and module scripts served
 * over app://. Where it runs: after `npm run dist`, with SWITCHBOARD_PACKAGED_APP set (the
 * release workflow does this on each system).
 */
import { dial, incoming, lineCounter } from '../support/fixtures.js';
import { ELECTRON, expect, PACKAGED, test } from './fixtures.js';

test.skip(ELECTRON.skip !== null || PACKAGED.skip !== null, ELECTRON.skip ?? PACKAGED.skip ?? '');

test('the packaged app starts, renders its page from app.asar with module scripts, and answers a call over the hub', async ({ desktop }) => {
  const bob = await desktop.spawnApp('bob', [PACKAGED.path!]);
  const errors: string[] = [];
  bob.main.on('pageerror', (error) => errors.push(error.message));
  // The page's module script ran and the main process reached the hub (ws from app.asar).
  await expect(lineCounter(bob.main)).toHaveText('0 of 3 lines');
  const scripts = await bob.main.evaluate(() => {
    // The page's globals, typed here: this project type-checks tests without the DOM library.
    const { document } = globalThis as unknown as { document: { querySelectorAll(selector: string): ArrayLike<{ type: string }> } };
    return Array.from(document.querySelectorAll('script'), (script) => script.type);
  });
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.every((type) => type === 'module')).toBe(true);

  const { alice } = await desktop.callers('alice');
  await dial(alice, 'bob');
  await incoming(bob.main, 'alice').getByRole('button', { name: 'Accept' }).click();
  await expect(alice.getByRole('region', { name: 'Call with bob' })).toBeVisible();
  expect(errors).toEqual([]);
  expect(bob.log()).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
});
