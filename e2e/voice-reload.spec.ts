/**
 * A page reloaded in the middle of a call (F5 in browser mode, a renderer reloaded in Electron)
 * shows the call again, and its audio comes back both ways, whichever side of the pair it is.
 */
import { expect, hears, openConnections, test } from './support/voice.js';
import { dial, incoming } from './support/fixtures.js';

const ALICE_HZ = 440;
const BOB_HZ = 660;
const AUDIO = { timeout: 30_000, intervals: [250, 500, 1000] };

for (const reloaded of ['alice', 'bob'] as const) {
  test(`${reloaded} reloads the page mid-call: both hear each other again`, async ({ voice }) => {
    test.setTimeout(150_000);
    const pages = await voice.start({ alice: { tone: ALICE_HZ }, bob: { tone: BOB_HZ } });
    const { alice, bob } = pages;
    await dial(alice, 'bob');
    await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
    await expect(alice.getByRole('region', { name: 'Call with bob' })).toBeVisible();
    await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
    await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);

    await pages[reloaded].reload();
    const other = reloaded === 'alice' ? 'bob' : 'alice';
    await expect(pages[reloaded].getByRole('region', { name: `Call with ${other}` })).toBeVisible();
    await expect.poll(() => hears(alice, BOB_HZ), AUDIO).toBe(true);
    await expect.poll(() => hears(bob, ALICE_HZ), AUDIO).toBe(true);
    expect(await openConnections(alice)).toBe(1);
    expect(await openConnections(bob)).toBe(1);
  });
}
