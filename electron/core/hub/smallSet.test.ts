import { describe, expect, it } from 'vitest';
import { SmallSet } from './smallSet.js';

describe('SmallSet', () => {
  it('behaves as a set: no duplicates, insertion order, delete tells whether it held the item', () => {
    const set = new SmallSet<string>();
    set.add('a').add('b').add('a').add('c');
    expect([...set]).toEqual(['a', 'b', 'c']);
    expect(set.size).toBe(3);
    expect(set.delete('b')).toBe(true);
    expect(set.delete('b')).toBe(false);
    expect(set.has('b')).toBe(false);
    expect([...set]).toEqual(['a', 'c']);
    set.add('b');
    expect([...set]).toEqual(['a', 'c', 'b']);
  });

  it('stays a set past its small size, keeping order and contents', () => {
    const set = new SmallSet<number>();
    for (let n = 0; n < 40; n++) set.add(n);
    set.add(7);
    expect(set.size).toBe(40);
    expect([...set]).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(set.delete(39)).toBe(true);
    expect(set.has(39)).toBe(false);
    expect(set.has(0)).toBe(true);
    expect(set.size).toBe(39);
  });

  it('iterates over a snapshot, so removing items while walking it visits each once', () => {
    const set = new SmallSet<number>();
    for (const n of [1, 2, 3, 4]) set.add(n);
    const seen: number[] = [];
    for (const n of set) {
      seen.push(n);
      set.delete(n);
    }
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(set.size).toBe(0);
  });
});
