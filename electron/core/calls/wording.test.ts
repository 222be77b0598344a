import { describe, expect, it } from 'vitest';
import { tooSoon } from './wording.js';

describe('tooSoon', () => {
  it('says when to try again, rounded up so that trying then works, or "later" when the backend did not say', () => {
    const when = (retryAfterMs?: number): string => tooSoon(retryAfterMs).replace(/^.*; try again /, '');
    expect(when()).toBe('later');
    expect(when(0)).toBe('in 1 s');
    expect(when(4_001)).toBe('in 5 s');
    expect(when(119_000)).toBe('in 119 s');
    expect(when(120_001)).toBe('in 3 min');
    expect(when(600_000)).toBe('in 10 min');
  });
});
