import fc from 'fast-check';
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

/** Ends the call of `seq` as the hub does, with a new record in its place; returns what was let go of. */
function end(history: UserHistory<Entry>, seq: number): number[] {
  const released: number[] = [];
  expect(history.replace(entry(seq), (evicted) => released.push(evicted.seq))).toBe(true);
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
    add(history, entry(4, true));
    add(history, entry(5));
    expect(history.clear().map((item) => item.seq)).toEqual([4, 5]);
    expect(history.length).toBe(0);
    expect(history.at(0)).toBeUndefined();
  });

  it('keeps a call under way that the last calls pushed out, and lets it go once it ends', () => {
    const history = new UserHistory<Entry>(2);
    add(history, entry(1, true));
    for (const seq of [2, 3, 4, 5]) add(history, entry(seq));
    expect(seqs(history)).toEqual([1, 4, 5]);
    // However many calls come: the older call stays listed, oldest first, and each add is one step.
    for (let seq = 6; seq < 1000; seq++) expect(add(history, entry(seq))).toEqual([seq - 2]);
    expect(seqs(history)).toEqual([1, 998, 999]);
    expect(end(history, 1)).toEqual([1]);
    expect(seqs(history)).toEqual([998, 999]);
  });

  it('keeps, in seq order, calls under way older than all the last calls, however they arrive', () => {
    const history = new UserHistory<Entry>(2);
    add(history, entry(10));
    add(history, entry(20));
    expect(add(history, entry(5, true))).toEqual([]);
    expect(add(history, entry(3, true))).toEqual([]);
    expect(add(history, entry(7, true))).toEqual([]);
    expect(add(history, entry(30, true))).toEqual([10]);
    expect(add(history, entry(40))).toEqual([20]);
    expect(seqs(history)).toEqual([3, 5, 7, 30, 40]);
    // A call under way among the last calls that ends stays there, as one of them.
    expect(end(history, 30)).toEqual([]);
    expect(end(history, 5)).toEqual([5]);
    expect(seqs(history)).toEqual([3, 7, 30, 40]);
  });

  it('replaces the entry of the same seq, wherever the ring has wrapped to', () => {
    const history = new UserHistory<Entry>(4);
    for (const seq of [10, 20, 30, 40, 50, 60]) add(history, entry(seq));
    const none = (): void => {
      throw new Error('nothing is let go of');
    };
    for (const seq of [30, 40, 50, 60]) {
      const record = entry(seq);
      expect(history.replace(record, none)).toBe(true);
      expect(history.at(seqs(history).indexOf(seq))).toBe(record);
    }
    expect(history.replace(entry(20), none)).toBe(false);
    expect(history.replace(entry(45), none)).toBe(false);
    expect(new UserHistory<Entry>(2).replace(entry(1), none)).toBe(false);
    expect(seqs(history)).toEqual([30, 40, 50, 60]);
  });

  it('holds the last calls and every older call under way, whatever the order of adds and ends', () => {
    const operation = fc.oneof(
      fc.record({ add: fc.integer({ min: 1, max: 80 }), started: fc.boolean() }),
      fc.record({ end: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(operation, { maxLength: 200 }), (capacity, operations) => {
        const history = new UserHistory<Entry>(capacity);
        /** Every entry added and not let go of, by seq. */
        const held = new Map<number, Entry>();
        const release = (item: Entry): void => {
          expect(held.delete(item.seq)).toBe(true);
        };
        for (const operation of operations) {
          if ('add' in operation) {
            if (held.has(operation.add)) continue; // a call is in a user's history once
            const item = entry(operation.add, operation.started);
            held.set(item.seq, item);
            history.add(item, release);
          } else {
            const live = [...held.values()].filter((item) => item.started);
            if (live.length === 0) continue;
            const ended = entry(live[operation.end % live.length]!.seq);
            held.set(ended.seq, ended);
            history.replace(ended, release);
          }
          const listed = seqs(history);
          // What it lists is exactly what it holds, in seq order.
          expect(listed).toEqual([...held.keys()].sort((a, b) => a - b));
          expect(listed.map((seq) => history.at(listed.indexOf(seq)))).toEqual(listed.map((seq) => held.get(seq)));
          // At most `capacity` calls but those under way; every call under way ever added is still there.
          const ended = listed.filter((seq) => !held.get(seq)!.started);
          expect(ended.length).toBeLessThanOrEqual(capacity);
          if (listed.length > capacity) expect(listed.slice(0, listed.length - capacity).every((seq) => held.get(seq)!.started)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
