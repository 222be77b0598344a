/**
 * The sign-in screen in browser mode, against a real hub: a user ID the hub refuses for good
 * (one differing only in case from a user signed in) comes back in the field, to correct.
 */
import { expect, test } from './support/fixtures.js';

test('a user ID the hub refuses for good comes back in the field with the reason, focused and selected', async ({ switchboard }) => {
  const { bob } = await switchboard.start({ alice: {}, bob: {} });
  await bob.getByRole('button', { name: 'Sign out' }).click();
  const field = bob.getByRole('textbox', { name: 'User ID' });
  await expect(field).toHaveValue('');
  // An ID that breaks the rules is caught before it is sent, and the focus goes back to the field too.
  await field.fill('a b');
  await bob.getByRole('button', { name: 'Sign in' }).click();
  await expect(bob.getByRole('alert')).toBeVisible();
  await expect(field).toBeFocused();
  await field.fill('ALICE');
  await bob.getByRole('button', { name: 'Sign in' }).click();

  await expect(bob.getByRole('alert')).toHaveText(/^the hub refused to sign in ALICE: .*differs only in case/);
  await expect(field).toHaveValue('ALICE');
  await expect(field).toBeFocused();
  await expect(field).toHaveAccessibleDescription(/differs only in case/);
  const selection = await field.evaluate((element) => {
    const input = element as unknown as { selectionStart: number | null; selectionEnd: number | null };
    return [input.selectionStart, input.selectionEnd];
  });
  expect(selection, 'the whole ID is selected').toEqual([0, 'ALICE'.length]);

  // Typing replaces the selection: the corrected ID signs in.
  await bob.keyboard.type('bob');
  await expect(field).toHaveValue('bob');
  await bob.getByRole('button', { name: 'Sign in' }).click();
  await expect(bob.getByText(/\d+ of \d+ lines/)).toBeVisible();
});
