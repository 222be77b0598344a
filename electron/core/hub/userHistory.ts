/**
 * The calls one user took part in, for queryCallInvitationList, oldest first: the last `capacity`
 * calls, and any older one that has not ended. A softphone back from a lost connection looks for
 * the calls it kept here (electron/core/calls/lostConnection.ts), and a busy line may have rung a
 * hundred times meanwhile; an older call still under way costs nothing the hub does not hold
 * anyway, and goes as soon as it ends.
 *
 * The last calls are a ring rather than an array with push and shift: appending and evicting the
 * oldest are the busy path's every call, and an array shifted at a hundred entries moves or
 * reallocates its backing store each time (garbage the hub's collector then copies).
 */
export interface Sequenced {
  /** Creation order; the history is kept sorted by it. */
  readonly seq: number;
  /** Under way: kept, however old, until it ends. */
  readonly started: boolean;
}

export class UserHistory<T extends Sequenced> {
  /** The last `capacity` calls, a ring. */
  readonly #slots: Array<T | undefined>;
  /** Index in #slots of the oldest entry. */
  #head = 0;
  #length = 0;
  /** Calls under way pushed out of the ring, oldest first, all older than the ring's; made on the first. */
  #older: T[] | null = null;

  constructor(readonly capacity: number) {
    this.#slots = new Array<T | undefined>(Math.max(capacity, 1)).fill(undefined);
  }

  get length(): number {
    return (this.#older?.length ?? 0) + this.#length;
  }

  /** The `index`-th oldest entry (0 is the oldest). */
  at(index: number): T | undefined {
    const older = this.#older?.length ?? 0;
    if (index < older) return index < 0 ? undefined : this.#older![index];
    return this.#ringAt(index - older);
  }

  /**
   * Adds `item` in seq order (almost always the newest, so usually one comparison) and hands
   * `release` what the history no longer holds: the oldest of the last calls when it has ended,
   * or `item` itself when it has ended and is older than all of them.
   */
  add(item: T, release: (evicted: T) => void): void {
    if (this.capacity === 0) return release(item);
    if (this.#length === this.capacity) {
      if (item.seq < this.#ringAt(0)!.seq) return this.#pushOut(item, release);
      const oldest = this.#slots[this.#head]!;
      this.#slots[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.#slots.length;
      this.#length -= 1;
      this.#pushOut(oldest, release);
    }
    const slots = this.#slots;
    const size = slots.length;
    // Shift the entries newer than `item` one place towards the end, then put it in the gap.
    let at = this.#length;
    while (at > 0 && this.#ringAt(at - 1)!.seq > item.seq) {
      slots[(this.#head + at) % size] = slots[(this.#head + at - 1) % size];
      at -= 1;
    }
    slots[(this.#head + at) % size] = item;
    this.#length += 1;
  }

  /**
   * Puts `item` where the entry of the same seq is (a call that has ended, in its compact form);
   * false if none is. An older call that has ended is no longer held: `release` gets it.
   */
  replace(item: T, release: (evicted: T) => void): boolean {
    let low = 0;
    let high = this.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const seq = this.at(middle)!.seq;
      if (seq < item.seq) low = middle + 1;
      else if (seq > item.seq) high = middle - 1;
      else {
        const older = this.#older?.length ?? 0;
        if (middle >= older) this.#slots[(this.#head + middle - older) % this.#slots.length] = item;
        else if (item.started) this.#older![middle] = item;
        else {
          this.#older!.splice(middle, 1);
          release(item);
        }
        return true;
      }
    }
    return false;
  }

  /** Empties the history and hands back what it held, oldest first. */
  clear(): T[] {
    const items: T[] = [];
    for (let index = 0; index < this.length; index++) items.push(this.at(index)!);
    this.#slots.fill(undefined);
    this.#head = 0;
    this.#length = 0;
    this.#older = null;
    return items;
  }

  #ringAt(index: number): T | undefined {
    if (index < 0 || index >= this.#length) return undefined;
    return this.#slots[(this.#head + index) % this.#slots.length];
  }

  /** An entry older than all the last calls: kept in seq order while under way, released once ended. */
  #pushOut(item: T, release: (evicted: T) => void): void {
    if (!item.started) return release(item);
    const older = (this.#older ??= []);
    let at = older.length;
    while (at > 0 && older[at - 1]!.seq > item.seq) at -= 1;
    older.splice(at, 0, item);
  }
}
