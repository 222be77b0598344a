/**
 * Browser mode with the page open twice: only the newest page carries the audio. Closing it mid-call
 * leaves the audio to the page still open, which must take the call over.
 */
import { expect, hears, openConnections, test } from './support/voice.js';
import { dial, incoming } from './support/fixtures.js';

const ALICE_HZ = 440;
const BOB_HZ = 660;
const AUDIO = { timeout: 30_000, intervals: [250, 500, 1000] };

test('a second page opened mid-call takes the audio over, and gives it back when it closes', async ({ voice }) => {
  test.setTimeout(150_000);
  const { alice, bob } = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } });
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);

  const second = await bob.context().newPage();
  await second.goto(bob.url());
  await expect(second.getByRole('region', { name: 'Call with alice' })).toBeVisible();
  await expect.poll(() => hears(second, ALICE_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
  // The first page gave the call up: no connection left open there.
  await expect.poll(() => openConnections(bob), AUDIO).toBe(0);

  await second.close();
  await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
  await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
});
