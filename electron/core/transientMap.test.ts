import { describe, expect, it } from 'vitest';
import { TransientMap } from './transientMap.js';

describe('TransientMap', () => {
  it('holds, finds and gives back entries by number, counting them', () => {
    const table = new TransientMap<number, string>();
    table.set(1, 'one');
    table.set(2, 'two');
    table.set(1, 'uno');
    expect(table.size).toBe(2);
    expect(table.get(1)).toBe('uno');
    expect(table.has(3)).toBe(false);
    expect(table.take(1)).toBe('uno');
    expect(table.take(1)).toBeUndefined();
    expect(table.get(1)).toBeUndefined();
    expect(table.size).toBe(1);
  });

  it('takes any string as a key, including the names an object inherits elsewhere', () => {
    const table = new TransientMap<string, number>();
    for (const [index, key] of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', ''].entries()) {
      expect(table.has(key)).toBe(false);
      expect(table.get(key)).toBeUndefined();
      table.set(key, index);
    }
    expect(table.size).toBe(5);
    expect(table.get('__proto__')).toBe(0);
    expect(table.take('constructor')).toBe(1);
    expect(table.take('constructor')).toBeUndefined();
    expect(table.size).toBe(4);
  });

  it('keeps a value that is falsy apart from a missing one', () => {
    const table = new TransientMap<number, number>();
    table.set(7, 0);
    expect(table.has(7)).toBe(true);
    expect(table.take(7)).toBe(0);
    expect(table.size).toBe(0);
  });

  it('empties at once, giving back every value, and fills again afterwards', () => {
    const table = new TransientMap<number, string>();
    for (let id = 1; id <= 5; id++) table.set(id, `request ${id}`);
    table.take(3);
    expect(table.takeAll().sort()).toEqual(['request 1', 'request 2', 'request 4', 'request 5']);
    expect(table.size).toBe(0);
    expect(table.get(1)).toBeUndefined();
    table.set(1, 'again');
    expect(table.size).toBe(1);
    expect(table.takeAll()).toEqual(['again']);
  });

  it('stays exact through many entries coming and going', () => {
    const table = new TransientMap<number, number>();
    const inFlight = 32;
    for (let id = 0; id < 100_000; id++) {
      table.set(id, id * 2);
      if (id >= inFlight) expect(table.take(id - inFlight)).toBe((id - inFlight) * 2);
    }
    expect(table.size).toBe(inFlight);
    expect(table.takeAll().length).toBe(inFlight);
  });
});
