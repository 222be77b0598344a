import { enableAutoUnmount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
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
  });

  it('says so when there is no history yet', () => {
    const { root } = mountWithStore(HistoryList, makeState());
    expect(queryAllByRole(root, 'listitem')).toHaveLength(0);
    expect(root.textContent).toContain('No calls yet.');
  });
});
