/**
 * The calls board as a busy desk sees it: three callers ringing in the queue (two cards and "+1
 * more", as the queue shows them while calls are connected), one call active and one on hold, at
 * 400, 1024 and 1440 px. The screenshots it writes are the ones the README shows.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectNoAxeViolations } from './support/axe.js';
import { dial, incoming } from './support/fixtures.js';
import { expect, test } from './support/voice.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

test('three ringing, one active and one on hold: the board at 400 and 1440 px', async ({ voice }) => {
  test.setTimeout(120_000);
  const people = await voice.start({
    bob: { tone: 440, incomingLimit: 5 },
    alice: { tone: 550 },
    carol: { tone: 660 },
    dave: { tone: 770 },
    erin: { tone: 880 },
    fay: { tone: 990 },
  });
  const { bob } = people;
  await dial(people.alice, 'bob');
  await incoming(bob, 'alice').getByRole('button', { name: 'Accept call from alice' }).click();
  await dial(people.carol, 'bob');
  await incoming(bob, 'carol').getByRole('button', { name: 'Accept call from carol' }).click();
  const queue = bob.getByRole('region', { name: 'Incoming calls', exact: true });
  for (const caller of ['dave', 'erin', 'fay'] as const) {
    await dial(people[caller], 'bob');
    // With calls connected the queue shows two cards and folds the rest into "+N more".
    await expect(caller === 'fay' ? queue.getByRole('button', { name: '+1 more' }) : incoming(bob, caller)).toBeVisible();
  }
  const onHold = bob.getByRole('region', { name: 'On hold', exact: true });
  await expect(onHold.getByRole('region', { name: 'Call with alice' })).toBeVisible();
  await expect(bob.getByRole('region', { name: 'Call with carol' }).getByText('On hold')).toHaveCount(0);
  await expect(queue.getByRole('dialog')).toHaveCount(2);

  mkdirSync(ARTIFACTS, { recursive: true });
  for (const width of [400, 1024, 1440]) {
    await bob.setViewportSize({ width, height: 900 });
    await bob.screenshot({ path: `${ARTIFACTS}/board-${width}.png`, fullPage: true });
  }

  // Dark mode follows the OS, and stays readable: axe checks its contrast too.
  await bob.emulateMedia({ colorScheme: 'dark' });
  await bob.screenshot({ path: `${ARTIFACTS}/board-dark-1440.png`, fullPage: true });
  await expectNoAxeViolations(bob, 'on the board in dark mode');
  await bob.emulateMedia({ colorScheme: 'light' });
  await expectNoAxeViolations(bob, 'on the board');
});
