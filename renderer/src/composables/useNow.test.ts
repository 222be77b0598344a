import { effectScope, nextTick, ref } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './useNow.js';

describe('useNow', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs no timer while nothing shows a live time, and ticks while something does', async () => {
    const live = ref(false);
    const scope = effectScope();
    const now = scope.run(() => useNow(() => live.value))!;
    expect(vi.getTimerCount()).toBe(0);
    const before = now.value;
    vi.advanceTimersByTime(5_000);
    expect(now.value).toBe(before);

    live.value = true;
    await nextTick();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(3_000);
    expect(now.value).toBe(before + 8_000);

    live.value = false;
    await nextTick();
    expect(vi.getTimerCount()).toBe(0);
    scope.stop();
  });

  it('stops its timer when its component goes away', () => {
    const scope = effectScope();
    scope.run(() => useNow());
    expect(vi.getTimerCount()).toBe(1);
    scope.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('useNow, shared', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs one timer for every component on the same period, until the last one goes', () => {
    const scopes = Array.from({ length: 5 }, () => effectScope());
    const clocks = scopes.map((scope) => scope.run(() => useNow())!);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(new Set(clocks.map((clock) => clock.value)).size).toBe(1);
    for (const scope of scopes.slice(1)) scope.stop();
    expect(vi.getTimerCount()).toBe(1);
    scopes[0]!.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
