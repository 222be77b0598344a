/**
 * A table for the few entries in flight at a time that come and go many times a second: requests
 * waiting for their reply, attempts waiting for their outcome.
 *
 * Not a `Map`, because of how V8 collects one that churns. A `Map` keeps its entries in a hash
 * table that it replaces with a fresh copy whenever deleted entries have filled it, and the
 * replaced table keeps a link to its successor (for iterators that are still walking it). Once a
 * `Map` has lived long enough for its table to reach the old generation, that dead table's link
 * keeps the young successor alive through every young collection until the next full one; the
 * successor links to the next, and each holds the entries it held. So every entry that passed
 * through the table since the last full collection outlives the young collections, is promoted,
 * and makes the next full collection come sooner, which promotes the current table again. A busy
 * softphone answering 10,000 requests a second spent its time in 4–11 ms young collections this
 * way (docs/performance.md, "Round nine"). A null-prototype object keeps its entries in a
 * dictionary that is replaced without such a link, so the garbage stays young.
 *
 * Keys are all numbers or all strings: an object's keys are strings, so 1 and "1" are one key.
 * Meant for a few entries at a time (under a hundred or so): a dictionary's replaced copy still
 * holds, until the next full collection, the entries it held when it was copied.
 */
export class TransientMap<K extends string | number, V> {
  #entries: Record<K, V> = Object.create(null) as Record<K, V>;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(key: K): boolean {
    return key in this.#entries;
  }

  get(key: K): V | undefined {
    return this.has(key) ? this.#entries[key] : undefined;
  }

  set(key: K, value: V): void {
    if (!this.has(key)) this.#size += 1;
    this.#entries[key] = value;
  }

  /** Removes the entry and returns its value, if there was one. */
  take(key: K): V | undefined {
    if (!this.has(key)) return undefined;
    const value = this.#entries[key];
    delete this.#entries[key];
    this.#size -= 1;
    return value;
  }

  /** Empties the table and returns the values it held. */
  takeAll(): V[] {
    const values = Object.values<V>(this.#entries);
    this.#entries = Object.create(null) as Record<K, V>;
    this.#size = 0;
    return values;
  }
}
