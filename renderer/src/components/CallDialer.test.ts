import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { PersonView } from '../../../shared/ipc/contract.js';
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
    expect(box.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(box.value).toBe('dan');

    bridge.reply = () => ({ ok: true });
    getByRole(root, 'button', 'Call').click();
    await flushPromises();
    expect(queryAllByRole(root, 'alert')).toHaveLength(0);
  });

  it('drops the core\'s refusal once another name is typed: it was about the name before', async () => {
    const { root, bridge } = mountWithStore(CallDialer, makeState());
    bridge.reply = () => ({ ok: false, error: 'Cannot call bob yet: bob just declined your call' });
    await typeUser(root, 'bob');
    getByRole(root, 'button', 'Call').click();
    await flushPromises();
    expect(getByRole(root, 'alert').textContent).toContain('Cannot call bob yet');
    await typeUser(root, 'dave');
    expect(queryAllByRole(root, 'alert')).toHaveLength(0);
  });

  it('dials several people as one group call: names split on commas and spaces, each once', async () => {
    const { root, bridge } = mountWithStore(CallDialer, makeState());
    const box = await typeUser(root, 'bob, carol dave,bob');
    getByRole(root, 'button', 'Call').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'dialGroup', userIDs: ['bob', 'carol', 'dave'] }]);
    expect(box.value).toBe('');
  });

  it('dials one person the ordinary way, however the name is padded or repeated', async () => {
    const { root, bridge } = mountWithStore(CallDialer, makeState());
    await typeUser(root, ' bob, bob ');
    getByRole(root, 'button', 'Call').click();
    expect(bridge.sent).toEqual([{ type: 'dial', userID: 'bob' }]);
  });

  it('tells the user, as the box’s description, that several names start a group call', () => {
    const { root } = mountWithStore(CallDialer, makeState());
    const box = getByRole<HTMLInputElement>(root, 'textbox', 'Call user');
    const hint = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe('Several names, separated by commas or spaces, start a group call.');
    expect(box.placeholder).toBe('user name');
  });

  it('takes the examples in the box from People, who never include yourself', () => {
    const person = (userID: string): PersonView => ({ userID, presence: 'available', lines: null });
    const placeholder = (people: PersonView[]): string =>
      getByRole<HTMLInputElement>(mountWithStore(CallDialer, makeState({ people })).root, 'textbox', 'Call user').placeholder;
    expect(placeholder([person('carol')])).toBe('carol');
    expect(placeholder(['carol', 'dave', 'erin', 'fay'].map(person))).toBe('carol — or carol, dave, erin');
  });

  it('shows a group dial’s refusal next to the box', async () => {
    const { root, bridge } = mountWithStore(CallDialer, makeState());
    bridge.reply = () => ({ ok: false, error: 'Cannot call bob, carol: outgoing limit reached (1 of 1 outgoing call); end a call you placed, or raise the outgoing limit in Settings' });
    const box = await typeUser(root, 'bob carol');
    getByRole(root, 'button', 'Call').click();
    await flushPromises();
    expect(getByRole(root, 'alert').textContent).toBe('Cannot call bob, carol: outgoing limit reached (1 of 1 outgoing call); end a call you placed, or raise the outgoing limit in Settings');
    expect(box.value).toBe('bob carol');
  });

  it('asks before calling someone known to be offline, and calls on "Call anyway"', async () => {
    const people = [
      { userID: 'carol', presence: 'offline' as const, lines: null },
      { userID: 'dave', presence: 'available' as const, lines: null },
    ];
    const { root, bridge } = mountWithStore(CallDialer, makeState({ people }));
    await typeUser(root, 'carol, dave');
    getByRole(root, 'button', 'Call').click();
    await flushPromises();
    expect(bridge.sent).toEqual([]);
    expect(getByRole(root, 'alert').textContent).toContain('carol is offline — call anyway?');

    getByRole(root, 'button', "Don't call").click();
    await flushPromises();
    expect(queryAllByRole(root, 'alert')).toHaveLength(0);
    // Escape says "Don't call" too, from the box or the question's buttons.
    getByRole(root, 'button', 'Call').click();
    await flushPromises();
    getByRole(root, 'button', 'Call anyway').focus();
    getByRole(root, 'button', 'Call anyway').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await flushPromises();
    expect(queryAllByRole(root, 'alert')).toHaveLength(0);
    expect(document.activeElement).toBe(getByRole(root, 'textbox', 'Call user'));
    expect(bridge.sent).toEqual([]);
    getByRole(root, 'button', 'Call').click();
    await flushPromises();
    getByRole(root, 'button', 'Call anyway').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'dialGroup', userIDs: ['carol', 'dave'] }]);
  });

  it('suggests the people it knows as the name is typed, with their presence, and completes it', async () => {
    const people = [
      { userID: 'erin', presence: 'busy' as const, lines: { inUse: 2, limit: 3 } },
      { userID: 'bob', presence: 'available' as const, lines: null },
    ];
    const { root } = mountWithStore(CallDialer, makeState({ people }));
    const box = await typeUser(root, 'bob, er');
    const list = getByRole(root, 'list', 'Suggestions');
    expect([...list.querySelectorAll('button')].map((button) => button.textContent?.replace(/\s+/g, ' ').trim())).toEqual(['erin, on 2 of 3 lines']);
    list.querySelector('button')!.click();
    await flushPromises();
    expect(box.value).toBe('bob, erin');
    expect(queryAllByRole(root, 'list', 'Suggestions')).toHaveLength(0);
  });

  it('keeps Call disabled while the box is empty, and says in place what is wrong with a name, without sending', async () => {
    const { root, bridge } = mountWithStore(CallDialer, makeState());
    const call = getByRole<HTMLButtonElement>(root, 'button', 'Call');
    expect(call.disabled).toBe(true);
    const box = await typeUser(root, 'bob, ca rol!');
    expect(call.disabled).toBe(false);
    call.click();
    await flushPromises();
    expect(bridge.sent).toEqual([]);
    const alert = getByRole(root, 'alert');
    expect(alert.textContent).toBe('“rol!” is not a user name: use 1 to 32 letters, digits or _ . @ -');
    expect(alert.textContent).not.toContain('invalid command');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    expect(box.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(box.value).toBe('bob, ca rol!');
    await typeUser(root, 'bob, carol');
    expect(queryAllByRole(root, 'alert')).toHaveLength(0);
    expect(box.getAttribute('aria-invalid')).toBeNull();
  });
});
