/**
 * Priority callers, kept in Settings: their calls ring through do not disturb and full lines,
 * marked "Priority call"; everyone else is still turned away.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dial, expect, incoming, lineCounter, test } from './support/fixtures.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

test('a priority caller rings through do not disturb and a full line, marked as such; others are turned away', async ({ switchboard }) => {
  const { bob, carol, supervisor, dave } = await switchboard.start({ bob: { incomingLimit: 1 }, carol: {}, supervisor: {}, dave: {} });
  mkdirSync(ARTIFACTS, { recursive: true });
  await bob.getByRole('button', { name: 'Settings' }).click();
  const settings = bob.getByRole('dialog', { name: 'Settings' });
  const priority = settings.getByRole('region', { name: 'Priority callers' });
  await priority.getByRole('textbox', { name: 'Priority caller to add' }).fill('supervisor');
  await priority.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(priority.getByRole('list', { name: 'Priority callers' }).getByRole('listitem')).toHaveText([/supervisor/]);
  await expect(priority.getByRole('button', { name: 'Remove supervisor from priority callers' })).toBeVisible();
  await settings.getByRole('checkbox', { name: 'Do not disturb' }).check();
  await bob.keyboard.press('Escape');

  await dial(carol, 'bob');
  await expect(carol.getByRole('alert').filter({ hasText: 'bob is busy' })).toBeVisible();
  await expect(incoming(bob, 'carol')).toHaveCount(0);
  await dial(supervisor, 'bob');
  const card = incoming(bob, 'supervisor');
  await expect(card).toBeVisible();
  await expect(card).toHaveAccessibleDescription('Priority call');
  // Screen readers hear it as a priority call too.
  await expect(bob.locator('[aria-live]').getByText('Priority call from supervisor')).toBeAttached();

  // Out of do not disturb, bob's one line is the priority call's: dave is turned away as usual.
  await bob.getByRole('button', { name: 'Settings' }).click();
  await settings.getByRole('checkbox', { name: 'Do not disturb' }).uncheck();
  await bob.keyboard.press('Escape');
  await dial(dave, 'bob');
  await expect(dave.getByRole('alert').filter({ hasText: 'bob is busy' })).toBeVisible();
  await expect(lineCounter(bob)).toHaveText(/1 of 1 lines/);
  for (const width of [400, 1440]) {
    await bob.setViewportSize({ width, height: 900 });
    await bob.screenshot({ path: `${ARTIFACTS}/priority-call-${width}.png`, fullPage: true });
  }
});
