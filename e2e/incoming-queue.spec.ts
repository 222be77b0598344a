/**
 * The ringing queue as a person meets it: many callers at once, in the window's layout (never
 * over other controls), oldest first, answerable from the keyboard.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dial, expect, incoming, test } from './support/fixtures.js';
import { overlap, pointsIn } from './support/pointer.js';

const ARTIFACTS = fileURLToPath(new URL('./artifacts', import.meta.url));
const CALLERS = ['ann', 'ben', 'cat', 'dan', 'eve', 'fay'] as const;

/** The little of the page's DOM this test reads (the e2e project compiles without DOM types). */
interface PageDocument {
  elementFromPoint(x: number, y: number): { closest(selector: string): { outerHTML: string } | null } | null;
}

test('six callers ring at 400 px: oldest first, nothing covered, +1 more, and Enter and Esc answer a focused card', async ({ switchboard }) => {
  const people = await switchboard.start({ bob: { incomingLimit: 6 }, ann: {}, ben: {}, cat: {}, dan: {}, eve: {}, fay: {} });
  const { bob } = people;
  await bob.setViewportSize({ width: 400, height: 900 });
  const queue = bob.getByRole('region', { name: 'Incoming calls', exact: true });
  for (const [index, caller] of CALLERS.entries()) {
    await dial(people[caller], 'bob');
    await expect(index < 5 ? incoming(bob, caller) : queue.getByRole('button', { name: '+1 more' })).toBeVisible();
  }
  await expect(queue.getByRole('dialog')).toHaveCount(5);
  await expect(queue.getByRole('dialog').first()).toHaveAccessibleName('Incoming call from ann');
  await expect(queue.getByRole('button', { name: '+1 more' })).toBeVisible();

  // Nothing overlaps anything else: every control is where a click lands on it.
  const controls = bob.getByRole('button').or(bob.getByRole('textbox')).or(bob.getByRole('spinbutton'));
  for (const control of await controls.all()) {
    await control.scrollIntoViewIfNeeded();
    const box = await control.boundingBox();
    if (!box) continue;
    const hit = await bob.evaluate(
      ([x, y]) => (globalThis as unknown as { document: PageDocument }).document.elementFromPoint(x!, y!)?.closest('button, input')?.outerHTML ?? null,
      [box.x + box.width / 2, box.y + box.height / 2],
    );
    expect(hit, `covered: ${await control.evaluate((element) => element.outerHTML)}`).toBe(await control.evaluate((element) => element.outerHTML));
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  await bob.screenshot({ path: `${ARTIFACTS}/queue-6-ringing-400.png`, fullPage: true });
  await bob.setViewportSize({ width: 1440, height: 900 });
  await bob.screenshot({ path: `${ARTIFACTS}/queue-6-ringing-1440.png`, fullPage: true });

  // "+1 more" unfolds the queue and says so; "Show fewer" folds it again.
  const more = queue.getByRole('button', { name: '+1 more' });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.click();
  await expect(queue.getByRole('dialog')).toHaveCount(6);
  const fewer = queue.getByRole('button', { name: 'Show fewer' });
  await expect(fewer).toHaveAttribute('aria-expanded', 'true');
  await fewer.click();
  await expect(queue.getByRole('dialog')).toHaveCount(5);
  await expect(more).toBeVisible();

  // The queue comes first in the tab order of a freshly opened window.
  await bob.reload();
  await expect(incoming(bob, 'ann')).toBeVisible();
  await bob.keyboard.press('Tab');
  await expect(incoming(bob, 'ann')).toBeFocused();
  await bob.keyboard.press('Escape');
  await expect(incoming(bob, 'ann')).toHaveCount(0);
  await expect(incoming(bob, 'ben')).toBeFocused();
  await bob.keyboard.press('Enter');
  const call = bob.getByRole('region', { name: 'Call with ben' });
  await expect(call).toBeVisible();
  // The focus is on the call, not on its Hang up: Enter pressed twice answers, and that is all.
  await expect(call).toBeFocused();
  await bob.keyboard.press('Enter');
  await expect(call).toBeVisible();
  for (const name of ['Add someone', 'Mute', 'Hold', 'Hang up']) {
    await bob.keyboard.press('Tab');
    await expect(call.getByRole('button', { name })).toBeFocused();
  }
  await bob.keyboard.press('Enter');
  await expect(call).toHaveCount(0);
  await expect(bob.getByRole('textbox', { name: 'Call user' })).toBeFocused();
});

test('a double click on Accept answers one caller: the card keeps its place while it leaves, so the second click never lands on the next caller', async ({ switchboard }) => {
  const people = await switchboard.start({ bob: { incomingLimit: 3 }, ann: {}, ben: {} });
  const { bob, ann, ben } = people;
  await bob.setViewportSize({ width: 400, height: 900 });
  await dial(ann, 'bob');
  await expect(incoming(bob, 'ann')).toBeVisible();
  await dial(ben, 'bob');
  await expect(incoming(bob, 'ben')).toBeVisible();

  const accept = await incoming(bob, 'ann').getByRole('button', { name: 'Accept' }).boundingBox();
  if (!accept) throw new Error('ann\'s Accept button has no box');
  const [x, y] = [accept.x + accept.width / 2, accept.y + accept.height / 2];
  // A person's double click: the second press a fifth of a second after the first, long after the
  // answer has reached the core and come back.
  await bob.mouse.click(x, y);
  await expect(bob.getByRole('region', { name: 'Call with ann' })).toBeVisible();
  await bob.waitForTimeout(200);
  await bob.mouse.click(x, y);
  mkdirSync(ARTIFACTS, { recursive: true });
  await bob.screenshot({ path: `${ARTIFACTS}/queue-card-leaving-400.png`, fullPage: true });

  // ben still rings, and ann's call was not put on hold by an answer to ben.
  await expect(incoming(bob, 'ben')).toBeVisible();
  await expect(bob.getByRole('region', { name: 'Call with ben' })).toHaveCount(0);
  await expect(bob.getByRole('region', { name: 'On hold' })).toHaveCount(0);
  // Then ben's card moves up into the freed place, and answers as usual.
  await expect.poll(async () => (await incoming(bob, 'ben').boundingBox())?.y).toBeLessThan(y);
  await incoming(bob, 'ben').getByRole('button', { name: 'Accept' }).click();
  await expect(bob.getByRole('region', { name: 'Call with ben' })).toBeVisible();
});

test('in a call at 400 px, new rings fold into "+N more" after two cards: the call\'s Hang up stays put and on screen', async ({ switchboard }) => {
  const people = await switchboard.start({ bob: { incomingLimit: 6 }, ann: {}, ben: {}, cat: {}, dan: {}, eve: {} });
  const { bob } = people;
  await bob.setViewportSize({ width: 400, height: 800 });
  await dial(people.ann, 'bob');
  await incoming(bob, 'ann').getByRole('button', { name: 'Accept' }).click();
  const hangUp = bob.getByRole('region', { name: 'Call with ann' }).getByRole('button', { name: 'Hang up' });
  await expect(hangUp).toBeVisible();
  // ann's card keeps its place a moment after the answer (the queue lingers with it): measured
  // before it goes, Hang up would read a card lower than it stays.
  const queue = bob.getByRole('region', { name: 'Incoming calls', exact: true });
  await expect(queue).toHaveCount(0);

  const positions: number[] = [];
  for (const [index, caller] of (['ben', 'cat', 'dan', 'eve'] as const).entries()) {
    await dial(people[caller], 'bob');
    await expect(index < 2 ? incoming(bob, caller) : queue.getByRole('button', { name: `+${index - 1} more` })).toBeVisible();
    positions.push((await hangUp.boundingBox())!.y);
  }
  await expect(queue.getByRole('dialog')).toHaveCount(2);
  // The third ring adds only the "+1 more" line; from then on Hang up does not move, inside the window.
  expect(positions[2]! - positions[1]!).toBeLessThanOrEqual(50);
  expect(positions[3]).toBe(positions[2]);
  const box = (await hangUp.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  mkdirSync(ARTIFACTS, { recursive: true });
  await bob.screenshot({ path: `${ARTIFACTS}/queue-in-call-4-ringing-400.png` });
});

test('a click meant for the live call\'s Hang up, as a new ring pushes it down, neither answers nor declines the new caller', async ({ switchboard }) => {
  const { bob, ann, ben } = await switchboard.start({ bob: {}, ann: {}, ben: {} });
  await bob.setViewportSize({ width: 400, height: 800 });
  await dial(ann, 'bob');
  await incoming(bob, 'ann').getByRole('button', { name: 'Accept' }).click();
  const call = bob.getByRole('region', { name: 'Call with ann' });
  // ann's card has left, and the call has moved up into its place.
  await expect(bob.getByRole('region', { name: 'Incoming calls', exact: true })).toHaveCount(0);
  const hangUp = (await call.getByRole('button', { name: 'Hang up' }).boundingBox())!;
  await dial(ben, 'bob');
  await expect(incoming(bob, 'ben')).toBeVisible();
  // The clicks come at once, where Hang up was; that one of the new card's buttons is there now is checked after.
  for (const [x, y] of pointsIn(hangUp)) await bob.mouse.click(x, y);
  overlap(hangUp, [
    (await incoming(bob, 'ben').getByRole('button', { name: 'Accept' }).boundingBox())!,
    (await incoming(bob, 'ben').getByRole('button', { name: /^Decline/ }).boundingBox())!,
  ]);
  await expect(incoming(bob, 'ben')).toBeVisible();
  await expect(call.getByText('Live')).toBeVisible();
  await expect(ben.getByRole('region', { name: 'Calling bob' })).toBeVisible();
  // A moment later, the card takes clicks as usual.
  await incoming(bob, 'ben').getByRole('button', { name: 'Decline' }).click();
  await expect(incoming(bob, 'ben')).toHaveCount(0);
});

test('a call answered while another is live takes its place: a click meant for the first call\'s Hang up just before hangs up neither', async ({ switchboard }) => {
  const { alice, bob, carol } = await switchboard.start({ alice: {}, bob: {}, carol: {} });
  await alice.setViewportSize({ width: 1440, height: 900 });
  await dial(bob, 'alice');
  await incoming(alice, 'bob').getByRole('button', { name: 'Accept' }).click();
  const withBob = alice.getByRole('region', { name: 'Call with bob' });
  await expect(alice.getByRole('region', { name: 'Incoming calls', exact: true })).toHaveCount(0);
  await dial(alice, 'carol');
  await expect(incoming(carol, 'alice')).toBeVisible();
  const hangUp = (await withBob.getByRole('button', { name: 'Hang up' }).boundingBox())!;

  await incoming(carol, 'alice').getByRole('button', { name: 'Accept' }).click();
  const withCarol = alice.getByRole('region', { name: 'Call with carol' });
  await expect(withCarol).toBeVisible();
  // The clicks come at once, where bob's Hang up was; that a Hang up is there now is checked after.
  for (const [x, y] of pointsIn(hangUp)) await alice.mouse.click(x, y);
  await expect(withBob.getByText('On hold')).toBeVisible();
  overlap(hangUp, [
    (await withCarol.getByRole('button', { name: 'Hang up' }).boundingBox())!,
    (await withBob.getByRole('button', { name: 'Hang up' }).boundingBox())!,
  ]);
  await alice.waitForTimeout(1_000);
  await expect(withCarol).toBeVisible();
  await expect(withBob).toBeVisible();
});

test('Esc twice in quick succession declines two callers and leaves focus on the third, not on a card still leaving', async ({ switchboard }) => {
  const people = await switchboard.start({ bob: { incomingLimit: 3 }, ann: {}, ben: {}, cat: {} });
  const { bob } = people;
  for (const caller of ['ann', 'ben', 'cat'] as const) {
    await dial(people[caller], 'bob');
    await expect(incoming(bob, caller)).toBeVisible();
  }
  await incoming(bob, 'ann').focus();
  await bob.keyboard.press('Escape');
  await expect(incoming(bob, 'ben')).toBeFocused();
  // Well within the 600 ms that ann's card keeps its place.
  await bob.keyboard.press('Escape');
  await expect(incoming(bob, 'ben')).toHaveCount(0);
  await expect(incoming(bob, 'cat')).toBeFocused();
});

test('a caller who gives up while their card has the focus hands it to the next card, then to "Call user"', async ({ switchboard }) => {
  const people = await switchboard.start({ bob: { incomingLimit: 3 }, ann: {}, ben: {} });
  const { bob, ann, ben } = people;
  await dial(ann, 'bob');
  await expect(incoming(bob, 'ann')).toBeVisible();
  await dial(ben, 'bob');
  await expect(incoming(bob, 'ben')).toBeVisible();
  await incoming(bob, 'ann').focus();
  await expect(incoming(bob, 'ann')).toBeFocused();

  await ann.getByRole('region', { name: 'Calling bob' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(incoming(bob, 'ben')).toBeFocused();
  await ben.getByRole('region', { name: 'Calling bob' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(bob.getByRole('textbox', { name: 'Call user' })).toBeFocused();
});
