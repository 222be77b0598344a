/**
 * One person signed in on two devices: whatever one device does with an invitation, the other
 * stops ringing and says why, so no call rings on where it can no longer be answered.
 */
import { dial, expect, incoming, lineCounter, test } from './support/fixtures.js';

test('a group call one device turns away at its line limit stops ringing on the other, and the caller waits in its Callbacks', async ({ switchboard }) => {
  const { ann, bob, bobLaptop, carol, dee } = await switchboard.start({
    ann: {},
    bob: { incomingLimit: 1 },
    bobLaptop: { deviceOf: 'bob' },
    carol: {},
    dee: {},
  });

  // dee's call takes bob's desk's only line; the laptop answers nothing meanwhile.
  await dial(dee, 'bob');
  await expect(incoming(bob, 'dee')).toBeVisible();
  await incoming(bob, 'dee').getByRole('button', { name: 'Accept' }).click();
  await expect(lineCounter(bob)).toHaveText('1 of 1 lines');
  await expect(incoming(bobLaptop, 'dee')).toHaveCount(0);

  // The desk, at its limit, turns ann's group call away; the laptop must not go on ringing.
  await dial(ann, 'bob, carol');
  await expect(incoming(carol, 'ann')).toBeVisible();
  await expect(bob.getByText('turned away: line limit')).toBeVisible();
  const history = bobLaptop.getByRole('region', { name: 'History' });
  await expect(history.getByRole('listitem').filter({ hasText: 'turned away: line limit, on another device' })).toBeVisible();
  await expect(incoming(bobLaptop, 'ann')).toHaveCount(0);
  await expect(bobLaptop.getByRole('dialog')).toHaveCount(0);
  await expect(lineCounter(bobLaptop)).toHaveText(/^0 of \d+ lines$/);
  const callbacks = bobLaptop.getByRole('region', { name: 'Callbacks' });
  await expect(callbacks.getByRole('button', { name: 'Call back ann', exact: true })).toBeVisible();
});
