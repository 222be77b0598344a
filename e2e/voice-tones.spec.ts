/**
 * The ringtone's AudioContext runs only while a sound plays: a running context keeps the
 * browser's audio rendering busy even in silence, so it is suspended once the ring stops (the call
 * was answered or declined) and resumed for the next ring.
 */
import { dial, incoming } from './support/fixtures.js';
import { appAudioContexts, audioSinkChoices, expect, test } from './support/voice.js';

const STATE = { timeout: 10_000 };

test('the ringtone runs while a call rings and stops using the audio device once it is answered or declined', async ({ voice }) => {
  test.setTimeout(90_000);
  const { alice, bob } = await voice.start({ alice: { tone: 440 }, bob: { tone: 660 } });

  await dial(alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept' }).click();
  const aliceCall = alice.getByRole('region', { name: 'Call with bob' });
  await expect(bob.getByRole('region', { name: 'Call with alice' })).toBeVisible();
  // Answered: the ring stopped, its context is suspended for the whole call.
  await expect.poll(() => appAudioContexts(bob), STATE).toEqual(['suspended']);
  await aliceCall.getByRole('button', { name: 'Hang up' }).click();
  await expect(aliceCall).toHaveCount(0);
  await expect.poll(() => appAudioContexts(bob), STATE).toEqual(['suspended']);

  // The next call rings again on the same context (the page had its gesture: it may play)...
  await dial(alice, 'bob');
  const ringing = incoming(bob, 'alice');
  await expect(ringing).toBeVisible();
  await expect.poll(() => appAudioContexts(bob), STATE).toEqual(['running']);
  // ...and declining it stops the context again.
  await ringing.getByRole('button', { name: 'Decline' }).click();
  await expect(ringing).toHaveCount(0);
  await expect.poll(() => appAudioContexts(bob), STATE).toEqual(['suspended']);
  // The caller's sounds (a busy tone, if the decline played one) have stopped too.
  await expect.poll(async () => (await appAudioContexts(alice)).includes('running'), STATE).toBe(false);
  // The ringtone's output was chosen once, when its context was made, not again with every state:
  // each choice costs the browser a switch of the output device.
  expect(await audioSinkChoices(bob)).toEqual(['']);
});
