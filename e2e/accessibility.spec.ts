/**
 * axe (WCAG 2.1 A and AA, and axe's best practices) on each state a person meets: signed in and
 * idle, several calls ringing, a call connected with others ringing, the caller's side, and a
 * call muted and put on hold by the other side, and the side that holds it (in light and dark mode).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations as expectNoViolations } from './support/axe.js';
import { dial, expect, incoming, test } from './support/fixtures.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

/** The window at a narrow and a wide size, for people to look at (e2e/artifacts/). */
async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const width of [400, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${ARTIFACTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 900, height: 800 });
}

test('axe finds no violation while idle, with calls ringing, in a call, and calling', async ({ switchboard }) => {
  const { alice, bob, carol, dave } = await switchboard.start({ alice: {}, bob: {}, carol: {}, dave: {} });
  await expectNoViolations(bob, 'while idle');

  // Settings open in a dialog from the header, and Esc gives focus back to the button.
  const settingsButton = bob.getByRole('button', { name: 'Settings' });
  await settingsButton.click();
  const settings = bob.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('checkbox', { name: 'Do not disturb' })).toBeVisible();
  await expectNoViolations(bob, 'with Settings open');
  await screenshots(bob, 'settings-dialog');
  await bob.keyboard.press('Escape');
  await expect(settings).toBeHidden();
  await expect(settingsButton).toBeFocused();

  await dial(alice, 'bob');
  await dial(carol, 'bob');
  await dial(dave, 'bob');
  await expect(incoming(bob, 'dave')).toBeVisible();
  await expectNoViolations(bob, 'with three calls ringing');
  await expectNoViolations(alice, 'while calling');

  await incoming(bob, 'alice').getByRole('button', { name: 'Accept call from alice' }).click();
  await expect(bob.getByRole('region', { name: 'Call with alice' })).toBeVisible();
  await expectNoViolations(bob, 'in a call with two ringing');
  await screenshots(bob, 'board-one-call-two-ringing');
  await expect(alice.getByRole('region', { name: 'Call with bob' })).toBeVisible();
  await expectNoViolations(alice, 'in a call');

  // The call panel's states stay readable in dark mode too: muted, then put on hold by the other side.
  const withAlice = bob.getByRole('region', { name: 'Call with alice' });
  await withAlice.getByRole('button', { name: 'Mute' }).click();
  await expect(withAlice.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await expectNoViolationsInBothSchemes(bob, 'in a muted call');
  await alice.getByRole('region', { name: 'Call with bob' }).getByRole('button', { name: 'Hold' }).click();
  await expect(withAlice.getByText('alice put you on hold')).toBeVisible();
  await expectNoViolationsInBothSchemes(bob, 'muted and put on hold by the other side');
  // The side that holds: Resume first, Hang up outlined beside it.
  await expect(alice.getByRole('region', { name: 'Call with bob' }).getByRole('button', { name: 'Resume' })).toBeVisible();
  await expectNoViolationsInBothSchemes(alice, 'with the call on hold');
});

async function expectNoViolationsInBothSchemes(page: Page, state: string): Promise<void> {
  await expectNoViolations(page, state);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoViolations(page, `${state}, in dark mode`);
  await page.emulateMedia({ colorScheme: 'light' });
}
