import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { makeState } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole, queryAllByRole } from '../testing/roles.js';
import CallDialer from './CallDialer.vue';

enableAutoUnmount(afterEach);

async function typeUser(root: HTMLElement, value: string): Promise<HTMLInputElement> {
  const box = getByRole<HTMLInputElement>(root, 'textbox', 'Call user');
  box.value = value;
  box.dispatchEvent(new Event('input'));
  await flushPromises();
  return box;
}

describe('CallDialer', () => {
  it('dials the typed user with the Call button and clears the box once the core accepts', async () => {
    const { root, bridge } = mountWithStore(CallDialer, makeState());
    const box = await typeUser(root, ' bob ');
    getByRole(root, 'button', 'Call').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'dial', userID: 'bob' }]);
    expect(box.value).toBe('');
  });

  it('dials on Enter: the box and the Call button submit one form', async () => {
    const { root, bridge } = mountWithStore(CallDialer, makeState());
    const box = await typeUser(root, 'carol');
    // Browsers turn Enter in a form's text box into this submission (implicit submission).
    box.form?.requestSubmit();
    expect(bridge.sent).toEqual([{ type: 'dial', userID: 'carol' }]);
  });

  it('shows the core’s refusal next to the box and keeps what was typed', async () => {
    const { root, bridge } = mountWithStore(CallDialer, makeState());
    bridge.reply = () => ({ ok: false, error: 'Outgoing limit reached (1 of 1)' });
    const box = await typeUser(root, 'dan');
    getByRole(root, 'button', 'Call').click();
    await flushPromises();
    const alert = getByRole(root, 'alert');
    expect(alert.textContent).toBe('Outgoing limit reached (1 of 1)');
    expect(box.getAttribute('aria-describedby')).toBe(alert.id);
    expect(box.value).toBe('dan');

    bridge.reply = () => ({ ok: true });
    getByRole(root, 'button', 'Call').click();
    await flushPromises();
    expect(queryAllByRole(root, 'alert')).toHaveLength(0);
  });
});
