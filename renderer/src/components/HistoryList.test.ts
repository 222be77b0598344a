import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { makeHistoryEntry, makeState, NOW } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole, queryAllByRole } from '../testing/roles.js';
import HistoryList from './HistoryList.vue';

enableAutoUnmount(afterEach);

describe('HistoryList', () => {
  it('lists each call under "History" with peer, direction, outcome and time', () => {
    const history = [
      makeHistoryEntry({ id: 2, peer: 'dan', direction: 'incoming', outcome: 'turned-away', detail: 'turned away: line limit' }),
      makeHistoryEntry({ id: 1, peer: 'bob', direction: 'outgoing', outcome: 'busy', detail: 'busy — call limit reached' }),
    ];
    const { root } = mountWithStore(HistoryList, makeState({ history }));
    getByRole(root, 'heading', 'History');
    const [first, second] = queryAllByRole(root, 'listitem');
    expect(first?.textContent).toMatch(/dan\s*incoming\s*turned away: line limit/);
    expect(first?.querySelector('time')?.getAttribute('datetime')).toBe(new Date(NOW - 60_000).toISOString());
    expect(second?.textContent).toMatch(/bob\s*outgoing\s*busy — call limit reached/);
    // The list scrolls past a few rows: it takes focus, so the keyboard can scroll it.
    expect(getByRole(root, 'list', 'History').tabIndex).toBe(0);
  });

  it('filters All / Missed / Turned away, searches by name, exports CSV, and says how many match', async () => {
    const history = [makeHistoryEntry({ id: 3, peer: 'ann', direction: 'incoming', outcome: 'missed', detail: 'missed' })];
    const { root, bridge } = mountWithStore(
      HistoryList,
      makeState({ history, historyView: { filter: 'missed', search: 'an', matching: 250, stored: 10_000 } }),
    );
    const region = getByRole(root, 'region', 'History');
    expect(getByRole(region, 'button', 'Missed').getAttribute('aria-pressed')).toBe('true');
    expect(getByRole(region, 'button', 'All').getAttribute('aria-pressed')).toBe('false');
    getByRole(region, 'button', 'Turned away').click();
    const search = getByRole<HTMLInputElement>(region, 'searchbox', 'Search history by name');
    expect(search.value).toBe('an');
    search.value = 'ann';
    search.dispatchEvent(new Event('input'));
    await nextTick();
    getByRole(region, 'button', 'Export CSV').click();
    expect(bridge.sent).toEqual([
      { type: 'setHistoryView', filter: 'turned-away', search: 'an' },
      { type: 'setHistoryView', filter: 'missed', search: 'ann' },
      { type: 'exportHistory' },
    ]);
    expect(region.textContent).toContain('Showing the newest 1 of 250.');
    // What a filter or a search leaves is said, in a status that was in the page all along.
    expect(getByRole(region, 'status').textContent).toBe('250 calls match');
  });

  it('says nothing of matches while the whole history shows', () => {
    const { root } = mountWithStore(HistoryList, makeState({ historyView: { filter: 'all', search: '', matching: 12, stored: 12 } }));
    expect(getByRole(getByRole(root, 'region', 'History'), 'status').textContent).toBe('');
  });

  it('marks call-backs', () => {
    const history = [{ ...makeHistoryEntry({ id: 1, peer: 'bob', direction: 'outgoing', outcome: 'answered', detail: 'you hung up after 0:10' }), callback: true }];
    const { root } = mountWithStore(HistoryList, makeState({ history }));
    expect(queryAllByRole(root, 'listitem')[0]?.textContent).toMatch(/bob · call-back/);
  });

  it('says "Yesterday" for last night\'s call once midnight passes, with the window left open and nothing else changing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const lateCall = new Date(2026, 10, 29, 23, 40).getTime();
      vi.setSystemTime(new Date(2026, 10, 29, 23, 50));
      const history = [{ ...makeHistoryEntry({ id: 1, peer: 'ann', direction: 'incoming', outcome: 'missed', detail: 'missed' }), startedAt: lateCall }];
      const { root } = mountWithStore(HistoryList, makeState({ history }));
      const time = (): string => root.querySelector('time')?.textContent ?? '';
      expect(time()).not.toContain('Yesterday');
      vi.advanceTimersByTime(9 * 60 * 60_000);
      await nextTick();
      expect(time()).toMatch(/^Yesterday /);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says "Yesterday" after a night asleep, whose hours the midnight timer did not count, once the window shows again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const lateCall = new Date(2026, 10, 29, 23, 40).getTime();
      vi.setSystemTime(new Date(2026, 10, 29, 23, 50));
      const history = [{ ...makeHistoryEntry({ id: 1, peer: 'ann', direction: 'incoming', outcome: 'missed', detail: 'missed' }), startedAt: lateCall }];
      const { root } = mountWithStore(HistoryList, makeState({ history }));
      // The machine sleeps: the wall clock moves on, timers do not.
      vi.setSystemTime(new Date(2026, 10, 30, 8, 0));
      document.dispatchEvent(new Event('visibilitychange'));
      await nextTick();
      expect(root.querySelector('time')?.textContent).toMatch(/^Yesterday /);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says so when there is no history yet', () => {
    const { root } = mountWithStore(HistoryList, makeState());
    expect(queryAllByRole(root, 'listitem')).toHaveLength(0);
    expect(root.textContent).toContain('No calls yet.');
  });
});
