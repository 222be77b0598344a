import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { makeState } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole, queryAllByRole } from '../testing/roles.js';
import SettingsPriorityCallers from './SettingsPriorityCallers.vue';

enableAutoUnmount(afterEach);

describe('SettingsPriorityCallers', () => {
  it('lists the priority callers, each with its own labelled Remove button', async () => {
    const { root, bridge } = mountWithStore(SettingsPriorityCallers, makeState({ priorityCallers: ['supervisor', 'dispatch'] }));
    const list = getByRole(root, 'list', 'Priority callers');
    expect(queryAllByRole(list, 'listitem').map((item) => item.firstElementChild?.textContent)).toEqual(['supervisor', 'dispatch']);
    getByRole(root, 'button', 'Remove dispatch from priority callers').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'setPriorityCaller', userID: 'dispatch', priority: false }]);
  });

  it('adds the user typed into "Priority caller to add", and shows the core\'s refusal beside the field', async () => {
    const { root, bridge } = mountWithStore(SettingsPriorityCallers, makeState());
    expect(root.textContent).toContain('Nobody has priority.');
    const field = getByRole<HTMLInputElement>(root, 'textbox', 'Priority caller to add');
    field.value = ' supervisor ';
    field.dispatchEvent(new Event('input'));
    getByRole(root, 'button', 'Add').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'setPriorityCaller', userID: 'supervisor', priority: true }]);
    expect(field.value).toBe('');

    bridge.reply = () => ({ ok: false, error: 'Cannot add one.more: there are 50 priority callers already, the most there can be' });
    field.value = 'one.more';
    field.dispatchEvent(new Event('input'));
    getByRole(root, 'button', 'Add').click();
    await flushPromises();
    expect(getByRole(root, 'alert').textContent).toContain('50 priority callers already');
    expect(field.value).toBe('one.more');
  });
});
