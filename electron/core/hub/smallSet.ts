/**
 * A set for the few items a long-lived record holds at a time and gains and loses one of on every
 * call: a user's live calls, the answers a connection owes. V8 re-allocates a Set's hash table as
 * it grows and shrinks, and a Set that has lived a while gets its new table in the old generation:
 * a `Set` going from 0 to 1 item and back leaves about 70 bytes of old-space garbage each time,
 * which on the busy path became the hub's main cause of full collections (docs/performance.md).
 * This keeps the items in an array that never shrinks, in insertion order, while they are few, and
 * becomes a real Set past SMALL_LIMIT, so that a user ringing with thousands of calls stays O(1).
 */
const SMALL_LIMIT = 16;

export class SmallSet<T> implements Iterable<T> {
  #items: Array<T | undefined> = [];
  #count = 0;
  #large: Set<T> | null = null;

  get size(): number {
    return this.#large ? this.#large.size : this.#count;
  }

  has(item: T): boolean {
    return this.#large ? this.#large.has(item) : this.#indexOf(item) >= 0;
  }

  add(item: T): this {
    if (this.#large) {
      this.#large.add(item);
    } else if (this.#indexOf(item) < 0) {
      if (this.#count === SMALL_LIMIT) {
        this.#large = new Set(this);
        this.#large.add(item);
        this.#items = [];
        this.#count = 0;
      } else {
        this.#items[this.#count++] = item;
      }
    }
    return this;
  }

  delete(item: T): boolean {
    if (this.#large) return this.#large.delete(item);
    const at = this.#indexOf(item);
    if (at < 0) return false;
    for (let index = at + 1; index < this.#count; index++) this.#items[index - 1] = this.#items[index];
    this.#count -= 1;
    this.#items[this.#count] = undefined;
    return true;
  }

  /** Iterates over a snapshot: items added or removed meanwhile do not disturb it. */
  [Symbol.iterator](): Iterator<T> {
    if (this.#large) return [...this.#large][Symbol.iterator]();
    return (this.#items.slice(0, this.#count) as T[])[Symbol.iterator]();
  }

  #indexOf(item: T): number {
    for (let index = 0; index < this.#count; index++) if (this.#items[index] === item) return index;
    return -1;
  }
}
