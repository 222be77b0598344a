import { describe, expect, it } from 'vitest';
import { UserHistory } from './userHistory.js';

interface Entry {
  seq: number;
  started: boolean;
}

const entry = (seq: number, started = false): Entry => ({ seq, started });
const seqs = (history: UserHistory<Entry>): number[] => Array.from({ length: history.length }, (_, index) => history.at(index)!.seq);

/** Adds `item` and returns the seqs of what the history let go of. */
function add(history: UserHistory<Entry>, item: Entry): number[] {
  const released: number[] = [];
  history.add(item, (evicted) => released.push(evicted.seq));
  return released;
}

describe('UserHistory', () => {
  it('keeps the newest entries, oldest first, and hands back each one it evicts', () => {
    const history = new UserHistory<Entry>(3);
    const evicted = [1, 2, 3, 4, 5, 6, 7].flatMap((seq) => add(history, entry(seq)));
    expect(seqs(history)).toEqual([5, 6, 7]);
    expect(evicted).toEqual([1, 2, 3, 4]);
  });

  it('inserts an older entry in seq order, across the ring boundary', () => {
    const history = new UserHistory<Entry>(4);
    for (const seq of [10, 20, 30, 40, 50]) add(history, entry(seq)); // the ring has wrapped once
    expect(add(history, entry(35))).toEqual([20]);
    expect(seqs(history)).toEqual([30, 35, 40, 50]);
    expect(add(history, entry(31))).toEqual([30]);
    expect(seqs(history)).toEqual([31, 35, 40, 50]);
  });

  it('refuses an ended entry older than everything in a full history, and keeps one when not full', () => {
    const full = new UserHistory<Entry>(2);
    add(full, entry(5));
    add(full, entry(6));
    expect(add(full, entry(1))).toEqual([1]);
    expect(seqs(full)).toEqual([5, 6]);
    const roomy = new UserHistory<Entry>(3);
    add(roomy, entry(5));
    expect(add(roomy, entry(1))).toEqual([]);
    expect(seqs(roomy)).toEqual([1, 5]);
  });

  it('holds nothing at capacity 0, and clear() returns what it held', () => {
    const none = new UserHistory<Entry>(0);
    expect(add(none, entry(1, true))).toEqual([1]);
    expect(none.length).toBe(0);
    const history = new UserHistory<Entry>(2);
    for (const seq of [1, 2, 3]) add(history, entry(seq));
    expect(history.clear().map((item) => item.seq)).toEqual([2, 3]);
    expect(history.length).toBe(0);
    expect(history.at(0)).toBeUndefined();
  });

  it('lets go of its oldest ended call when full, never of one still under way', () => {
    const history = new UserHistory<Entry>(3);
    const live = entry(1, true);
    add(history, live);
    add(history, entry(2));
    add(history, entry(3));
    expect(add(history, entry(4))).toEqual([2]);
    expect(add(history, entry(5))).toEqual([3]);
    expect(seqs(history)).toEqual([1, 4, 5]);
    expect(history.at(0)).toBe(live);
    // Across the ring's boundary, with two calls under way ahead of the first ended one.
    expect(add(history, entry(6, true))).toEqual([4]);
    expect(add(history, entry(7))).toEqual([5]);
    expect(seqs(history)).toEqual([1, 6, 7]);
  });

  it('takes a call under way even when it is older than every ended call it holds', () => {
    const history = new UserHistory<Entry>(2);
    add(history, entry(5));
    add(history, entry(6));
    expect(add(history, entry(1, true))).toEqual([5]);
    expect(seqs(history)).toEqual([1, 6]);
    expect(add(history, entry(2))).toEqual([2]);
  });

  it('grows past its capacity while every call it holds is under way, and sheds the ended ones as new calls come', () => {
    const history = new UserHistory<Entry>(2);
    const calls = [1, 2, 3, 4, 5].map((seq) => entry(seq, true));
    for (const call of calls) expect(add(history, call)).toEqual([]);
    expect(seqs(history)).toEqual([1, 2, 3, 4, 5]);
    // Four of them end; the next call lets go of them, oldest first, down to the capacity.
    for (const call of calls.slice(0, 4)) call.started = false;
    expect(add(history, entry(6, true))).toEqual([1, 2, 3, 4]);
    expect(seqs(history)).toEqual([5, 6]);
    expect(add(history, entry(7))).toEqual([]);
    expect(seqs(history)).toEqual([5, 6, 7]);
  });

  it('replaces the entry of the same seq, wherever the ring has wrapped to', () => {
    const history = new UserHistory<Entry>(4);
    for (const seq of [10, 20, 30, 40, 50, 60]) add(history, entry(seq));
    for (const seq of [30, 40, 50, 60]) {
      const record = entry(seq);
      expect(history.replace(record)).toBe(true);
      expect(history.at(seqs(history).indexOf(seq))).toBe(record);
    }
    expect(history.replace(entry(20))).toBe(false);
    expect(history.replace(entry(45))).toBe(false);
    expect(new UserHistory<Entry>(2).replace(entry(1))).toBe(false);
    expect(seqs(history)).toEqual([30, 40, 50, 60]);
  });
});
