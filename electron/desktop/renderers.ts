/**
 * The renderers main talks to: every window we opened registers its webContents here. State is
 * broadcast to all of them, and IPC is answered only for senders found here. A renderer is
 * forgotten when it is destroyed, so a closed window is never sent to, nor trusted again.
 */

/** What this needs of Electron's WebContents, so it can be tested without Electron. */
export interface Renderer {
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
}

export class Renderers<R extends Renderer> {
  readonly #live = new Set<R>();

  add(renderer: R): void {
    if (this.#live.has(renderer)) return;
    this.#live.add(renderer);
    renderer.once('destroyed', () => this.#live.delete(renderer));
  }

  has(renderer: R): boolean {
    return this.#live.has(renderer);
  }

  broadcast(channel: string, payload: unknown): void {
    for (const renderer of this.#live) renderer.send(channel, payload);
  }
}
