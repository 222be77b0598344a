import { describe, expect, it } from 'vitest';
import { formatElapsed, formatWhen, secondsUntil } from './format.js';

describe('formatElapsed', () => {
  it.each([
    [0, '0:00'],
    [7_400, '0:07'],
    [754_000, '12:34'],
    [3_723_000, '1:02:03'],
    [-5_000, '0:00'],
  ])('%i ms → %s', (ms, text) => expect(formatElapsed(ms)).toBe(text));
});

describe('secondsUntil', () => {
  it('rounds up and never goes below zero', () => {
    expect(secondsUntil(10_001, 0)).toBe(11);
    expect(secondsUntil(10_000, 0)).toBe(10);
    expect(secondsUntil(0, 5_000)).toBe(0);
  });
});

describe('formatWhen', () => {
  // Local times, as the user's clock shows them.
  const now = new Date(2026, 10, 30, 9, 15).getTime();
  const clock = (at: number): string => new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' }).format(at);

  it('shows the time alone for today, from midnight on', () => {
    const midnight = new Date(2026, 10, 30, 0, 0).getTime();
    expect(formatWhen(midnight, now)).toBe(clock(midnight));
    expect(formatWhen(now, now)).toBe(clock(now));
  });

  it('says "Yesterday" for the day before, up to the last minute before midnight', () => {
    const lastNight = new Date(2026, 10, 29, 23, 59).getTime();
    const yesterdayMorning = new Date(2026, 10, 29, 0, 0).getTime();
    expect(formatWhen(lastNight, now)).toBe(`Yesterday ${clock(lastNight)}`);
    expect(formatWhen(yesterdayMorning, now)).toBe(`Yesterday ${clock(yesterdayMorning)}`);
  });

  it('gives the day before that, and the year when it is not this one', () => {
    const earlier = new Date(2026, 10, 28, 23, 59).getTime();
    const lastYear = new Date(2025, 11, 31, 8, 0).getTime();
    const day = new Intl.DateTimeFormat([], { day: 'numeric', month: 'short' }).format(earlier);
    expect(formatWhen(earlier, now)).toBe(`${day} ${clock(earlier)}`);
    expect(formatWhen(lastYear, now)).toContain('2025');
    expect(formatWhen(lastYear, now)).not.toContain('Yesterday');
  });
});
