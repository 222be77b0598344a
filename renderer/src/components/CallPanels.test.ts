import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCall, makeState, NOW } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole } from '../testing/roles.js';
import CallConnectedPanel from './CallConnectedPanel.vue';
import CallOutgoingPanel from './CallOutgoingPanel.vue';

enableAutoUnmount(afterEach);

beforeEach(() => vi.useFakeTimers({ now: NOW }));
afterEach(() => vi.useRealTimers());

describe('CallOutgoingPanel', () => {
  const call = makeCall({ callID: 'c1', peer: 'bob', phase: 'calling', since: NOW - 2000, expiresAt: NOW + 58_000 });

  it('is a region named "Calling <user>" that says so and counts down', () => {
    const { root } = mountWithStore(CallOutgoingPanel, makeState({ calls: [call] }), { call });
    const region = getByRole(root, 'region', 'Calling bob');
    expect(region.textContent).toContain('Calling bob…');
    expect(region.textContent).toContain('times out in 58 s');
  });

  it('cancels its call, and shows a refusal inside the region', async () => {
    const { root, bridge } = mountWithStore(CallOutgoingPanel, makeState({ calls: [call] }), { call });
    bridge.reply = () => ({ ok: false, error: 'call c1 already ended' });
    const region = getByRole(root, 'region', 'Calling bob');
    getByRole(region, 'button', 'Cancel').click();
    await flushPromises();
    expect(bridge.sent).toEqual([{ type: 'cancel', callID: 'c1' }]);
    expect(getByRole(region, 'alert').textContent).toBe('call c1 already ended');
  });
});

describe('CallConnectedPanel', () => {
  const call = makeCall({ callID: 'c2', peer: 'carol', phase: 'connected', since: NOW - 65_000 });

  it('is a region named "Call with <user>" with a running timer', async () => {
    const { root } = mountWithStore(CallConnectedPanel, makeState({ calls: [call] }), { call });
    const region = getByRole(root, 'region', 'Call with carol');
    expect(region.textContent).toContain('1:05');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(region.textContent).toContain('1:15');
  });

  it('hangs up its call', () => {
    const { root, bridge } = mountWithStore(CallConnectedPanel, makeState({ calls: [call] }), { call });
    getByRole(getByRole(root, 'region', 'Call with carol'), 'button', 'Hang up').click();
    expect(bridge.sent).toEqual([{ type: 'hangUp', callID: 'c2' }]);
  });
});
