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

  it('says each new attempt after a loss as the same reconnecting, with the reason last heard, so that it is not read out every time', async () => {
    const hubUrl = 'ws://127.0.0.1:4780';
    const { root, bridge } = mountWithStore(TheConnectionStatus, makeState({ version: 1, connection: { status: 'connecting', hubUrl, error: null, retryAt: null } }));
    const status = getByRole(root, 'status');
    expect(status.textContent).toBe(`Connecting to ${hubUrl}…`);
    const push = async (version: number, connection: AppState['connection']): Promise<string | null> => {
      bridge.push(makeState({ version, connection }));
      await flushPromises();
      // What a screen reader reads: the region without what is hidden from it.
      const spoken = status.cloneNode(true) as HTMLElement;
      for (const hidden of spoken.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
      return spoken.textContent;
    };
    const lost = { status: 'reconnecting', hubUrl, error: 'connect ECONNREFUSED', retryAt: NOW + 3000 } as const;
    const said = await push(2, lost);
    expect(said).toBe('Offline — reconnecting · connect ECONNREFUSED');
    expect(await push(3, { status: 'connecting', hubUrl, error: null, retryAt: null })).toBe(said);
    expect(await push(4, { ...lost, retryAt: NOW + 6000 })).toBe(said);
    // Back online, said a few seconds; then lost again later: a first attempt says where it connects again.
    expect(await push(5, { status: 'online', hubUrl, error: null, retryAt: null })).toBe('Back online');
    // The states that follow at once, online as well, leave it to be read.
    expect(await push(6, { status: 'online', hubUrl, error: null, retryAt: null })).toBe('Back online');
    await vi.advanceTimersByTimeAsync(4_000);
    expect(status.textContent).toBe('');
    expect(await push(7, { status: 'connecting', hubUrl, error: null, retryAt: null })).toBe(`Connecting to ${hubUrl}…`);
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
