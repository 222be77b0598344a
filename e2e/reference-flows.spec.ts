/**
 * The reference flows (docs/zim-semantics.md, "Reference flows") with four people:
 * bob's incoming limit is 2; alice and carol ring through, dave is turned away as busy.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dial, expect, incoming, lineCounter, test } from './support/fixtures.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

test('under the limit calls ring in stacked windows; over it the caller gets a busy notice and a free line', async ({ switchboard }) => {
  const { alice, bob, carol, dave } = await switchboard.start({
    alice: {},
    bob: { incomingLimit: 2 },
    carol: {},
    dave: {},
  });

  await expect(lineCounter(bob)).toHaveText('0 of 2 lines');

  // Flow 1: under the limit, each call rings in its own incoming-call window.
  await dial(alice, 'bob');
  await expect(alice.getByRole('region', { name: 'Calling bob' })).toBeVisible();
  await expect(incoming(bob, 'alice')).toBeVisible();
  await expect(lineCounter(bob)).toHaveText('1 of 2 lines');

  await dial(carol, 'bob');
  await expect(incoming(bob, 'carol')).toBeVisible();
  await expect(lineCounter(bob)).toHaveText('2 of 2 lines');
  // Queued in the window's layout, whoever waited longest first.
  const queue = bob.getByRole('region', { name: 'Incoming calls', exact: true }).getByRole('dialog');
  await expect(queue.nth(0)).toHaveAccessibleName('Incoming call from alice');
  await expect(queue.nth(1)).toHaveAccessibleName('Incoming call from carol');
  mkdirSync(ARTIFACTS, { recursive: true });
  await bob.screenshot({ path: `${ARTIFACTS}/bob-two-stacked-incoming-calls.png` });

  // Flow 2: at the limit, dave is turned away; bob sees nothing new but a history entry.
  await dial(dave, 'bob');
  await expect(dave.getByRole('alert').filter({ hasText: 'bob is busy — call limit reached' })).toBeVisible();
  await expect(dave.getByRole('region', { name: 'Calling bob' })).toHaveCount(0);
  await expect(lineCounter(dave)).toHaveText('0 of 3 lines');
  await expect(incoming(bob, 'dave')).toHaveCount(0);
  await expect(bob.getByRole('dialog')).toHaveCount(2);
  await expect(bob.getByText('turned away: line limit')).toBeVisible();

  // Bob declines alice: a line frees, and dave's next call rings through.
  await incoming(bob, 'alice').getByRole('button', { name: 'Decline' }).click();
  await expect(incoming(bob, 'alice')).toHaveCount(0);
  await expect(lineCounter(bob)).toHaveText('1 of 2 lines');
  await expect(alice.getByRole('region', { name: 'Calling bob' })).toHaveCount(0);
  await expect(lineCounter(alice)).toHaveText('0 of 3 lines');

  await dial(dave, 'bob');
  await expect(incoming(bob, 'dave')).toBeVisible();
  await expect(dave.getByRole('region', { name: 'Calling bob' })).toBeVisible();
  await expect(lineCounter(bob)).toHaveText('2 of 2 lines');
});

test('simultaneous callers to a callee one below the limit: exactly one rings', async ({ switchboard }) => {
  const { alice, bob, carol, dave } = await switchboard.start({
    alice: {},
    bob: { incomingLimit: 2 },
    carol: {},
    dave: {},
  });
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  await expect(bob.getByRole('region', { name: 'Call with alice' })).toBeVisible();
  await expect(lineCounter(bob)).toHaveText('1 of 2 lines');

  await Promise.all([dial(carol, 'bob'), dial(dave, 'bob')]);

  const busyNotice = (page: typeof carol) => page.getByRole('alert').filter({ hasText: 'bob is busy' });
  await expect(async () => {
    const rung = (await incoming(bob, 'carol').count()) + (await incoming(bob, 'dave').count());
    const refused = (await busyNotice(carol).count()) + (await busyNotice(dave).count());
    expect([rung, refused]).toEqual([1, 1]);
  }).toPass();
  await expect(bob.getByRole('dialog')).toHaveCount(1);
  await expect(lineCounter(bob)).toHaveText('2 of 2 lines');
});
