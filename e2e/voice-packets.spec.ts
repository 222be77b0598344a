/**
 * Each side asks the other for 40 ms of audio per packet (a=ptime:40 in the descriptions it
 * sends), and the other side's sender honours it: about 25 packets a second arrive each way, not
 * the 50 of WebRTC's default 20 ms, and the tone still gets through.
 */
import { dial, incoming } from './support/fixtures.js';
import { expect, hears, inboundPacketRate, test } from './support/voice.js';

const AUDIO = { timeout: 20_000, intervals: [250, 500, 1000] };

test('audio travels in 40 ms packets both ways, about 25 a second', async ({ voice }) => {
  test.setTimeout(90_000);
  const { alice, bob } = await voice.start({ alice: { tone: 440 }, bob: { tone: 660 } });
  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  await expect.poll(() => hears(alice, 660), AUDIO).toBe(true);
  await expect.poll(() => hears(bob, 440), AUDIO).toBe(true);
  for (const page of [alice, bob]) {
    const rate = await inboundPacketRate(page, 3000);
    // 25 a second at 40 ms; 20 ms packets would be 50.
    expect(rate).toBeGreaterThan(20);
    expect(rate).toBeLessThan(32);
  }
});
