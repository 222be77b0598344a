import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCallback, makeState, NOW } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole, queryAllByRole } from '../testing/roles.js';
import CallbacksList from './CallbacksList.vue';

enableAutoUnmount(afterEach);

describe('CallbacksList', () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it('lists one item per caller in the "Callbacks" region, with tries, wait and why, and calls back or dismisses each', () => {
    const callbacks = [
      makeCallback({ peer: 'ann', attempts: 2, firstAt: NOW - 240_000, lastAt: NOW - 60_000 }),
      makeCallback({ peer: 'dee', firstAt: NOW - 30_000, lastAt: NOW - 30_000, reason: 'missed: not answered in time' }),
    ];
    const { root, bridge } = mountWithStore(CallbacksList, makeState({ callbacks }));
    const region = getByRole(root, 'region', 'Callbacks');
    const [ann, dee] = queryAllByRole(region, 'listitem');
    expect(ann?.textContent).toMatch(/ann\s*2 tries, waiting 4 min\s*turned away \(line limit\)/);
    expect(dee?.textContent).toMatch(/dee\s*1 try, waiting under a minute\s*missed: not answered in time/);
    getByRole(region, 'button', 'Call back ann').click();
    getByRole(region, 'button', 'Dismiss dee').click();
    expect(bridge.sent).toEqual([
      { type: 'callBack', userID: 'ann' },
      { type: 'dismissCallback', userID: 'dee' },
    ]);
  });

  it('says on a caller when a call back last missed them, and how', () => {
    const callbacks = [
      makeCallback({ peer: 'ann', calledBack: { at: NOW - 120_000, detail: 'ann declined' } }),
      makeCallback({ peer: 'dee' }),
    ];
    const { root } = mountWithStore(CallbacksList, makeState({ callbacks }));
    const [ann, dee] = queryAllByRole(getByRole(root, 'region', 'Callbacks'), 'listitem');
    expect(ann?.textContent).toMatch(/Called back \d\d:\d\d( [AP]M)?: ann declined/);
    expect(dee?.textContent).not.toContain('Called back');
  });

  it('tells "first" and "last" again as a new day begins, while the caller waits', async () => {
    // Two minutes before local midnight; the caller first rang a minute before that.
    const lateEvening = new Date(2026, 3, 21, 23, 58).getTime();
    vi.setSystemTime(lateEvening);
    const firstAt = lateEvening - 60_000;
    const { root } = mountWithStore(CallbacksList, makeState({ callbacks: [makeCallback({ peer: 'ann', firstAt, lastAt: firstAt })] }));
    const clock = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' }).format(firstAt);
    expect(getByRole(root, 'listitem').textContent).not.toContain('Yesterday');
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(getByRole(root, 'listitem').textContent).toContain(`first Yesterday ${clock}`);
  });

  it('offers the longest-waiting caller in a polite status, without taking focus', () => {
    const ann = makeCallback({ peer: 'ann', firstAt: NOW - 240_000 });
    const { root, bridge } = mountWithStore(CallbacksList, makeState({ callbacks: [ann], callbackOffer: ann }));
    const focused = document.activeElement;
    const offer = getByRole(root, 'status');
    expect(offer.textContent).toContain('Call back ann — waiting 4 min?');
    // The wait, which changes every minute, is shown but not read: the question is read once.
    expect(offer.querySelector('[aria-hidden="true"]')?.textContent).toBe(' — waiting 4 min');
    expect(document.activeElement).toBe(focused);
    getByRole(root, 'button', 'Yes, call back ann').click();
    expect(bridge.sent).toEqual([{ type: 'callBack', userID: 'ann' }]);
  });

  it('counts the callers waiting beside its title', () => {
    const callbacks = [makeCallback({ peer: 'ann' }), makeCallback({ peer: 'dee' })];
    const { root } = mountWithStore(CallbacksList, makeState({ callbacks }));
    expect(getByRole(root, 'heading', 'Callbacks 2')).toBeTruthy();
  });

  it('asks before calling back someone known to be offline, from the list or the offer', async () => {
    const ann = makeCallback({ peer: 'ann', firstAt: NOW - 240_000 });
    const people = [{ userID: 'ann', presence: 'offline' as const, lines: null }];
    const { root, bridge } = mountWithStore(CallbacksList, makeState({ callbacks: [ann], callbackOffer: ann, people }));
    getByRole(root, 'button', 'Call back ann').click();
    getByRole(root, 'button', 'Yes, call back ann').click();
    await flushPromises();
    expect(bridge.sent).toEqual([]);
    expect(getByRole(root, 'alert').textContent).toContain('ann is offline — call back anyway?');
    getByRole(root, 'button', 'Call back anyway').click();
    expect(bridge.sent).toEqual([{ type: 'callBack', userID: 'ann' }]);
  });

  it('offers no call back while offline, and announces only the offer\'s question', () => {
    const ann = makeCallback({ peer: 'ann', firstAt: NOW - 240_000 });
    const online = mountWithStore(CallbacksList, makeState({ callbacks: [ann], callbackOffer: ann }));
    expect(getByRole(online.root, 'status').textContent).toBe('Call back ann — waiting 4 min?');
    const offline = mountWithStore(
      CallbacksList,
      makeState({ callbacks: [ann], callbackOffer: ann, connection: { status: 'offline', hubUrl: 'ws://h', error: 'down', retryAt: null } }),
    );
    expect(getByRole(offline.root, 'status').textContent).toBe('');
    expect(queryAllByRole(offline.root, 'button', 'Yes, call back ann')).toHaveLength(0);
  });

  it('keeps its status in the page while there is no offer, so that the offer, when it comes, is read out', async () => {
    const ann = makeCallback({ peer: 'ann', firstAt: NOW - 240_000 });
    const { root, bridge } = mountWithStore(CallbacksList, makeState({ version: 1, callbacks: [ann] }));
    const status = getByRole(root, 'status');
    expect(status.textContent).toBe('');
    bridge.push(makeState({ version: 2, callbacks: [ann], callbackOffer: ann }));
    await flushPromises();
    expect(getByRole(root, 'status')).toBe(status);
    expect(status.textContent).toBe('Call back ann — waiting 4 min?');
  });

  it('says when nobody waits', () => {
    const { root } = mountWithStore(CallbacksList, makeState());
    expect(queryAllByRole(root, 'listitem')).toHaveLength(0);
    expect(getByRole(root, 'status').textContent).toBe('');
    expect(root.textContent).toContain('Nobody is waiting for a call back.');
  });
});
