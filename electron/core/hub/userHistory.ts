/**
 * The calls one user took part in, for queryCallInvitationList: oldest first, at most `capacity`.
 * A ring rather than an array with push and shift: appending and evicting the oldest are the
 * busy path's every call, and an array shifted at a hundred entries moves or reallocates its
 * backing store each time (garbage the hub's collector then copies).
 */
export interface Sequenced {
  /** Creation order; the history is kept sorted by it. */
  readonly seq: number;
}

export class UserHistory<T extends Sequenced> {
  readonly #slots: Array<T | undefined>;
  /** Index in #slots of the oldest entry. */
  #head = 0;
  #length = 0;

  constructor(readonly capacity: number) {
    this.#slots = new Array<T | undefined>(Math.max(capacity, 1)).fill(undefined);
  }

  get length(): number {
    return this.#length;
  }

  /** The `index`-th oldest entry (0 is the oldest). */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.#length) return undefined;
    return this.#slots[(this.#head + index) % this.#slots.length];
  }

  /**
   * Adds `item` in seq order (almost always the newest, so usually one comparison) and returns the
   * entry that no longer fits: the oldest one, or `item` itself when it is older than a full history.
   */
  add(item: T): T | undefined {
    if (this.capacity === 0) return item;
    const slots = this.#slots;
    const size = slots.length;
    let evicted: T | undefined;
    if (this.#length === this.capacity) {
      if (item.seq < this.at(0)!.seq) return item;
      evicted = slots[this.#head];
      slots[this.#head] = undefined;
      this.#head = (this.#head + 1) % size;
      this.#length -= 1;
    }
    // Shift the entries newer than `item` one place towards the end, then put it in the gap.
    let at = this.#length;
    while (at > 0 && this.at(at - 1)!.seq > item.seq) {
      slots[(this.#head + at) % size] = slots[(this.#head + at - 1) % size];
      at -= 1;
    }
    slots[(this.#head + at) % size] = item;
    this.#length += 1;
    return evicted;
  }

  /** Empties the history and hands back what it held, oldest first. */
  clear(): T[] {
    const items: T[] = [];
    for (let index = 0; index < this.#length; index++) items.push(this.at(index)!);
    this.#slots.fill(undefined);
    this.#head = 0;
    this.#length = 0;
    return items;
  }
}
