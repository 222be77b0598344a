import { describe, expect, it } from 'vitest';
import { wholeNumber } from './wholeNumber.js';

describe('wholeNumber', () => {
  it('reads any safe whole number in range, such as a seed of ten digits or 0', () => {
    expect(wholeNumber('--seed', '1301090369', 0)).toBe(1301090369);
    expect(wholeNumber('--seed', '0', 0)).toBe(0);
    expect(wholeNumber('--port', ' 8080 ', 0, 65535)).toBe(8080);
    expect(wholeNumber('--seed', undefined, 0)).toBeUndefined();
  });

  it('names the flag or variable, and what it got, when the text is no whole number or out of range', () => {
    expect(() => wholeNumber('SWITCHBOARD_SOAK_CALLS', 'abc', 1)).toThrow('SWITCHBOARD_SOAK_CALLS must be a whole number, not "abc"');
    expect(() => wholeNumber('--calls', '2.5', 1)).toThrow('--calls must be a whole number, not "2.5"');
    expect(() => wholeNumber('--calls', '', 1)).toThrow('--calls must be a whole number, not ""');
    expect(() => wholeNumber('--users', '3', 4)).toThrow('--users must be at least 4, not 3');
    expect(() => wholeNumber('--port', '70000', 0, 65535)).toThrow('--port must be from 0 to 65535, not 70000');
    expect(() => wholeNumber('--seed', '99999999999999999999', 0)).toThrow('--seed must be a whole number');
  });
});
