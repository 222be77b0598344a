/**
 * Voice between two softphones, each in its own Chromium with a fake microphone playing its own
 * tone: both hear each other, mute silences one side, hold stops the audio both ways and Resume
 * brings it back, and nothing is left open once the call ends.
 */
import { dial, incoming } from './support/fixtures.js';
import { expect, hears, inbound, inboundGrowth, openConnections, panelShots, test } from './support/voice.js';

const ALICE_HZ = 440;
const BOB_HZ = 660;
const AUDIO = { timeout: 20_000, intervals: [250, 500, 1000] };

test('two people hear each other; mute, hold and resume do what they say; hang-up closes every connection', async ({ voice }) => {
  test.setTimeout(120_000);
  const { alice, bob } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } });

  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  const aliceCall = alice.getByRole('region', { name: 'Call with bob' });
  const bobCall = bob.getByRole('region', { name: 'Call with alice' });
  await expect(aliceCall).toBeVisible();
  await expect(bobCall).toBeVisible();

  // Each side's received audio carries the other side's tone.
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  expect(await openConnections(alice)).toBe(1);
  expect(await openConnections(bob)).toBe(1);
  await panelShots(alice, aliceCall, 'active');

  // Mute: packets still flow, but the far side's level falls to 0.
  await bobCall.getByRole('button', { name: 'Mute' }).click();
  await expect(bobCall.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await expect.poll(async () => (await inbound(alice))[0]?.audioLevel, AUDIO).toBe(0);
  expect(await inboundGrowth(alice)).toBeGreaterThan(0);
  await panelShots(bob, bobCall, 'muted');
  await bobCall.getByRole('button', { name: 'Unmute' }).click();
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);

  // Hold: the far side is told, and no audio flows either way.
  await aliceCall.getByRole('button', { name: 'Hold' }).click();
  await expect(aliceCall.getByText('On hold')).toBeVisible();
  // The call moved under "On hold", and the focus with it.
  await expect(aliceCall.getByRole('button', { name: 'Resume' })).toBeFocused();
  await expect(bobCall.getByText('alice put you on hold')).toBeVisible();
  // The side on hold sees how long it has waited, beside the call's length.
  await expect(bobCall.locator('.badge')).toHaveText(/^Waiting 0:0\d$/);
  await expect.poll(() => inboundGrowth(alice), AUDIO).toBe(0);
  await expect.poll(() => inboundGrowth(bob), AUDIO).toBe(0);
  await panelShots(alice, aliceCall, 'held');
  await panelShots(bob, bobCall, 'held-by-other');

  // Resume: audio flows both ways again.
  await aliceCall.getByRole('button', { name: 'Resume' }).click();
  await expect(aliceCall.getByRole('button', { name: 'Hold' })).toBeFocused();
  await expect(bobCall.getByText('alice put you on hold')).toHaveCount(0);
  await expect(bobCall.locator('.badge')).toHaveText('Live');
  await expect.poll(() => inboundGrowth(alice), AUDIO).toBeGreaterThan(0);
  await expect.poll(() => inboundGrowth(bob), AUDIO).toBeGreaterThan(0);
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);

  await bobCall.getByRole('button', { name: 'Hang up' }).click();
  await expect(aliceCall).toHaveCount(0);
  await expect.poll(() => openConnections(alice), AUDIO).toBe(0);
  await expect.poll(() => openConnections(bob), AUDIO).toBe(0);
});

test('without microphone permission the call still connects, listen-only, and says why', async ({ voice }) => {
  test.setTimeout(90_000);
  const { alice, bob } = await voice.start({ alice: { tone: ALICE_HZ, refuseMicrophone: true }, bob: { tone: BOB_HZ } });
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  const aliceCall = alice.getByRole('region', { name: 'Call with bob' });
  await expect(aliceCall.getByText('Listen only: microphone permission was refused')).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  expect(await hears(bob, ALICE_HZ)).toBe(false);
  await aliceCall.getByRole('button', { name: 'Hang up' }).click();
  for (const page of [alice, bob]) await expect.poll(() => openConnections(page), AUDIO).toBe(0);
});

test('a connection that fails says "no audio — connection failed" on that call, which hangs up normally', async ({ voice }) => {
  test.setTimeout(120_000);
  const { alice, bob } = await voice.start({ alice: { tone: ALICE_HZ, loseCandidates: true }, bob: { tone: BOB_HZ, loseCandidates: true } });
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  const aliceCall = alice.getByRole('region', { name: 'Call with bob' });
  const bobCall = bob.getByRole('region', { name: 'Call with alice' });
  await expect(aliceCall.getByText('no audio — connection failed')).toBeVisible({ timeout: 60_000 });
  await expect(bobCall.getByText('no audio — connection failed')).toBeVisible({ timeout: 60_000 });
  await aliceCall.getByRole('button', { name: 'Hang up' }).click();
  await expect(bobCall).toHaveCount(0);
  for (const page of [alice, bob]) await expect.poll(() => openConnections(page), AUDIO).toBe(0);
});

test('both sides putting the call on hold at once, then resuming at once, end up agreeing (perfect negotiation)', async ({ voice }) => {
  test.setTimeout(120_000);
  const { alice, bob } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } });
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  const aliceCall = alice.getByRole('region', { name: 'Call with bob' });
  const bobCall = bob.getByRole('region', { name: 'Call with alice' });
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);

  await Promise.all([aliceCall.getByRole('button', { name: 'Hold' }).click(), bobCall.getByRole('button', { name: 'Hold' }).click()]);
  await expect(aliceCall.getByText('bob put you on hold')).toBeVisible();
  await expect(bobCall.getByText('alice put you on hold')).toBeVisible();
  await expect.poll(() => inboundGrowth(alice), AUDIO).toBe(0);
  await expect.poll(() => inboundGrowth(bob), AUDIO).toBe(0);

  await Promise.all([aliceCall.getByRole('button', { name: 'Resume' }).click(), bobCall.getByRole('button', { name: 'Resume' }).click()]);
  await expect(aliceCall.getByText('bob put you on hold')).toHaveCount(0);
  await expect(bobCall.getByText('alice put you on hold')).toHaveCount(0);
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
});
