import { enableAutoUnmount, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../../shared/ipc/contract.js';
import { makeState, NOW } from '../testing/fixtures.js';
import { mountWithStore } from '../testing/mountWithStore.js';
import { getByRole } from '../testing/roles.js';
import TheConnectionStatus from './TheConnectionStatus.vue';

enableAutoUnmount(afterEach);

describe('TheConnectionStatus', () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it('counts down to the next retry while reconnecting, with the reason', async () => {
    const connection = { status: 'reconnecting', hubUrl: 'ws://127.0.0.1:4780', error: 'connect ECONNREFUSED', retryAt: NOW + 3000 } as const;
    const { root } = mountWithStore(TheConnectionStatus, makeState({ connection }));
    const status = getByRole(root, 'status');
    expect(status.textContent).toContain('Offline — reconnecting in 3 s');
    expect(status.textContent).toContain('connect ECONNREFUSED');
    await vi.advanceTimersByTimeAsync(2000);
    expect(status.textContent).toContain('Offline — reconnecting in 1 s');
    // The seconds are not read out: what a screen reader hears stays the same as they tick.
    expect(status.querySelector('[aria-hidden="true"]')?.textContent).toBe(' in 1 s');
  });

  it('says when ZEGOCLOUD reconnects by itself, when it gave up and why, and when another device took over', () => {
    const zim = { hubUrl: 'ZEGOCLOUD (AppID 1234567890)', error: null, retryAt: null };
    const text = (connection: AppState['connection']) =>
      getByRole(mountWithStore(TheConnectionStatus, makeState({ connection })).root, 'status').textContent;
    expect(text({ ...zim, status: 'reconnecting' })).toBe('Connection to ZEGOCLOUD (AppID 1234567890) lost — reconnecting…');
    expect(text({ ...zim, status: 'offline', error: 'ZEGOCLOUD does not know AppID 1 (6000003)' })).toBe(
      'Disconnected · ZEGOCLOUD does not know AppID 1 (6000003)',
    );
    expect(text({ ...zim, status: 'signed-in-elsewhere' })).toBe('Signed out: you signed in on another device');
  });

  it('says it is connecting, and empties once online', async () => {
    const connecting = { status: 'connecting', hubUrl: 'ws://127.0.0.1:4780', error: null, retryAt: null } as const;
    const { root, bridge } = mountWithStore(TheConnectionStatus, makeState({ connection: connecting }));
    const status = getByRole(root, 'status');
    expect(status.textContent).toBe('Connecting to ws://127.0.0.1:4780…');
    bridge.push(makeState({ version: 2 }));
    await flushPromises();
    expect(status.textContent).toBe('');
    expect(status.querySelector('p')).toBeNull();
  });

  it('writes a lost connection into the live region that was already in the page, so that it is announced', async () => {
    const { root, bridge } = mountWithStore(TheConnectionStatus, makeState({ version: 1 }));
    const status = getByRole(root, 'status');
    expect(status.textContent).toBe('');
    const lost = { status: 'reconnecting', hubUrl: 'ws://127.0.0.1:4780', error: null, retryAt: null } as const;
    bridge.push(makeState({ version: 2, connection: lost }));
    await flushPromises();
    expect(getByRole(root, 'status')).toBe(status);
    expect(status.textContent).toBe('Connection to ws://127.0.0.1:4780 lost — reconnecting…');
  });
});
