import { describe, expect, it } from 'vitest';
import { UserHistory } from './userHistory.js';

const entry = (seq: number): { seq: number } => ({ seq });
const seqs = (history: UserHistory<{ seq: number }>): number[] => Array.from({ length: history.length }, (_, index) => history.at(index)!.seq);

describe('UserHistory', () => {
  it('keeps the newest entries, oldest first, and hands back each one it evicts', () => {
    const history = new UserHistory<{ seq: number }>(3);
    const evicted: number[] = [];
    for (let seq = 1; seq <= 7; seq++) {
      const out = history.add(entry(seq));
      if (out) evicted.push(out.seq);
    }
    expect(seqs(history)).toEqual([5, 6, 7]);
    expect(evicted).toEqual([1, 2, 3, 4]);
  });

  it('inserts an older entry in seq order, across the ring boundary', () => {
    const history = new UserHistory<{ seq: number }>(4);
    for (const seq of [10, 20, 30, 40, 50]) history.add(entry(seq)); // the ring has wrapped once
    expect(history.add(entry(35))?.seq).toBe(20);
    expect(seqs(history)).toEqual([30, 35, 40, 50]);
    expect(history.add(entry(31))?.seq).toBe(30);
    expect(seqs(history)).toEqual([31, 35, 40, 50]);
  });

  it('refuses an entry older than everything in a full history, and keeps one when not full', () => {
    const full = new UserHistory<{ seq: number }>(2);
    full.add(entry(5));
    full.add(entry(6));
    const old = entry(1);
    expect(full.add(old)).toBe(old);
    expect(seqs(full)).toEqual([5, 6]);
    const roomy = new UserHistory<{ seq: number }>(3);
    roomy.add(entry(5));
    expect(roomy.add(entry(1))).toBeUndefined();
    expect(seqs(roomy)).toEqual([1, 5]);
  });

  it('holds nothing at capacity 0, and clear() returns what it held', () => {
    const none = new UserHistory<{ seq: number }>(0);
    const only = entry(1);
    expect(none.add(only)).toBe(only);
    expect(none.length).toBe(0);
    const history = new UserHistory<{ seq: number }>(2);
    for (const seq of [1, 2, 3]) history.add(entry(seq));
    expect(history.clear().map((item) => item.seq)).toEqual([2, 3]);
    expect(history.length).toBe(0);
    expect(history.at(0)).toBeUndefined();
  });
});
