import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { makeState } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole, queryAllByRole } from '../testing/roles.js';
import { useSettingsDialog } from '../composables/useSettingsDialog.js';
import SettingsPanel from './SettingsPanel.vue';

enableAutoUnmount(afterEach);

function setValue(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe('SettingsPanel', () => {
  it('shows the core’s limits in labelled number inputs bounded 1 to 20', () => {
    const { root } = mountWithStore(SettingsPanel, makeState({ limits: { incoming: 4, outgoing: 2 } }));
    const incoming = getByRole<HTMLInputElement>(root, 'spinbutton', 'Incoming limit');
    const outgoing = getByRole<HTMLInputElement>(root, 'spinbutton', 'Outgoing limit');
    expect([incoming.value, outgoing.value]).toEqual(['4', '2']);
    expect([incoming.min, incoming.max, outgoing.min, outgoing.max]).toEqual(['1', '20', '1', '20']);
  });

  it('drops limits typed and never saved when Settings opens again, so the fields show what applies', async () => {
    const { root, bridge } = mountWithStore(SettingsPanel, makeState({ limits: { incoming: 10, outgoing: 1 } }));
    const dialog = useSettingsDialog();
    dialog.open.value = true;
    const incoming = getByRole<HTMLInputElement>(root, 'spinbutton', 'Incoming limit');
    setValue(incoming, '1');
    dialog.open.value = false;
    await flushPromises();
    dialog.open.value = true;
    await flushPromises();
    expect(incoming.value).toBe('10');
    expect(bridge.sent).toEqual([]);
    dialog.open.value = false;
  });

  it('keeps what is being typed in the limits and shortcuts while states that leave them as they were come in', async () => {
    const { root, bridge } = mountWithStore(SettingsPanel, makeState({ version: 1, limits: { incoming: 10, outgoing: 1 }, shortcuts: { accept: 'F9', decline: null } }));
    const incoming = getByRole<HTMLInputElement>(root, 'spinbutton', 'Incoming limit');
    const accept = getByRole<HTMLInputElement>(root, 'textbox', 'Accept shortcut');
    setValue(incoming, '4');
    setValue(accept, 'F1');
    bridge.push(makeState({ version: 2, dnd: true, limits: { incoming: 10, outgoing: 1 }, shortcuts: { accept: 'F9', decline: null } }));
    await flushPromises();
    expect([incoming.value, accept.value]).toEqual(['4', 'F1']);
    bridge.push(makeState({ version: 3, limits: { incoming: 6, outgoing: 1 }, shortcuts: { accept: 'F9', decline: null } }));
    await flushPromises();
    expect(incoming.value).toBe('6');
  });

  it('says beside "Save limits" that limits typed are not saved yet, and what applies meanwhile', async () => {
    const { root } = mountWithStore(SettingsPanel, makeState({ limits: { incoming: 3, outgoing: 1 } }));
    const save = getByRole(root, 'button', 'Save limits');
    await flushPromises();
    expect(root.textContent).not.toContain('Not saved yet');
    setValue(getByRole(root, 'spinbutton', 'Incoming limit'), '4');
    await flushPromises();
    const hint = root.querySelector(`#${CSS.escape(save.getAttribute('aria-describedby') ?? '')}`);
    expect(hint?.textContent).toBe('Not saved yet: the limits now are 3 incoming, 1 outgoing');
    setValue(getByRole(root, 'spinbutton', 'Incoming limit'), '3');
    await flushPromises();
    expect(root.textContent).not.toContain('Not saved yet');
    expect(save.hasAttribute('aria-describedby')).toBe(false);
  });

  it('saves both limits as typed with "Save limits"', async () => {
    const { root, bridge } = mountWithStore(SettingsPanel, makeState());
    setValue(getByRole(root, 'spinbutton', 'Incoming limit'), '6');
    setValue(getByRole(root, 'spinbutton', 'Outgoing limit'), '2');
    await flushPromises();
    const status = getByRole(root, 'status');
    expect(status.textContent).toBe('');
    getByRole(root, 'button', 'Save limits').click();
    expect(bridge.sent).toEqual([{ type: 'setLimits', incoming: 6, outgoing: 2 }]);
    // Said once the core took them, in the status that was in the page all along; gone as the user types again.
    await flushPromises();
    expect(getByRole(root, 'status')).toBe(status);
    expect(status.textContent).toBe('Limits saved: 6 incoming, 2 outgoing');
    setValue(getByRole(root, 'spinbutton', 'Outgoing limit'), '3');
    await flushPromises();
    expect(status.textContent).toBe('');
  });

  it('leaves range checks to the core and shows its error', async () => {
    const { root, bridge } = mountWithStore(SettingsPanel, makeState());
    bridge.reply = () => ({ ok: false, error: 'Incoming limit: a limit must be between 1 and 20' });
    setValue(getByRole(root, 'spinbutton', 'Incoming limit'), '25');
    await flushPromises();
    getByRole(root, 'button', 'Save limits').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'setLimits', incoming: 25, outgoing: 1 }]);
    const alert = getByRole(root, 'alert');
    expect(alert.textContent).toBe('Incoming limit: a limit must be between 1 and 20');
    const field = getByRole<HTMLInputElement>(root, 'spinbutton', 'Incoming limit');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe(alert.id);
    expect(field.value).toBe('25');
    expect(getByRole(root, 'spinbutton', 'Outgoing limit').getAttribute('aria-invalid')).toBeNull();
    expect(getByRole(root, 'status').textContent).toBe('');
  });

  it('follows new limits from the core', async () => {
    const { root, bridge } = mountWithStore(SettingsPanel, makeState());
    bridge.push(makeState({ version: 2, limits: { incoming: 9, outgoing: 3 } }));
    await flushPromises();
    expect(getByRole<HTMLInputElement>(root, 'spinbutton', 'Incoming limit').value).toBe('9');
  });

  it('switches do-not-disturb through the core', async () => {
    const { root, bridge } = mountWithStore(SettingsPanel, makeState({ dnd: false }));
    const box = getByRole<HTMLInputElement>(root, 'checkbox', 'Do not disturb');
    box.click();
    expect(bridge.sent).toEqual([{ type: 'setDnd', enabled: true }]);
    bridge.push(makeState({ version: 2, dnd: true }));
    await flushPromises();
    expect(box.checked).toBe(true);

    box.click();
    expect(bridge.sent.at(-1)).toEqual({ type: 'setDnd', enabled: false });
  });

  it('puts the box back and shows why when the core refuses the switch', async () => {
    const { root, bridge } = mountWithStore(SettingsPanel, makeState({ dnd: false }));
    bridge.reply = () => ({ ok: false, error: 'Not connected to Switchboard; "setDnd" was not sent' });
    const box = getByRole<HTMLInputElement>(root, 'checkbox', 'Do not disturb');
    box.click();
    await flushPromises();
    expect(box.checked).toBe(false);
    expect(getByRole(root, 'alert').textContent).toBe('Not connected to Switchboard; "setDnd" was not sent');
  });

  it('has no shortcut fields where there are no global shortcuts (browser mode)', () => {
    const { root } = mountWithStore(SettingsPanel, makeState({ shortcuts: null }));
    expect(queryAllByRole(root, 'textbox', 'Accept shortcut')).toEqual([]);
    expect(queryAllByRole(root, 'textbox', 'Decline shortcut')).toEqual([]);
  });

  it('shows the global shortcuts and saves them as typed, an empty field turning one off', async () => {
    const shortcuts = { accept: 'CommandOrControl+Shift+A', decline: 'CommandOrControl+Shift+D' };
    const { root, bridge } = mountWithStore(SettingsPanel, makeState({ shortcuts }));
    const accept = getByRole<HTMLInputElement>(root, 'textbox', 'Accept shortcut');
    const decline = getByRole<HTMLInputElement>(root, 'textbox', 'Decline shortcut');
    expect([accept.value, decline.value]).toEqual([shortcuts.accept, shortcuts.decline]);
    setValue(accept, ' Alt+F9 ');
    setValue(decline, '');
    await flushPromises();
    getByRole(root, 'button', 'Save shortcuts').click();
    expect(bridge.sent).toEqual([{ type: 'setShortcuts', accept: 'Alt+F9', decline: null }]);
  });

  it('shows why the core refused a shortcut', async () => {
    const { root, bridge } = mountWithStore(SettingsPanel, makeState({ shortcuts: { accept: null, decline: null } }));
    const problem = 'Accept shortcut: "A" would take a key that is typed in every other application; add Ctrl, Alt or Command';
    bridge.reply = () => ({ ok: false, error: problem });
    setValue(getByRole(root, 'textbox', 'Accept shortcut'), 'A');
    await flushPromises();
    getByRole(root, 'button', 'Save shortcuts').click();
    await flushPromises();
    const alert = getByRole(root, 'alert');
    expect(alert.textContent).toBe(problem);
    const field = getByRole<HTMLInputElement>(root, 'textbox', 'Accept shortcut');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(alert.id);
    expect(field.value).toBe('A');
    expect(getByRole(root, 'textbox', 'Decline shortcut').getAttribute('aria-invalid')).toBeNull();
  });
});
