/**
 * axe (WCAG 2.1 A and AA, and axe's best practices) on each state a person meets: signed in and
 * idle, several calls ringing, a call connected with others ringing, and the caller's side.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { dial, expect, incoming, test } from './support/fixtures.js';

async function expectNoViolations(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const found = violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(found, `axe violations ${state}`).toEqual([]);
}

test('axe finds no violation while idle, with calls ringing, in a call, and calling', async ({ switchboard }) => {
  const { alice, bob, carol, dave } = await switchboard.start({ alice: {}, bob: {}, carol: {}, dave: {} });
  await expectNoViolations(bob, 'while idle');

  await dial(alice, 'bob');
  await dial(carol, 'bob');
  await dial(dave, 'bob');
  await expect(incoming(bob, 'dave')).toBeVisible();
  await expectNoViolations(bob, 'with three calls ringing');
  await expectNoViolations(alice, 'while calling');

  await incoming(bob, 'alice').getByRole('button', { name: 'Accept call from alice' }).click();
  await expect(bob.getByRole('region', { name: 'Call with alice' })).toBeVisible();
  await expectNoViolations(bob, 'in a call with two ringing');
  await expect(alice.getByRole('region', { name: 'Call with bob' })).toBeVisible();
  await expectNoViolations(alice, 'in a call');
});
