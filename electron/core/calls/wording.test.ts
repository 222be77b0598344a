import { describe, expect, it } from 'vitest';
import { tooSoon } from './wording.js';

describe('tooSoon', () => {
  it('says when to try again, rounded up so that trying then works, or "a few seconds" when the backend did not say', () => {
    const when = (retryAfterMs?: number): string => tooSoon(retryAfterMs).replace(/^.*; try again in /, '');
    expect(when()).toBe('a few seconds');
    expect(when(0)).toBe('1 s');
    expect(when(4_001)).toBe('5 s');
    expect(when(119_000)).toBe('119 s');
    expect(when(120_001)).toBe('3 min');
    expect(when(600_000)).toBe('10 min');
  });
});
