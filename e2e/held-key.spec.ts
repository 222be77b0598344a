/**
 * A key held down presses a button once: Hold hands the focus to the call's Resume under "On hold",
 * so a repeat of the same Enter must not resume the call at once, and a repeat on Mute must not
 * unmute it (renderer/src/composables/useHeldKeyGuard.ts).
 */
import type { Page } from '@playwright/test';
import { dial, expect, incoming, test } from './support/fixtures.js';

/** What the spec keeps in the page: the window's keydown events, and what it saw of them. */
interface PageKeys {
  addEventListener(type: 'keydown', listener: (event: { repeat: boolean; defaultPrevented: boolean }) => void): void;
  repeatsKeptOff: boolean[];
}

/** Records, for each repeated keydown, whether the page kept it from pressing the focused button. */
async function watchRepeats(page: Page): Promise<() => Promise<boolean[]>> {
  await page.evaluate(() => {
    const page = globalThis as unknown as PageKeys;
    page.repeatsKeptOff = [];
    // Added after the app's own listener, and in the bubbling phase: it sees what that one decided.
    page.addEventListener('keydown', (event) => {
      if (event.repeat) page.repeatsKeptOff.push(event.defaultPrevented);
    });
  });
  return () => page.evaluate(() => (globalThis as unknown as PageKeys).repeatsKeptOff);
}

test('holding Enter down on Hold puts the call on hold once, and on Mute mutes it once', async ({ switchboard }) => {
  const { alice, bob } = await switchboard.start({ alice: {}, bob: {} });
  const repeats = await watchRepeats(bob);
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept call from alice' }).click();
  const call = bob.getByRole('region', { name: 'Call with alice' });
  const aliceCall = alice.getByRole('region', { name: 'Call with bob' });

  await call.getByRole('button', { name: 'Hold' }).focus();
  await bob.keyboard.down('Enter');
  const resume = call.getByRole('button', { name: 'Resume' });
  await expect(resume).toBeFocused();
  // The key is still down: the keyboard repeats it on the button that now has the focus.
  await bob.keyboard.down('Enter');
  await bob.keyboard.down('Enter');
  await bob.keyboard.up('Enter');
  expect(await repeats()).toEqual([true, true]);
  await expect(call.getByText('On hold')).toBeVisible();
  await expect(aliceCall.getByText('bob put you on hold')).toBeVisible();

  // A new press acts as ever.
  await bob.keyboard.press('Enter');
  await expect(call.getByRole('button', { name: 'Hold' })).toBeFocused();
  await expect(aliceCall.getByText('bob put you on hold')).toHaveCount(0);

  await call.getByRole('button', { name: 'Mute' }).focus();
  await bob.keyboard.down('Enter');
  await expect(call.getByRole('button', { name: 'Unmute' })).toBeFocused();
  await bob.keyboard.down('Enter');
  await bob.keyboard.up('Enter');
  expect(await repeats()).toEqual([true, true, true]);
  await bob.keyboard.press('Enter');
  await expect(call.getByRole('button', { name: 'Mute' })).toBeFocused();
});
