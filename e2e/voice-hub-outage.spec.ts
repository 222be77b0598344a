/**
 * The audio of a call flows peer to peer and needs no hub: a lost connection to the hub does not
 * cut a conversation. Through a network blip both sides talk on and the call goes on once they
 * are back; through a hub restart they talk on until the softphones are back, when the new hub,
 * which knows nothing of the call, has it end, saying why.
 */
import { dial, incoming } from './support/fixtures.js';
import { expect, hears, inboundGrowth, openConnections, panelShots, test } from './support/voice.js';

const ALICE_HZ = 440;
const BOB_HZ = 660;
const CAROL_HZ = 880;
const AUDIO = { timeout: 20_000, intervals: [250, 500, 1000] };
const WAITING = 'The call goes on while Switchboard reconnects; Hold and Add someone wait for it';

test('a network blip and a hub restart mid-call: both sides hear each other throughout, and the call goes on after the blip', async ({ voice }) => {
  test.setTimeout(120_000);
  const { alice, bob } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } });
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  const aliceCall = alice.getByRole('region', { name: 'Call with bob' });
  const bobCall = bob.getByRole('region', { name: 'Call with alice' });
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);

  // The blip: both softphones lose the hub and come back within the grace, and the call is still theirs.
  const restore = voice.cutHubLinks();
  await expect(aliceCall.getByText(WAITING)).toBeVisible();
  await expect(aliceCall.getByRole('button', { name: 'Hold' })).toBeDisabled();
  expect(await inboundGrowth(alice)).toBeGreaterThan(0);
  restore();
  await expect(aliceCall.getByText(WAITING)).toHaveCount(0, { timeout: 20_000 });
  await expect(bobCall.getByText(WAITING)).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  // Hold needs the hub to tell bob: it works again.
  await aliceCall.getByRole('button', { name: 'Hold' }).click();
  await expect(bobCall.getByText('alice put you on hold')).toBeVisible();
  await aliceCall.getByRole('button', { name: 'Resume' }).click();
  await expect(bobCall.getByText('alice put you on hold')).toHaveCount(0);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);

  // The hub restarts: while it is down, both talk on.
  await voice.restartHub(async () => {
    await expect(aliceCall.getByText(WAITING)).toBeVisible();
    await expect(bobCall.getByText(WAITING)).toBeVisible();
    expect(await inboundGrowth(alice)).toBeGreaterThan(0);
    expect(await inboundGrowth(bob)).toBeGreaterThan(0);
    await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
    await panelShots(alice, aliceCall, 'reconnecting');
  });
  // Back, the new hub knows nothing of the call: it ends on both sides, saying why, and closes its connection.
  // Both at once: the card where the call was stays a few seconds only.
  await Promise.all(
    ([[alice, 'bob'], [bob, 'alice']] as const).map(([page, peer]) =>
      expect(page.getByRole('region', { name: `${peer}: call ended` })).toHaveText(`${peer}: call endedthe connection was lost`, { timeout: 30_000 }),
    ),
  );
  for (const page of [alice, bob]) await expect.poll(() => openConnections(page), AUDIO).toBe(0);
});

test('a call held while the other side is reconnecting: silent at once, and they are told once back; a call ringing there meanwhile rings on, to be answered once back', async ({ voice }) => {
  test.setTimeout(150_000);
  const { alice, bob, carol } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ }, carol: { tone: CAROL_HZ, callTimeout: 300 } });
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  const aliceCall = alice.getByRole('region', { name: 'Call with bob' });
  const bobCall = bob.getByRole('region', { name: 'Call with alice' });
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  await dial(carol, 'bob');
  const carolRinging = incoming(bob, 'carol');
  await expect(carolRinging).toBeVisible();

  // Only bob's link fails; alice, still connected, puts the call on hold.
  const restore = voice.cutHubLinks(['bob']);
  await expect(bobCall.getByText(WAITING)).toBeVisible();
  await expect(carolRinging.getByText('Reconnecting: answer once back')).toBeVisible();
  await expect(carolRinging.getByRole('button', { name: 'Accept call from carol' })).toBeDisabled();
  await expect(carol.getByRole('region', { name: 'Calling bob' })).toBeVisible();
  await aliceCall.getByRole('button', { name: 'Hold' }).click();
  await expect(aliceCall.getByText('On hold')).toBeVisible();
  // Nothing alice says while bob is held reaches him, though he cannot be told yet.
  await expect.poll(() => inboundGrowth(bob), AUDIO).toBe(0);

  // Back, bob is told (the hub kept alice's offer for him), and Resume brings the audio back both ways.
  restore();
  await expect(bobCall.getByText(WAITING)).toHaveCount(0, { timeout: 20_000 });
  await expect(bobCall.getByText('alice put you on hold')).toBeVisible();
  await aliceCall.getByRole('button', { name: 'Resume' }).click();
  await expect(bobCall.getByText('alice put you on hold')).toHaveCount(0);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);

  // carol rang on all along: bob answers her now, and alice goes on hold.
  await carolRinging.getByRole('button', { name: 'Accept call from carol' }).click();
  await expect(bob.getByRole('region', { name: 'Call with carol' })).toBeVisible();
  await expect(bobCall.getByText('On hold')).toBeVisible();
  await expect.poll(() => hears(bob, CAROL_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(carol, BOB_HZ), AUDIO).toBe(true);
});
