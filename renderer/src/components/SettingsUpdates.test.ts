import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateView } from '../../../shared/ipc/contract.js';
import { makeState } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole, queryAllByRole } from '../testing/roles.js';
import SettingsPanel from './SettingsPanel.vue';

enableAutoUnmount(afterEach);

const view = (more: Partial<UpdateView> = {}): UpdateView => ({ version: '0.1.0', autoCheck: true, status: 'idle', available: null, detail: null, ...more });

describe('Settings: version and updates', () => {
  it('shows the running version and the automatic-check setting, and sends the change', async () => {
    const { root, bridge } = mountWithStore(SettingsPanel, makeState({ updates: view() }));
    getByRole(root, 'heading', 'Version 0.1.0');
    const box = getByRole<HTMLInputElement>(root, 'checkbox', 'Check for updates automatically');
    expect(box.checked).toBe(true);
    box.click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'setAutoUpdate', enabled: false }]);
  });

  it('offers "Restart to update" only once an update is ready, and says when it waits for free lines', async () => {
    const { root, bridge } = mountWithStore(SettingsPanel, makeState({ updates: view({ status: 'downloading', available: '0.2.0' }) }));
    expect(queryAllByRole(root, 'button', 'Restart to update')).toHaveLength(0);
    bridge.push(makeState({ version: 2, updates: view({ status: 'ready', available: '0.2.0' }) }));
    await flushPromises();
    getByRole(root, 'button', 'Restart to update').click();
    expect(bridge.sent).toEqual([{ type: 'restartToUpdate' }]);
    bridge.push(makeState({ version: 3, updates: view({ status: 'waiting', available: '0.2.0' }) }));
    await flushPromises();
    expect(getByRole(getByRole(root, 'region', 'Version 0.1.0'), 'status').textContent).toContain('installs as soon as no call rings or is connected');
  });

  it('shows why the last check failed', () => {
    const { root } = mountWithStore(SettingsPanel, makeState({ updates: view({ status: 'error', detail: 'Could not check for updates: connect ECONNREFUSED' }) }));
    expect(getByRole(getByRole(root, 'region', 'Version 0.1.0'), 'status').textContent).toBe('Could not check for updates: connect ECONNREFUSED');
  });

  it('shows nothing of updates in browser mode', () => {
    const { root } = mountWithStore(SettingsPanel, makeState());
    expect(queryAllByRole(root, 'checkbox', 'Check for updates automatically')).toHaveLength(0);
  });
});
