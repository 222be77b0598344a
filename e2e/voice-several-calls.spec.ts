/**
 * Several calls at once, with voice: answering a second call holds the first and moves the audio
 * to the new one, Resume swaps back, a group of three hears both others, and a declined or
 * cancelled call leaves no connection open.
 */
import { expectNoAxeViolations } from './support/axe.js';
import { dial, incoming } from './support/fixtures.js';
import { expect, hears, inboundGrowth, openConnections, panelShots, test } from './support/voice.js';

const ALICE_HZ = 440;
const BOB_HZ = 660;
const CAROL_HZ = 1000;
const AUDIO = { timeout: 20_000, intervals: [250, 500, 1000] };

test('answer-and-hold moves the audio to the new call; Resume swaps it back', async ({ voice }) => {
  test.setTimeout(150_000);
  const { alice, bob, carol } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ }, carol: { tone: CAROL_HZ } });

  await dial(bob, 'alice');
  await incoming(alice, 'bob').getByRole('button', { name: 'Accept' }).click();
  const withBob = alice.getByRole('region', { name: 'Call with bob' });
  await expect(withBob).toBeVisible();
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);

  // carol calls while alice talks to bob; alice answers: bob is put on hold.
  await dial(carol, 'alice');
  await incoming(alice, 'carol').getByRole('button', { name: 'Accept' }).click();
  const withCarol = alice.getByRole('region', { name: 'Call with carol' });
  await expect(withCarol).toBeVisible();
  await expect(withBob.getByText('On hold')).toBeVisible();
  await expect(bob.getByRole('region', { name: 'Call with alice' }).getByText('alice put you on hold')).toBeVisible();
  await expect.poll(() => hears(alice, CAROL_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(carol, ALICE_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(false);
  await expect.poll(() => inboundGrowth(bob), AUDIO).toBe(0);

  // Resume bob: carol goes on hold, the audio moves back.
  await withBob.getByRole('button', { name: 'Resume' }).click();
  await expect(withCarol.getByText('On hold')).toBeVisible();
  await expect(withBob.getByText('On hold')).toHaveCount(0);
  await expect(carol.getByRole('region', { name: 'Call with alice' }).getByText('alice put you on hold')).toBeVisible();
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(alice, CAROL_HZ), AUDIO).toBe(false);
  await expect.poll(() => inboundGrowth(carol), AUDIO).toBe(0);
  expect(await openConnections(alice)).toBe(2);

  await withBob.getByRole('button', { name: 'Hang up' }).click();
  await withCarol.getByRole('button', { name: 'Hang up' }).click();
  for (const page of [alice, bob, carol]) await expect.poll(() => openConnections(page), AUDIO).toBe(0);
});

test('a group of three: everyone hears both others', async ({ voice }) => {
  test.setTimeout(150_000);
  const { alice, bob, carol } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ }, carol: { tone: CAROL_HZ } });
  await dial(alice, 'bob, carol');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  await incoming(carol, 'alice').getByRole('button', { name: 'Accept' }).click();
  await expect(alice.getByRole('region', { name: 'Call with bob, carol' })).toBeVisible();

  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(alice, CAROL_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(bob, CAROL_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(carol, ALICE_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(carol, BOB_HZ), AUDIO).toBe(true);
  for (const page of [alice, bob, carol]) expect(await openConnections(page)).toBe(2);

  await alice.getByRole('region', { name: 'Call with bob, carol' }).getByRole('button', { name: 'End for everyone' }).click();
  for (const page of [alice, bob, carol]) await expect.poll(() => openConnections(page), AUDIO).toBe(0);
});

test('a declined and a cancelled call during a call open no connection; the call goes on, and hang-up closes it', async ({ voice }) => {
  test.setTimeout(120_000);
  const { alice, bob, carol } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ }, carol: { tone: CAROL_HZ } });
  await dial(bob, 'alice');
  await incoming(alice, 'bob').getByRole('button', { name: 'Accept' }).click();
  const withBob = alice.getByRole('region', { name: 'Call with bob' });
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);

  await dial(carol, 'alice');
  await incoming(alice, 'carol').getByRole('button', { name: 'Decline' }).click();
  await expect(carol.getByRole('region', { name: 'Calling alice' })).toHaveCount(0);

  // The hub makes a caller just declined wait a few seconds before ringing the same person again.
  await expect(async () => {
    await dial(carol, 'alice');
    await expect(incoming(alice, 'carol')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await carol.getByRole('region', { name: 'Calling alice' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(incoming(alice, 'carol')).toHaveCount(0);

  // Only the call with bob has a connection, and it still carries the audio.
  expect(await openConnections(alice)).toBe(1);
  expect(await openConnections(carol)).toBe(0);
  await expect(withBob.getByText('On hold')).toHaveCount(0);
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);

  await withBob.getByRole('button', { name: 'Hang up' }).click();
  for (const page of [alice, bob, carol]) await expect.poll(() => openConnections(page), AUDIO).toBe(0);
});

test('a call handed over: bob adds carol to his call with alice, all three talk, bob leaves and alice and carol talk on', async ({ voice }) => {
  test.setTimeout(150_000);
  const { alice, bob, carol } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ }, carol: { tone: CAROL_HZ } });
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  const bobCall = bob.getByRole('region', { name: 'Call with alice' });
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);

  await bobCall.getByRole('button', { name: 'Add someone' }).click();
  await expect(bobCall.getByRole('textbox', { name: 'Add to call' })).toBeFocused();
  await panelShots(bob, bobCall, 'adding');
  await expectNoAxeViolations(bob, 'with "Add someone" open on a call');
  await bob.keyboard.type('carol');
  await bob.keyboard.press('Enter');
  // carol's card says she is joining a call under way, not taking a new one.
  await expect(incoming(carol, 'bob').getByText(/^adding you/)).toHaveText('adding you to a call with alice');
  await incoming(carol, 'bob').getByRole('button', { name: 'Accept' }).click();
  // Screen readers are told, in the live region, what the panels show.
  await expect(alice.getByText('carol joined your call with bob')).toBeAttached();
  await expect.poll(() => hears(carol, ALICE_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(carol, BOB_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(alice, CAROL_HZ), AUDIO).toBe(true);
  await panelShots(bob, bobCall, 'added');

  // bob hands the call over: alice's call is now with carol, and carol's with alice.
  await bobCall.getByRole('button', { name: 'Leave' }).click();
  await expect(bobCall).toHaveCount(0);
  const aliceCall = alice.getByRole('region', { name: 'Call with carol' });
  const carolCall = carol.getByRole('region', { name: 'Call with alice' });
  await expect(aliceCall).toBeVisible();
  await expect(carolCall).toBeVisible();
  await expect(alice.getByText('Your call is now with carol')).toBeAttached();
  await expect(carol.getByText('Your call is now with alice')).toBeAttached();
  await expect.poll(() => openConnections(bob), AUDIO).toBe(0);
  await expect.poll(() => openConnections(alice), AUDIO).toBe(1);
  await expect.poll(() => hears(alice, CAROL_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(carol, ALICE_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(false);
  await panelShots(alice, aliceCall, 'handed-over');

  // Only carol is left with her: the call is a 1v1 again, ended with Hang up.
  await aliceCall.getByRole('button', { name: 'Hang up' }).click();
  for (const page of [alice, bob, carol]) await expect.poll(() => openConnections(page), AUDIO).toBe(0);
});
