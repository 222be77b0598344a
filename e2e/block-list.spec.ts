/** The block list, edited in Settings: a blocked caller is turned away as busy and the callee never rings. */
import { dial, expect, incoming, lineCounter, test } from './support/fixtures.js';

test('a caller blocked in Settings is turned away as busy; unblocked, they ring again', async ({ switchboard }) => {
  const { bob, mallory } = await switchboard.start({ bob: {}, mallory: {} });
  await bob.getByRole('button', { name: 'Settings' }).click();
  const blockList = bob.getByRole('dialog', { name: 'Settings' }).getByRole('region', { name: 'Blocked callers' });
  await blockList.getByRole('textbox', { name: 'User to block' }).fill('mallory');
  await blockList.getByRole('button', { name: 'Block', exact: true }).click();
  const entries = blockList.getByRole('list', { name: 'Blocked callers' }).getByRole('listitem');
  await expect(entries).toHaveCount(1);
  await expect(entries.getByRole('button', { name: 'Unblock mallory' })).toBeVisible();

  await bob.keyboard.press('Escape');
  await dial(mallory, 'bob');
  await expect(mallory.getByRole('alert').filter({ hasText: 'bob is busy' })).toBeVisible();
  await expect(lineCounter(mallory)).toHaveText('0 of 3 lines');
  await expect(incoming(bob, 'mallory')).toHaveCount(0);

  await bob.getByRole('button', { name: 'Settings' }).click();
  await blockList.getByRole('button', { name: 'Unblock mallory' }).click();
  await expect(blockList.getByText('Nobody is blocked.')).toBeVisible();
  await bob.keyboard.press('Escape');
  await dial(mallory, 'bob');
  await expect(incoming(bob, 'mallory')).toBeVisible();
});
