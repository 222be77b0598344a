/**
 * No caller is lost: a caller turned away by the line limit lands in the callee's Callbacks list,
 * learns their place, and is still there after the callee's softphone process restarts on the
 * same data directory; "Call back" connects, and the answered call-back leaves the list.
 */
import { dial, expect, incoming, lineCounter, test } from './support/fixtures.js';
import { expectNoAxeViolations } from './support/axe.js';

test('a turned-away caller waits in Callbacks, across a restart, until called back', async ({ switchboard }) => {
  const { ann, bob, carol, dee } = await switchboard.start({ ann: {}, bob: { incomingLimit: 1 }, carol: {}, dee: {} });
  await dial(carol, 'bob');
  await incoming(bob, 'carol').getByRole('button', { name: 'Accept' }).click();
  await expect(lineCounter(bob)).toHaveText('1 of 1 lines');

  // Over bob's limit: each caller is turned away and told their place in bob's list.
  await dial(ann, 'bob');
  await expect(ann.getByRole('alert').filter({ hasText: "bob is busy — call limit reached; you're 1st in bob's callback list" })).toBeVisible();
  await dial(dee, 'bob');
  await expect(dee.getByRole('alert').filter({ hasText: "bob is busy — call limit reached; you're 2nd in bob's callback list" })).toBeVisible();

  const callbacks = (page: typeof bob) => page.getByRole('region', { name: 'Callbacks' });
  await expect(callbacks(bob).getByRole('listitem')).toHaveCount(2);
  await expect(callbacks(bob).getByRole('listitem').first()).toContainText('ann');
  await expect(callbacks(bob).getByRole('listitem').first()).toContainText('turned away (line limit)');
  await expectNoAxeViolations(bob, 'with callers waiting in Callbacks');

  // bob's process restarts on the same data directory: the list and the history are still there.
  const bobAgain = await switchboard.restart('bob');
  await expect(callbacks(bobAgain).getByRole('button', { name: 'Call back ann', exact: true })).toBeVisible();
  await expect(callbacks(bobAgain).getByRole('button', { name: 'Dismiss dee', exact: true })).toBeVisible();
  const history = bobAgain.getByRole('region', { name: 'History' });
  await expect(history.getByRole('listitem').filter({ hasText: 'turned away: line limit' })).toHaveCount(2);
  await expect(history.getByRole('listitem').filter({ hasText: 'carol' })).toHaveCount(1);
  await history.getByRole('button', { name: 'Turned away' }).click();
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await history.getByRole('searchbox', { name: 'Search history by name' }).fill('de');
  await expect(history.getByRole('listitem')).toHaveCount(1);
  await expect(history.getByRole('listitem')).toContainText('dee');

  // Call back: ann's softphone says it is bob's call-back; answered, ann leaves the list.
  await callbacks(bobAgain).getByRole('button', { name: 'Call back ann', exact: true }).click();
  const callBack = incoming(ann, 'bob');
  await expect(callBack).toContainText('bob is calling you back');
  await callBack.getByRole('button', { name: 'Accept' }).click();
  await expect(bobAgain.getByRole('region', { name: 'Call with ann' })).toBeVisible();
  await expect(ann.getByRole('region', { name: 'Call with bob' })).toBeVisible();
  await expect(callbacks(bobAgain).getByRole('listitem')).toHaveCount(1);
  await expect(callbacks(bobAgain).getByRole('button', { name: 'Call back ann', exact: true })).toHaveCount(0);

  // The line frees while dee still waits: dee is offered, quietly — the focus stays where it was.
  // (ann hangs up, so nothing on bob's page is clicked meanwhile.)
  await bobAgain.getByRole('textbox', { name: 'Call user' }).focus();
  await ann.getByRole('region', { name: 'Call with bob' }).getByRole('button', { name: 'Hang up' }).click();
  const offer = callbacks(bobAgain).getByRole('status');
  await expect(offer).toContainText(/Call back dee — waiting (under a minute|\d+ min)\?/);
  await expect(bobAgain.getByRole('textbox', { name: 'Call user' })).toBeFocused();
  await expect(callbacks(bobAgain).getByRole('button', { name: 'Yes, call back dee' })).toBeVisible();

  await callbacks(bobAgain).getByRole('button', { name: 'Dismiss dee', exact: true }).click();
  await expect(callbacks(bobAgain).getByRole('listitem')).toHaveCount(0);
  await expect(callbacks(bobAgain)).toContainText('Nobody is waiting for a call back.');
  await expect(callbacks(bobAgain).getByRole('status')).toHaveText('');
});

test('a caller who gives up while ringing is said to be in Callbacks, for screen readers too', async ({ switchboard }) => {
  const { bob, cat } = await switchboard.start({ bob: {}, cat: {} });
  await dial(cat, 'bob');
  await expect(incoming(bob, 'cat')).toBeVisible();
  await cat.getByRole('region', { name: 'Calling bob' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(incoming(bob, 'cat')).toHaveCount(0);
  await expect(bob.getByRole('region', { name: /^Callbacks/ }).getByRole('listitem')).toContainText('cat');
  // The card only goes, which nobody hears: the news region says it.
  await expect(bob.locator('[aria-live="polite"] p').filter({ hasText: 'Missed call from cat: in Callbacks' })).toHaveCount(1);
});
