import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCall, makeState, NOW } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { accessibleName, getByRole, queryAllByRole } from '../testing/roles.js';
import CallIncomingCard from './CallIncomingCard.vue';
import CallIncomingQueue from './CallIncomingQueue.vue';

enableAutoUnmount(afterEach);

const bob = makeCall({ callID: 'c-bob', peer: 'bob', phase: 'ringing', since: NOW - 4000, expiresAt: NOW + 26_000 });

describe('CallIncomingCard', () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it('is a dialog named after the caller, the caller’s name its heading, with how long they waited and the time left', async () => {
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [bob] }), { call: bob });
    const dialog = getByRole(root, 'dialog', 'Incoming call from bob');
    expect(getByRole(dialog, 'heading', 'bob').tagName).toBe('H3');
    expect(dialog.textContent).toContain('Waited 0:04');
    expect(dialog.textContent).toContain('26 s left');

    await vi.advanceTimersByTimeAsync(3000);
    expect(dialog.textContent).toContain('Waited 0:07');
    expect(dialog.textContent).toContain('23 s left');
  });

  it('while the connection is lost, rings on and says the answer waits for it, Accept and Decline held back', () => {
    const adrift = { ...bob, reconnecting: true };
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [adrift] }), { call: adrift });
    const dialog = getByRole(root, 'dialog', 'Incoming call from bob');
    expect(dialog.textContent).toContain('Reconnecting: answer once back');
    expect(dialog.textContent).not.toContain('s left');
    for (const name of ['Accept call from bob', 'Decline call from bob']) {
      const button = getByRole(dialog, 'button', name) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toContain('answer once back');
    }
  });

  it('names a caller from a ZEGO call kit by the name their kit sent, with their user ID', () => {
    const ann = makeCall({ callID: 'c-ann', peer: 'ann', peerName: 'Ann Lee', phase: 'ringing' });
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [ann] }), { call: ann });
    getByRole(root, 'dialog', 'Incoming call from Ann Lee (ann)');
  });

  it('says when the caller is calling back', () => {
    const ann = makeCall({ callID: 'c-ann', peer: 'ann', phase: 'ringing', callback: true });
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [ann] }), { call: ann });
    const dialog = getByRole(root, 'dialog', 'Incoming call from ann');
    const description = dialog.getAttribute('aria-describedby') ?? '';
    expect(root.querySelector(`[id="${description}"]`)?.textContent).toContain('ann is calling you back');
  });

  it('sends accept and decline for its own call, one answer at a time', async () => {
    const { root, bridge } = mountWithStore(CallIncomingCard, makeState({ calls: [bob] }), { call: bob });
    const dialog = getByRole(root, 'dialog', 'Incoming call from bob');
    getByRole(dialog, 'button', 'Accept call from bob').click();
    getByRole(dialog, 'button', 'Decline call from bob').click();
    expect(bridge.sent).toEqual([{ type: 'accept', callID: 'c-bob' }]);
    await flushPromises();
    getByRole(dialog, 'button', 'Decline call from bob').click();
    expect(bridge.sent).toEqual([
      { type: 'accept', callID: 'c-bob' },
      { type: 'decline', callID: 'c-bob' },
    ]);
  });

  it('shows the core’s error inside the card when the answer is refused', async () => {
    const { root, bridge } = mountWithStore(CallIncomingCard, makeState({ calls: [bob] }), { call: bob });
    bridge.reply = () => ({ ok: false, error: 'call c-bob is no longer ringing' });
    getByRole(root, 'button', 'Accept call from bob').click();
    await flushPromises();
    const dialog = getByRole(root, 'dialog', 'Incoming call from bob');
    expect(getByRole(dialog, 'alert').textContent).toBe('call c-bob is no longer ringing');
  });

  it('names the others invited to a group call, keeping the dialog’s name', () => {
    const group = makeCall({
      callID: 'g1',
      peer: 'alice',
      phase: 'ringing',
      group: true,
      participants: [
        { userID: 'alice', state: 'joined' },
        { userID: 'carol', state: 'ringing' },
        { userID: 'dave', state: 'ringing' },
      ],
    });
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [group] }), { call: group });
    const dialog = getByRole(root, 'dialog', 'Incoming call from alice');
    const others = document.getElementById(dialog.getAttribute('aria-describedby') ?? '');
    expect(others?.textContent).toBe('with carol, dave');
  });

  it.each([
    ['a colleague handing a caller over', [{ userID: 'bob', state: 'joined' }, { userID: 'alice', state: 'joined' }], 'adding you to a call with alice'],
    ['a group call someone answered first', [{ userID: 'bob', state: 'joined' }, { userID: 'dave', state: 'joined' }, { userID: 'carol', state: 'ringing' }], 'adding you to a call with dave; carol still ringing'],
  ] as const)('says answering joins a call under way: %s', (_case, participants, line) => {
    const call = makeCall({ callID: 'add1', peer: 'bob', phase: 'ringing', group: true, participants: [...participants] });
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [call] }), { call });
    const dialog = getByRole(root, 'dialog', 'Incoming call from bob');
    expect(document.getElementById(dialog.getAttribute('aria-describedby') ?? '')?.textContent).toBe(line);
  });

  it('leaves out of that line whoever is no longer in the call', () => {
    const group = makeCall({
      callID: 'g2',
      peer: 'alice',
      phase: 'ringing',
      group: true,
      participants: [
        { userID: 'alice', state: 'joined' },
        { userID: 'carol', state: 'busy' },
        { userID: 'dave', state: 'ringing' },
        { userID: 'erin', state: 'left' },
      ],
    });
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [group] }), { call: group });
    expect(getByRole(root, 'dialog', 'Incoming call from alice').textContent).toContain('with dave');
    expect(root.textContent).not.toMatch(/carol|erin/);
  });

  it('marks a priority caller\'s call, and tells it in the dialog\'s description without renaming the dialog', () => {
    const call = makeCall({ callID: 'p1', peer: 'supervisor', phase: 'ringing', priority: true });
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [call] }), { call });
    const dialog = getByRole(root, 'dialog', 'Incoming call from supervisor');
    const described = (dialog.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['Priority call']);
    expect(dialog.classList.contains('priority')).toBe(true);
  });

  it('has no "with" line for a 1v1 call', () => {
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [bob] }), { call: bob });
    const dialog = getByRole(root, 'dialog', 'Incoming call from bob');
    expect(dialog.hasAttribute('aria-describedby')).toBe(false);
    expect(dialog.textContent).not.toContain('with');
  });
});

describe('CallIncomingQueue', () => {
  const ringing = (n: number) =>
    Array.from({ length: n }, (_, i) => makeCall({ callID: `c${i}`, peer: `caller${i}`, phase: 'ringing', since: NOW + i * 1000 }));

  it('is the region "Incoming calls", oldest caller first, and announces every caller', () => {
    const carol = makeCall({ callID: 'c-carol', peer: 'carol', phase: 'ringing', since: NOW });
    const talking = makeCall({ callID: 'c-dan', peer: 'dan', phase: 'connected' });
    const { root } = mountWithStore(CallIncomingQueue, makeState({ calls: [bob, talking, carol] }));
    const region = getByRole(root, 'region', 'Incoming calls');
    expect(queryAllByRole(region, 'dialog').map(accessibleName)).toEqual(['Incoming call from bob', 'Incoming call from carol']);
    expect([...root.querySelectorAll('[aria-live="polite"] p')].map((p) => p.textContent)).toEqual([
      'Incoming call from bob',
      'Incoming call from carol',
    ]);
  });

  it('takes each announcement out of the live region once it has been read', async () => {
    vi.useFakeTimers({ now: NOW });
    try {
      const { root } = mountWithStore(CallIncomingQueue, makeState({ calls: ringing(2) }));
      const announced = () => [...root.querySelectorAll('[aria-live="polite"] p')].map((p) => p.textContent);
      expect(announced()).toEqual(['Incoming call from caller0', 'Incoming call from caller1']);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(announced()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows five cards, then "+N more", which shows the rest', async () => {
    const { root } = mountWithStore(CallIncomingQueue, makeState({ calls: ringing(8) }));
    expect(queryAllByRole(root, 'dialog')).toHaveLength(5);
    expect(queryAllByRole(root, 'dialog').map(accessibleName)[0]).toBe('Incoming call from caller0');
    getByRole(root, 'button', '+3 more').click();
    await flushPromises();
    expect(queryAllByRole(root, 'dialog')).toHaveLength(8);
  });

  it('accepts on Enter and declines on Esc in a focused card; Enter on Decline declines', async () => {
    const calls = ringing(3);
    const { root, bridge } = mountWithStore(CallIncomingQueue, makeState({ calls }));
    const [first, second, third] = queryAllByRole(root, 'dialog') as HTMLElement[];
    const press = (target: HTMLElement, key: string) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
      return event;
    };
    expect(press(first!, 'Enter').defaultPrevented).toBe(true);
    await flushPromises();
    expect(press(second!, 'Escape').defaultPrevented).toBe(true);
    await flushPromises();
    // On a button, Enter presses that button (the browser turns it into a click), not Accept.
    expect(press(getByRole(third!, 'button', 'Decline call from caller2'), 'Enter').defaultPrevented).toBe(false);
    expect(bridge.sent).toEqual([
      { type: 'accept', callID: 'c0' },
      { type: 'decline', callID: 'c1' },
    ]);
  });

  it('answers no key on a card kept through a lost connection', async () => {
    const calls = ringing(1).map((call) => ({ ...call, reconnecting: true }));
    const { root, bridge } = mountWithStore(CallIncomingQueue, makeState({ calls }));
    const card = getByRole(root, 'dialog', 'Incoming call from caller0');
    for (const key of ['Enter', 'Escape']) card.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    await flushPromises();
    expect(bridge.sent).toEqual([]);
  });

  it('renders nothing to click when no call is ringing', () => {
    const { root } = mountWithStore(CallIncomingQueue, makeState());
    expect(queryAllByRole(root, 'region')).toHaveLength(0);
    expect(root.querySelector('[aria-live="polite"]')?.textContent).toBe('');
  });
});
