import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { makeNotice, makeState } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole, queryAllByRole } from '../testing/roles.js';
import TheNotices from './TheNotices.vue';

enableAutoUnmount(afterEach);

describe('TheNotices', () => {
  const notices = [
    makeNotice({ id: 3, kind: 'busy', text: 'bob is busy — call limit reached' }),
    makeNotice({ id: 4, kind: 'error', text: 'dial failed: hub unreachable' }),
    makeNotice({ id: 5, kind: 'info', text: 'Signed in as alice' }),
    makeNotice({ id: 6, kind: 'warning', text: 'settings.json was damaged' }),
  ];

  it('shows busy, error and warning notices as alerts and info as status, with the core’s exact text', () => {
    const { root } = mountWithStore(TheNotices, makeState({ notices }));
    expect(queryAllByRole(root, 'alert').map((alert) => alert.textContent)).toEqual([
      'bob is busy — call limit reached',
      'dial failed: hub unreachable',
      'settings.json was damaged',
    ]);
    expect(getByRole(root, 'status').textContent).toBe('Signed in as alice');
  });

  it('dismisses a notice by its id, and shows why when that fails', async () => {
    const { root, bridge } = mountWithStore(TheNotices, makeState({ notices }));
    bridge.reply = () => ({ ok: false, error: 'Not connected to Switchboard; "dismissNotice" was not sent' });
    const busy = queryAllByRole(root, 'listitem')[0];
    if (!busy) throw new Error('no notices rendered');
    getByRole(busy, 'button', 'Dismiss').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'dismissNotice', id: 3 }]);
    expect(queryAllByRole(root, 'alert').map((alert) => alert.textContent)).toContain(
      'Not connected to Switchboard; "dismissNotice" was not sent',
    );
  });
});
