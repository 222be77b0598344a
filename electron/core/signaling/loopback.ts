/**
 * A SignalingPort wired straight onto a CallRegistry, with no socket in between: the real hub
 * logic under a test's control. Frames are delivered on a later macrotask, one by one, as a
 * socket would, so tests see the same interleavings a real connection allows.
 */
import { HubError } from '../../../shared/protocol/errors.js';
import { reconnectGraceOf, type HubEventName, type HubEvents, type HubMethod, type MethodInput, type MethodResults, type ReplyError } from '../../../shared/protocol/hub.js';
import type { CallRegistry, Session } from '../hub/calls.js';
import { Delivery } from './delivery.js';
import { PortListeners } from './listeners.js';
import type { SignalingPort, SignalingStatus } from './port.js';

interface Frame {
  id?: number | null;
  result?: unknown;
  error?: ReplyError;
  event?: HubEventName;
  data?: unknown;
}

export class LoopbackPort implements SignalingPort {
  readonly #registry: CallRegistry;
  readonly #listeners = new PortListeners();
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #session: Session | null = null;
  /** Frames kept back by hold(), delivered together by release(). */
  readonly #delivery = new Delivery();
  #nextId = 1;
  #reconnectGraceMs = 0;

  constructor(registry: CallRegistry) {
    this.#registry = registry;
  }

  get reconnectGraceMs(): number {
    return this.#reconnectGraceMs;
  }

  get status(): SignalingStatus {
    return this.#listeners.status;
  }

  /** Connects and logs in; resolves once online. */
  async login(userID: string, token: string): Promise<void> {
    const session = this.#registry.connect((frame) => {
      this.#delivery.deliver(() => this.#deliver(session, frame));
    });
    this.#session = session;
    this.#reconnectGraceMs = reconnectGraceOf((await this.#send('login', { userID, token })) as Record<string, unknown>);
    this.#setStatus({ status: 'online', userID });
  }

  /** Keeps frames back until release(), as a busy process's socket does. */
  hold(): void {
    this.#delivery.hold();
  }

  /** Delivers every held frame in one go, as one read of a socket with several frames in it does. */
  release(): void {
    this.#delivery.release();
  }

  /** Drops the connection, as a network failure would. */
  drop(): void {
    if (this.#cut(true)) this.#setStatus({ status: 'offline', error: 'connection lost', retryAt: null });
  }

  /** Ends the connection; `lost`: without a goodbye. False if there was none. */
  #cut(lost: boolean): boolean {
    const session = this.#session;
    if (!session) return false;
    this.#session = null;
    this.#registry.disconnect(session, lost ? { silentMs: 0 } : null);
    for (const pending of this.#pending.values()) pending.reject(new HubError(6000104, 'connection lost'));
    this.#pending.clear();
    return true;
  }

  request<M extends HubMethod>(method: M, params: MethodInput<M>): Promise<MethodResults[M]> {
    return this.#send(method, params) as Promise<MethodResults[M]>;
  }

  on<E extends HubEventName>(event: E, listener: (data: HubEvents[E]) => void): () => void {
    return this.#listeners.on(event, listener);
  }

  onStatus(listener: (status: SignalingStatus) => void): () => void {
    return this.#listeners.onStatus(listener);
  }

  close(): void {
    this.#cut(false);
    this.#setStatus({ status: 'closed' });
  }

  #send(method: string, params: unknown): Promise<unknown> {
    const session = this.#session;
    if (!session) return Promise.reject(new HubError(6000121, `${method}: not connected`));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#registry.request(session, id, method, params);
    });
  }

  #deliver(session: Session, text: string): void {
    if (session !== this.#session) return;
    const frame = JSON.parse(text) as Frame;
    if (frame.event) {
      this.#listeners.emit(frame.event, frame.data as HubEvents[typeof frame.event]);
      return;
    }
    const pending = typeof frame.id === 'number' ? this.#pending.get(frame.id) : undefined;
    if (!pending) return;
    this.#pending.delete(frame.id!);
    if (frame.error) pending.reject(new HubError(frame.error.code, frame.error.message, frame.error.retryAfterMs));
    else pending.resolve(frame.result);
  }

  #setStatus(status: SignalingStatus): void {
    this.#listeners.setStatus(status);
  }
}
