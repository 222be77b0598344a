/** Every way a call ends frees its line on both sides: decline, cancel, timeout, hang-up. */
import { expectNoAxeViolations } from './support/axe.js';
import { dial, expect, incoming, lineCounter, test } from './support/fixtures.js';

test('declining frees the line on both sides', async ({ switchboard }) => {
  const { alice, bob, carol } = await switchboard.start({ alice: {}, bob: {}, carol: {} });
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Decline' }).click();
  await expect(lineCounter(bob)).toHaveText('0 of 3 lines');
  await expect(lineCounter(alice)).toHaveText('0 of 3 lines');
  await expect(alice.getByRole('region', { name: 'Calling bob' })).toHaveCount(0);
  // Where the call was, alice reads how it ended, for a few seconds.
  await expect(alice.getByRole('region', { name: 'Call to bob' })).toHaveText('Call to bobbob declined');
  // A screen reader hears it, with whom, from the window's news region.
  await expect(alice.locator('[aria-live="polite"]').getByText('Call to bob: bob declined', { exact: true })).toBeAttached();
  await expectNoAxeViolations(alice, 'with a call\'s outcome in its place');
  await expect(alice.getByRole('region', { name: 'Call to bob' })).toHaveCount(0, { timeout: 15_000 });
  // The outgoing limit (1) is free again: alice can place the next call.
  await dial(alice, 'carol');
  await expect(incoming(carol, 'alice')).toBeVisible();
});

test('a caller just declined waits before ringing the same person again', async ({ switchboard }) => {
  const { alice, bob } = await switchboard.start({ alice: {}, bob: {} });
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Decline' }).click();
  await expect(lineCounter(alice)).toHaveText('0 of 3 lines');
  await dial(alice, 'bob');
  await expect(alice.getByText('Cannot call bob yet: they turned down a call from you a moment ago', { exact: false })).toBeVisible();
  await expect(lineCounter(alice)).toHaveText('0 of 3 lines');
  await expect(incoming(bob, 'alice')).toHaveCount(0);
  // After the wait (5 s for a first decline) the call rings again.
  await expect(async () => {
    await dial(alice, 'bob');
    await expect(incoming(bob, 'alice')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000, intervals: [1_000] });
});

test('cancelling frees the line on both sides', async ({ switchboard }) => {
  const { alice, bob } = await switchboard.start({ alice: {}, bob: {} });
  await dial(alice, 'bob');
  await expect(incoming(bob, 'alice')).toBeVisible();
  await alice.getByRole('region', { name: 'Calling bob' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(incoming(bob, 'alice')).toHaveCount(0);
  await expect(lineCounter(bob)).toHaveText('0 of 3 lines');
  await expect(lineCounter(alice)).toHaveText('0 of 3 lines');
});

test('an unanswered call times out and frees the line on both sides', async ({ switchboard }) => {
  const { alice, bob } = await switchboard.start({ alice: { callTimeout: 2 }, bob: {} });
  await dial(alice, 'bob');
  await expect(incoming(bob, 'alice')).toBeVisible();
  await expect(incoming(bob, 'alice')).toHaveCount(0, { timeout: 8_000 });
  await expect(lineCounter(bob)).toHaveText('0 of 3 lines');
  await expect(alice.getByRole('region', { name: 'Calling bob' })).toHaveCount(0);
  await expect(lineCounter(alice)).toHaveText('0 of 3 lines');
});

test('hanging up frees the line on both sides, whoever hangs up', async ({ switchboard }) => {
  const { alice, bob } = await switchboard.start({ alice: {}, bob: {} });
  for (const [hangsUp, other, peerOfHangsUp] of [
    [alice, bob, 'bob'],
    [bob, alice, 'alice'],
  ] as const) {
    await dial(alice, 'bob');
    await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
    await expect(alice.getByRole('region', { name: 'Call with bob' })).toBeVisible();
    await expect(bob.getByRole('region', { name: 'Call with alice' })).toBeVisible();
    await expect(lineCounter(bob)).toHaveText('1 of 3 lines');
    await hangsUp.getByRole('region', { name: `Call with ${peerOfHangsUp}` }).getByRole('button', { name: 'Hang up' }).click();
    await expect(other.getByRole('region', { name: /^Call with / })).toHaveCount(0);
    await expect(lineCounter(alice)).toHaveText('0 of 3 lines');
    await expect(lineCounter(bob)).toHaveText('0 of 3 lines');
  }
});

test('calling a user who never signed in looks like calling someone offline, and cancelling frees the line', async ({ switchboard }) => {
  const { alice } = await switchboard.start({ alice: {} });
  await dial(alice, 'zed');
  // The hub does not tell who exists: zed rings like an offline user, holding alice's line.
  await expect(alice.getByText('zed is offline; still ringing until they come back or the call times out')).toBeVisible({ timeout: 15_000 });
  await expect(lineCounter(alice)).toHaveText('1 of 3 lines');
  await alice.getByRole('region', { name: 'Calling zed' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(lineCounter(alice)).toHaveText('0 of 3 lines');
});
