/**
 * Frames on their way to an in-process test client: delivered on a later turn, as a socket
 * would, or kept back while held (a busy process) and then delivered together, as one read of a
 * socket with several frames in it does. The loopback port and the ZIM SDK double share it.
 */
export class Delivery {
  #held: Array<() => void> | null = null;

  deliver(run: () => void): void {
    if (this.#held) this.#held.push(run);
    else setImmediate(run);
  }

  hold(): void {
    this.#held ??= [];
  }

  release(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const run of held) run();
  }
}
