import { config, enableAutoUnmount } from '@vue/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallView } from '../../../shared/ipc/contract.js';
import { makeCall, makeState, NOW } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { accessibleName, getByRole, queryAllByRole } from '../testing/roles.js';
import CallIncomingQueue from './CallIncomingQueue.vue';

enableAutoUnmount(afterEach);

const ringing = (peer: string, n: number): CallView => makeCall({ callID: `c-${peer}`, peer, phase: 'ringing', since: NOW + n });
const [ann, ben, cat] = ['ann', 'ben', 'cat'].map(ringing) as [CallView, CallView, CallView];
const talking = makeCall({ callID: 'c-eve', peer: 'eve', phase: 'connected' });

describe('CallIncomingQueue', () => {
  // The cards' leaving is what is tested: the real TransitionGroup, not the test utils' stub.
  beforeAll(() => (config.global.stubs = { transition: false, 'transition-group': false }));
  afterAll(() => (config.global.stubs = {}));
  afterEach(() => vi.useRealTimers());

  it('folds a card that still rings into "+N more" when a call connects: it keeps its place a moment, unfaded, and its focus goes to "+1 more"', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'Date'] });
    const { root, bridge } = mountWithStore(CallIncomingQueue, makeState({ version: 1, calls: [ann, ben, cat] }));
    const catCard = getByRole(root, 'dialog', 'Incoming call from cat');
    catCard.focus();
    // eve, called earlier, answers: a call is connected, so two cards show.
    bridge.push(makeState({ version: 2, calls: [talking, ann, ben, cat] }));
    await vi.advanceTimersByTimeAsync(0);
    expect(document.activeElement).toBe(getByRole(root, 'button', '+1 more'));
    // Still there, so that a second click lands on nothing; but not faded as a call that stopped ringing is.
    expect(catCard.closest('[inert]')).not.toBeNull();
    expect(catCard.closest('li')?.classList.contains('folded')).toBe(true);
    await vi.advanceTimersByTimeAsync(700);
    expect(root.contains(catCard)).toBe(false);
    expect(queryAllByRole(root, 'dialog')).toHaveLength(2);
  });

  it('never folds a priority caller into "+N more": their card shows after the first two, where no card moves for it', () => {
    const boss = makeCall({ callID: 'c-boss', peer: 'boss', phase: 'ringing', since: NOW + 4, priority: true });
    const { root } = mountWithStore(CallIncomingQueue, makeState({ version: 1, calls: [talking, ann, ben, cat, boss] }));
    // ann and ben as before, then boss: cat, folded, is the one "+1 more" holds.
    expect(queryAllByRole(root, 'dialog').map((card) => accessibleName(card))).toEqual(['Incoming call from ann', 'Incoming call from ben', 'Incoming call from boss']);
    expect(getByRole(root, 'button', '+1 more')).toBeDefined();
    expect(queryAllByRole(root, 'dialog', 'Incoming call from cat')).toHaveLength(0);
  });

  it('hands the focus of "Show fewer" to a card when nothing is left to fold', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'Date'] });
    const boss = makeCall({ callID: 'c-boss', peer: 'boss', phase: 'ringing', since: NOW + 4, priority: true });
    const { root, bridge } = mountWithStore(CallIncomingQueue, makeState({ version: 1, calls: [talking, ann, ben, cat, boss] }));
    const more = getByRole(root, 'button', '+1 more');
    more.focus();
    more.click();
    await vi.advanceTimersByTimeAsync(0);
    expect(more.textContent?.trim()).toBe('Show fewer');
    // cat gives up: ann and ben, then boss, who is never folded: nothing to fold any more.
    bridge.push(makeState({ version: 2, calls: [talking, ann, ben, boss] }));
    await vi.advanceTimersByTimeAsync(100);
    expect(root.contains(more)).toBe(false);
    expect(document.activeElement?.closest('[data-incoming-card]')).not.toBeNull();
  });

  it('keeps a card that stopped ringing in its place, inert, for 600 ms', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'Date'] });
    const { root, bridge } = mountWithStore(CallIncomingQueue, makeState({ version: 1, calls: [ann, ben] }));
    const annCard = getByRole(root, 'dialog', 'Incoming call from ann');
    bridge.push(makeState({ version: 2, calls: [ben] }));
    await vi.advanceTimersByTimeAsync(590);
    expect(root.contains(annCard)).toBe(true);
    expect(annCard.closest('[inert]')).not.toBeNull();
    expect(annCard.closest('li')?.classList.contains('folded')).toBe(false);
    // Vue starts the wait a frame or two after the card stopped ringing.
    await vi.advanceTimersByTimeAsync(100);
    expect(root.contains(annCard)).toBe(false);
  });
});
