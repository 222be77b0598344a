import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { makeState } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole, queryAllByRole } from '../testing/roles.js';
import SettingsBlockList from './SettingsBlockList.vue';

enableAutoUnmount(afterEach);

function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('SettingsBlockList', () => {
  it('lists the blocked users under its heading, each with its own labelled Unblock button', async () => {
    const { root, bridge } = mountWithStore(SettingsBlockList, makeState({ blocked: ['mallory', 'spam.bot'] }));
    const list = getByRole(root, 'list', 'Blocked callers');
    expect(queryAllByRole(list, 'listitem').map((item) => item.firstElementChild?.textContent)).toEqual(['mallory', 'spam.bot']);
    getByRole(root, 'button', 'Unblock spam.bot').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'unblock', userID: 'spam.bot' }]);
  });

  it('blocks the user typed into "User to block", clears the field when the core agrees, and keeps it with the error when not', async () => {
    const { root, bridge } = mountWithStore(SettingsBlockList, makeState());
    expect(root.textContent).toContain('Nobody is blocked.');
    const field = getByRole<HTMLInputElement>(root, 'textbox', 'User to block');
    type(field, ' mallory ');
    await flushPromises();
    getByRole(root, 'button', 'Block').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'block', userID: 'mallory' }]);
    expect(field.value).toBe('');

    bridge.reply = () => ({ ok: false, error: 'invalid command: userID: a userID is 1 to 32 letters, digits or _ . @ -' });
    type(field, 'not valid!');
    await flushPromises();
    getByRole(root, 'button', 'Block').click();
    await flushPromises();
    expect(getByRole(root, 'alert').textContent).toContain('a userID is 1 to 32 letters');
    expect(field.value).toBe('not valid!');
    expect(field.getAttribute('aria-describedby')).toContain(getByRole(root, 'alert').id);
  });
});
