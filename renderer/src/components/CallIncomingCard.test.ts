import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCall, makeState, NOW } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { accessibleName, getByRole, queryAllByRole } from '../testing/roles.js';
import CallIncomingCard from './CallIncomingCard.vue';
import CallIncomingStack from './CallIncomingStack.vue';

enableAutoUnmount(afterEach);

const bob = makeCall({ callID: 'c-bob', peer: 'bob', phase: 'ringing', since: NOW - 4000, expiresAt: NOW + 26_000 });

describe('CallIncomingCard', () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it('is a dialog named after the caller, with a live ring time and countdown', async () => {
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [bob] }), { call: bob });
    const dialog = getByRole(root, 'dialog', 'Incoming call from bob');
    expect(dialog.textContent).toContain('Ringing 0:04');
    expect(dialog.textContent).toContain('times out in 26 s');

    await vi.advanceTimersByTimeAsync(3000);
    expect(dialog.textContent).toContain('Ringing 0:07');
    expect(dialog.textContent).toContain('times out in 23 s');
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

  it('sends accept and decline for its own call', () => {
    const { root, bridge } = mountWithStore(CallIncomingCard, makeState({ calls: [bob] }), { call: bob });
    const dialog = getByRole(root, 'dialog', 'Incoming call from bob');
    getByRole(dialog, 'button', 'Accept').click();
    getByRole(dialog, 'button', 'Decline').click();
    expect(bridge.sent).toEqual([
      { type: 'accept', callID: 'c-bob' },
      { type: 'decline', callID: 'c-bob' },
    ]);
  });

  it('shows the core’s error inside the card when the answer is refused', async () => {
    const { root, bridge } = mountWithStore(CallIncomingCard, makeState({ calls: [bob] }), { call: bob });
    bridge.reply = () => ({ ok: false, error: 'call c-bob is no longer ringing' });
    getByRole(root, 'button', 'Accept').click();
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
        { userID: 'dave', state: 'joined' },
      ],
    });
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [group] }), { call: group });
    const dialog = getByRole(root, 'dialog', 'Incoming call from alice');
    const others = document.getElementById(dialog.getAttribute('aria-describedby') ?? '');
    expect(others?.textContent).toBe('with carol, dave');
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

  it('has no "with" line for a 1v1 call', () => {
    const { root } = mountWithStore(CallIncomingCard, makeState({ calls: [bob] }), { call: bob });
    const dialog = getByRole(root, 'dialog', 'Incoming call from bob');
    expect(dialog.hasAttribute('aria-describedby')).toBe(false);
    expect(dialog.textContent).not.toContain('with');
  });
});

describe('CallIncomingStack', () => {
  it('stacks one card per ringing call, newest first, and announces the newest caller', () => {
    const carol = makeCall({ callID: 'c-carol', peer: 'carol', phase: 'ringing', since: NOW });
    const talking = makeCall({ callID: 'c-dan', peer: 'dan', phase: 'connected' });
    const { root } = mountWithStore(CallIncomingStack, makeState({ calls: [bob, talking, carol] }));
    const names = queryAllByRole(root, 'dialog').map(accessibleName);
    expect(names).toEqual(['Incoming call from carol', 'Incoming call from bob']);
    expect(root.querySelector('[aria-live="polite"]')?.textContent).toBe('carol is calling');
  });

  it('renders nothing to click when no call is ringing', () => {
    const { root } = mountWithStore(CallIncomingStack, makeState());
    expect(queryAllByRole(root, 'dialog')).toHaveLength(0);
    expect(root.querySelector('[aria-live="polite"]')?.textContent).toBe('');
  });
});
