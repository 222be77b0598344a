import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import App from '../App.vue';
import { makeCall, makeState, NOW } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole, queryAllByRole } from '../testing/roles.js';

enableAutoUnmount(afterEach);

const bob = makeCall({ callID: 'c-bob', peer: 'bob', phase: 'ringing', since: NOW - 1000 });
const carol = makeCall({ callID: 'c-carol', peer: 'carol', phase: 'ringing', since: NOW });
const state = makeState({ calls: [bob, carol] });

const press = (key: string, target: EventTarget = window): KeyboardEvent => {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
};
/** The person clicks in the card: from then on its keys answer. */
const click = (target: EventTarget = window): void => {
  target.dispatchEvent(new Event('pointerdown', { bubbles: true }));
};

describe('the incoming-call window (?view=incoming&callID=…)', () => {
  beforeEach(() => window.history.replaceState(null, '', '/?view=incoming&callID=c-bob'));
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('shows only that call’s card and nothing else of the app', () => {
    const { root } = mountWithStore(App, state);
    expect(queryAllByRole(root, 'dialog')).toHaveLength(1);
    getByRole(root, 'dialog', 'Incoming call from bob');
    expect(queryAllByRole(root, 'textbox')).toHaveLength(0);
    expect(root.textContent).not.toContain('History');
  });

  it('answers no key before the person clicked in the card, nor after it lost focus (a compositor may focus it unasked)', async () => {
    const { root, bridge } = mountWithStore(App, state);
    expect(press('Enter').defaultPrevented).toBe(true);
    expect(press('Escape').defaultPrevented).toBe(true);
    // Not even a button that has focus is pressed by Enter.
    expect(press('Enter', getByRole(root, 'button', 'Accept call from bob')).defaultPrevented).toBe(true);
    click(getByRole(root, 'dialog', 'Incoming call from bob'));
    window.dispatchEvent(new Event('blur'));
    press('Enter');
    await flushPromises();
    expect(bridge.sent).toEqual([]);
  });

  it('accepts on Enter, once, even if Enter is pressed again while the answer is on its way', async () => {
    const { bridge } = mountWithStore(App, state);
    click();
    press('Enter');
    press('Enter');
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'accept', callID: 'c-bob' }]);
  });

  it('declines on Escape', () => {
    const { bridge } = mountWithStore(App, state);
    click();
    press('Escape');
    expect(bridge.sent).toEqual([{ type: 'decline', callID: 'c-bob' }]);
  });

  it('lets Enter on a focused button press that button instead of accepting', () => {
    const { root, bridge } = mountWithStore(App, state);
    const decline = getByRole(root, 'button', 'Decline call from bob');
    click(decline);
    expect(press('Enter', decline).defaultPrevented).toBe(false);
    expect(bridge.sent).toEqual([]);
  });

  it('allows another try after the core refused the answer', async () => {
    const { bridge } = mountWithStore(App, state);
    bridge.reply = () => ({ ok: false, error: 'hub unreachable' });
    click();
    press('Enter');
    await flushPromises();
    press('Enter');
    expect(bridge.sent).toHaveLength(2);
  });

  it('says the call is over once it stops ringing, and ignores keys then', async () => {
    const { root, bridge } = mountWithStore(App, state);
    bridge.push(makeState({ version: 2, calls: [carol] }));
    await flushPromises();
    expect(queryAllByRole(root, 'dialog')).toHaveLength(0);
    expect(root.textContent).toContain('This call is no longer ringing.');
    click();
    press('Enter');
    expect(bridge.sent).toEqual([]);
  });
});
