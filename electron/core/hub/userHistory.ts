/**
 * The calls one user took part in, for queryCallInvitationList: oldest first. A ring rather than
 * an array with push and shift: appending and evicting the oldest are the busy path's every call,
 * and an array shifted at a hundred entries moves or reallocates its backing store each time
 * (garbage the hub's collector then copies).
 *
 * It keeps `capacity` calls, letting go of the oldest that has ended, never of a call still under
 * way: a softphone back from a lost connection looks for the calls it kept here
 * (electron/core/calls/lostConnection.ts), and a busy line may have rung a hundred times
 * meanwhile. Past the capacity it grows while every call it holds is under way; the calls under
 * way are bounded by their own timeouts, so this keeps no more than the hub already does.
 */
export interface Sequenced {
  /** Creation order; the history is kept sorted by it. */
  readonly seq: number;
  /** Under way: kept past the capacity until it ends. */
  readonly started: boolean;
}

export class UserHistory<T extends Sequenced> {
  #slots: Array<T | undefined>;
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
   * Adds `item` in seq order (almost always the newest, so usually one comparison) and hands
   * `release` each entry that no longer fits: the oldest ended ones, or `item` itself when it has
   * ended and is older than those.
   */
  add(item: T, release: (evicted: T) => void): void {
    if (this.capacity === 0) return release(item);
    while (this.#length >= this.capacity) {
      const victim = this.#oldestEnded();
      if (victim < 0) break;
      if (!item.started && item.seq < this.at(victim)!.seq) return release(item);
      release(this.#removeAt(victim));
    }
    if (this.#length === this.#slots.length) this.#grow();
    const slots = this.#slots;
    const size = slots.length;
    // Shift the entries newer than `item` one place towards the end, then put it in the gap.
    let at = this.#length;
    while (at > 0 && this.at(at - 1)!.seq > item.seq) {
      slots[(this.#head + at) % size] = slots[(this.#head + at - 1) % size];
      at -= 1;
    }
    slots[(this.#head + at) % size] = item;
    this.#length += 1;
  }

  /** Puts `item` where the entry of the same seq is (a call that has ended, in its compact form); false if none is. */
  replace(item: T): boolean {
    let low = 0;
    let high = this.#length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const seq = this.at(middle)!.seq;
      if (seq === item.seq) {
        this.#slots[(this.#head + middle) % this.#slots.length] = item;
        return true;
      }
      if (seq < item.seq) low = middle + 1;
      else high = middle - 1;
    }
    return false;
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

  /** Index of the oldest entry that has ended; -1 when every one is under way. */
  #oldestEnded(): number {
    for (let index = 0; index < this.#length; index++) if (!this.at(index)!.started) return index;
    return -1;
  }

  /** Takes out the `index`-th oldest entry, moving the older ones up a place. */
  #removeAt(index: number): T {
    const slots = this.#slots;
    const size = slots.length;
    const removed = this.at(index)!;
    for (let at = index; at > 0; at--) slots[(this.#head + at) % size] = slots[(this.#head + at - 1) % size];
    slots[this.#head] = undefined;
    this.#head = (this.#head + 1) % size;
    this.#length -= 1;
    return removed;
  }

  /** Twice the room, the entries laid out from the start. */
  #grow(): void {
    const grown = new Array<T | undefined>(this.#slots.length * 2).fill(undefined);
    for (let index = 0; index < this.#length; index++) grown[index] = this.at(index);
    this.#slots = grown;
    this.#head = 0;
  }
}
