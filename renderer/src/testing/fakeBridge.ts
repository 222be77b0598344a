import type { AppState, Command, CommandResult } from '../../../shared/ipc/contract.js';
import type { MediaToCore, MediaToRenderer } from '../../../shared/ipc/media.js';
import type { Bridge, LinkStatus } from '../bridge/types.js';

/** A bridge that records every command and answers with `reply`, for component and store tests. */
export class FakeBridge implements Bridge {
  readonly sent: Command[] = [];
  reply: (command: Command) => CommandResult | Promise<CommandResult> = () => ({ ok: true });
  #state: AppState | null = null;
  readonly #stateListeners = new Set<(state: AppState) => void>();
  readonly #linkListeners = new Set<(status: LinkStatus) => void>();
  #link: LinkStatus = { kind: 'open' };
  readonly mediaSent: MediaToCore[] = [];
  readonly #mediaListeners = new Set<(message: MediaToRenderer) => void>();
  readonly media = {
    send: (message: MediaToCore): void => {
      this.mediaSent.push(message);
    },
    onSignal: (listener: (message: MediaToRenderer) => void): (() => void) => {
      this.#mediaListeners.add(listener);
      return () => this.#mediaListeners.delete(listener);
    },
  };

  /** A message from the core on the media stream. */
  pushMedia(message: MediaToRenderer): void {
    for (const listener of this.#mediaListeners) listener(message);
  }

  async command(command: Command): Promise<CommandResult> {
    this.sent.push(command);
    return this.reply(command);
  }

  getState(): Promise<AppState> {
    return this.#state ? Promise.resolve(this.#state) : new Promise(() => undefined);
  }

  onState(listener: (state: AppState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  onLink(listener: (status: LinkStatus) => void): () => void {
    this.#linkListeners.add(listener);
    listener(this.#link);
    return () => this.#linkListeners.delete(listener);
  }

  /** Pushes a snapshot, as the core does on every change. */
  push(state: AppState): void {
    this.#state = state;
    for (const listener of this.#stateListeners) listener(state);
  }

  setLink(status: LinkStatus): void {
    this.#link = status;
    for (const listener of this.#linkListeners) listener(status);
  }
}
