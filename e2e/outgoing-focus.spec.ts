/**
 * Keyboard focus around the calls a person places, and among calls on hold: it never falls to the page's body, where the
 * next Tab starts from the top and a screen reader says nothing. Each step is what someone working
 * from the keyboard, or clicking and then typing, would do next.
 */
import { dial, expect, incoming, test } from './support/fixtures.js';

test('placing calls keeps the keyboard focus: on "Call user" after Call and when the call ends, on the call once answered', async ({ switchboard }) => {
  const { alice, bob, carol } = await switchboard.start({ alice: {}, bob: {}, carol: {} });
  const callUser = alice.getByRole('textbox', { name: 'Call user' });
  const calling = alice.getByRole('region', { name: 'Calling bob' });
  const callingCarol = alice.getByRole('region', { name: 'Calling carol' });

  // A click on Call empties the box and disables the button under the focus.
  await dial(alice, 'bob');
  await expect(calling).toBeVisible();
  await expect(callUser).toBeFocused();

  // Declined while Cancel has the focus.
  await calling.getByRole('button', { name: 'Cancel' }).focus();
  await incoming(bob, 'alice').getByRole('button', { name: 'Decline call from alice' }).click();
  await expect(calling).toHaveCount(0);
  await expect(callUser).toBeFocused();

  // Answered while Cancel has the focus: the call goes on in its own panel, which takes it.
  // (Not bob again so soon: the hub holds back a caller just declined.)
  await dial(alice, 'carol');
  await callingCarol.getByRole('button', { name: 'Cancel' }).focus();
  await incoming(carol, 'alice').getByRole('button', { name: 'Accept call from alice' }).click();
  await expect(alice.getByRole('region', { name: 'Call with carol' })).toBeFocused();
  await alice.getByRole('region', { name: 'Call with carol' }).getByRole('button', { name: 'Hang up' }).click();
  await expect(callUser).toBeFocused();

  // From People: the person's Call button goes while the call rings.
  await alice.getByRole('button', { name: 'Call carol' }).click();
  await expect(callingCarol).toBeVisible();
  await expect(callUser).toBeFocused();

  // Escape in the Calling panel cancels the call, as it declines a ringing card.
  await callingCarol.getByRole('button', { name: 'Cancel' }).focus();
  await alice.keyboard.press('Escape');
  await expect(callingCarol).toHaveCount(0);
  await expect(incoming(carol, 'alice')).toHaveCount(0);
  await expect(callUser).toBeFocused();
});

test('hanging up the call on the line while others wait on hold puts the focus on Resume of the one held longest', async ({ switchboard }) => {
  const { ann, bob, cat, dan } = await switchboard.start({ ann: {}, bob: { incomingLimit: 3 }, cat: {}, dan: {} });
  const answer = async (caller: typeof ann, name: string): Promise<void> => {
    await dial(caller, 'bob');
    await incoming(bob, name).getByRole('button', { name: 'Accept' }).click();
    await expect(bob.getByRole('region', { name: `Call with ${name}` }).getByRole('button', { name: 'Hold' })).toBeVisible();
  };
  await answer(ann, 'ann');
  await answer(cat, 'cat');
  // A swap: cat goes on hold, then ann again when dan is answered. cat has waited longest, though ann called first.
  // A panel that just moved takes no click for a moment: the click is tried again while it has not taken.
  const resumeAnn = bob.getByRole('region', { name: 'Call with ann' }).getByRole('button', { name: 'Resume' });
  await expect(async () => {
    if ((await resumeAnn.count()) > 0) await resumeAnn.click({ timeout: 1_000 });
    await expect(bob.getByRole('region', { name: 'Call with cat' }).getByRole('button', { name: 'Resume' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await answer(dan, 'dan');
  const withDan = bob.getByRole('region', { name: 'Call with dan' });
  await expect(async () => {
    if ((await withDan.count()) > 0) await withDan.getByRole('button', { name: 'Hang up' }).click({ timeout: 1_000 });
    await expect(withDan).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(bob.getByRole('region', { name: 'Call with cat' }).getByRole('button', { name: 'Resume' })).toBeFocused();
});
