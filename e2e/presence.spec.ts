/**
 * People and presence, as a person sees them: whoever you called shows in "People" with their
 * presence in words, calling someone who is offline asks first, and anyone who can be rung is
 * one click away.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expectNoAxeViolations } from './support/axe.js';
import { dial, expect, incoming, test } from './support/fixtures.js';
import { contains } from './support/pointer.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));

test('the People list follows presence, calling someone offline asks first, and "Call" rings the rest', async ({ switchboard }) => {
  const { alice, bob, carol } = await switchboard.start({ alice: {}, bob: {}, carol: {} });
  const people = alice.getByRole('region', { name: 'People' });
  const person = (name: string) => people.getByRole('listitem').filter({ hasText: name });

  // Someone in a call with alice is described by that call; lines beyond it by their presence.
  await dial(alice, 'bob');
  await expect(incoming(bob, 'alice')).toBeVisible();
  await expect(person('bob').locator('.presence')).toHaveText('your call is ringing');
  await dial(carol, 'bob');
  await expect(incoming(bob, 'carol')).toBeVisible();
  await expect(person('bob').locator('.presence')).toHaveText('your call is ringing, and on 1 other line');
  await incoming(bob, 'alice').getByRole('button', { name: /^Decline/ }).click();
  await expect(person('bob').locator('.presence')).toHaveText('on 1 of 3 lines');
  await incoming(bob, 'carol').getByRole('button', { name: /^Decline/ }).click();
  await expect(person('bob')).toContainText('available');

  // Cancelled rather than declined: the hub would make alice wait before ringing carol again.
  await dial(alice, 'carol');
  await expect(incoming(carol, 'alice')).toBeVisible();
  await alice.getByRole('region', { name: 'Calling carol' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(person('carol')).toContainText('available');
  await switchboard.stop('carol');
  await expect(person('carol')).toContainText('offline');
  await expect(person('carol').getByRole('button')).toHaveCount(0);

  mkdirSync(ARTIFACTS, { recursive: true });
  for (const width of [400, 1440]) {
    await alice.setViewportSize({ width, height: 900 });
    await alice.screenshot({ path: `${ARTIFACTS}/people-${width}.png`, fullPage: true });
  }

  await dial(alice, 'carol');
  const ask = alice.getByRole('alert').filter({ hasText: 'carol is offline — call anyway?' });
  await expect(ask).toBeVisible();
  await expectNoAxeViolations(alice, 'with People listed and the offline question asked');
  await expect(alice.getByRole('region', { name: 'Calling carol' })).toHaveCount(0);
  await ask.getByRole('button', { name: 'Call anyway' }).click();
  const callingCarol = alice.getByRole('region', { name: 'Calling carol' });
  await expect(callingCarol).toBeVisible();
  await callingCarol.getByRole('button', { name: 'Cancel' }).click();

  // bob declined alice at the start: the hub makes her wait a few seconds before ringing him again.
  const callingBob = alice.getByRole('region', { name: 'Calling bob' });
  await expect(async () => {
    // Once the call is placed, bob is in it and his Call button goes: click only while there is none.
    if ((await callingBob.count()) === 0) await people.getByRole('button', { name: 'Call bob' }).click({ timeout: 1_000 });
    await expect(callingBob).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(incoming(bob, 'alice')).toBeVisible();
});

test('someone new in People moves the rows below: a click meant for one of them just before rings nobody', async ({ switchboard }) => {
  const { alice, ann, cat, dan } = await switchboard.start({ alice: {}, ann: {}, cat: {}, dan: {} });
  await alice.setViewportSize({ width: 1440, height: 900 });
  const people = alice.getByRole('region', { name: 'People' });
  for (const [callee, page] of [['cat', cat], ['dan', dan]] as const) {
    await dial(alice, callee);
    await expect(incoming(page, 'alice')).toBeVisible();
    await alice.getByRole('region', { name: `Calling ${callee}` }).getByRole('button', { name: 'Cancel' }).click();
  }
  const callDan = (await people.getByRole('button', { name: 'Call dan' }).boundingBox())!;

  // ann calls: she goes in above cat and dan, and cat's row moves to where dan's was.
  await dial(ann, 'alice');
  await expect(people.getByRole('listitem').first()).toContainText('ann');
  await alice.mouse.click(callDan.x + callDan.width / 2, callDan.y + callDan.height / 2);
  await alice.waitForTimeout(1_000);
  await expect(alice.getByRole('region', { name: /^Calling / })).toHaveCount(0);
  // ann, who is calling, has no Call button of her own.
  await expect(people.getByRole('button', { name: 'Call ann' })).toHaveCount(0);
});

test('a ring that pushes People down at 400 px: a click meant for one person\'s Call just then rings nobody', async ({ switchboard }) => {
  const names = ['cat', 'dan', 'eve', 'fay', 'gus', 'hal'] as const;
  const started = await switchboard.start({ alice: {}, ann: {}, cat: {}, dan: {}, eve: {}, fay: {}, gus: {}, hal: {} });
  const { alice, ann } = started;
  await alice.setViewportSize({ width: 400, height: 1600 });
  const people = alice.getByRole('region', { name: 'People' });
  // ann first, so that her call later moves no row: she is known already.
  for (const callee of ['ann', ...names] as const) {
    await dial(alice, callee);
    await expect(incoming(started[callee], 'alice')).toBeVisible();
    await alice.getByRole('region', { name: `Calling ${callee}` }).getByRole('button', { name: 'Cancel' }).click();
  }
  // The outcome cards of those calls go after six seconds; then nothing above People moves.
  await expect(alice.getByText(/^Call to /)).toHaveCount(0, { timeout: 15_000 });
  const callHal = (await people.getByRole('button', { name: 'Call hal' }).boundingBox())!;
  const [x, y] = [callHal.x + callHal.width / 2, callHal.y + callHal.height / 2];
  await alice.mouse.move(x, y);

  // ann calls: her card goes in above, and People moves down under the resting pointer.
  await dial(ann, 'alice');
  await expect(incoming(alice, 'ann')).toBeVisible();
  await alice.mouse.click(x, y);
  await alice.waitForTimeout(1_000);
  await expect(alice.getByRole('region', { name: /^Calling / })).toHaveCount(0);
  // What the click would have hit: another person's Call button, now under the pointer.
  const under: string[] = [];
  for (const button of await people.getByRole('button', { name: /^Call / }).all()) {
    const box = await button.boundingBox();
    if (box && contains(box, [x, y])) under.push((await button.getAttribute('aria-label')) ?? '');
  }
  expect(under).toEqual([expect.stringMatching(/^Call (?!hal)/)]);
});
