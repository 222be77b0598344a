import { describe, expect, it } from 'vitest';
import { readCallees } from './callees.js';

describe('readCallees', () => {
  it('splits on commas, spaces or both, and ignores leading, trailing and repeated separators', () => {
    expect(readCallees('bob')).toEqual(['bob']);
    expect(readCallees(' bob, carol dave ')).toEqual(['bob', 'carol', 'dave']);
    expect(readCallees(',bob,,carol ,\tdave,')).toEqual(['bob', 'carol', 'dave']);
  });

  it('keeps each name once, where it was first typed', () => {
    expect(readCallees('bob carol bob, dave carol')).toEqual(['bob', 'carol', 'dave']);
    expect(readCallees('bob, bob')).toEqual(['bob']);
  });

  it('reads nothing from a blank box', () => {
    expect(readCallees('  , ')).toEqual([]);
  });
});
