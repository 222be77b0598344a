/**
 * Test doubles for the hub: a clock whose time only moves when a test says so, and clients
 * that talk to a CallRegistry synchronously and keep every frame they were sent.
 */
import type { HubEventName, HubEvents, HubMethod, MethodInput, MethodResults, ReplyError } from '../../../shared/protocol/hub.js';
import { mintToken } from '../auth/token.js';
import { CallRegistry, type CallRegistryOptions, type HubClock, type Session } from './calls.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef';
export const T0 = 1_760_000_000_000;

export class FakeClock implements HubClock {
  #now: number;
  #next = 1;
  readonly #timers = new Map<number, { at: number; callback: () => void }>();

  constructor(start = T0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimer(callback: () => void, delayMs: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.#now + delayMs, callback });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.#timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  /** Moves time forward, firing due timers in order, each at its own time. */
  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      let due: [number, { at: number; callback: () => void }] | null = null;
      for (const entry of this.#timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      if (!due) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].callback();
    }
    this.#now = end;
  }
}

type Reply<M extends HubMethod> = { result: MethodResults[M]; error?: undefined } | { result?: undefined; error: ReplyError };
interface Frame {
  id?: number | null;
  result?: unknown;
  error?: ReplyError;
  event?: string;
  data?: unknown;
}

export class TestClient {
  readonly frames: Frame[] = [];
  readonly session: Session;
  readonly #registry: CallRegistry;
  #nextId = 1;

  constructor(registry: CallRegistry) {
    this.#registry = registry;
    this.session = registry.connect((frame) => this.frames.push(JSON.parse(frame) as Frame));
  }

  send<M extends HubMethod>(method: M, params: MethodInput<M> | unknown): Reply<M> {
    const id = this.#nextId++;
    this.#registry.request(this.session, id, method, params);
    const reply = this.frames.find((frame) => frame.id === id);
    if (!reply) throw new Error(`no reply to ${method} #${id}`);
    return reply as Reply<M>;
  }

  /** Sends and expects success. */
  ok<M extends HubMethod>(method: M, params: MethodInput<M>): MethodResults[M] {
    const reply = this.send(method, params);
    if (reply.error) throw new Error(`${method} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.result;
  }

  /** Sends and returns the error code it failed with. */
  fails<M extends HubMethod>(method: M, params: MethodInput<M> | unknown): ReplyError {
    const reply = this.send(method, params);
    if (!reply.error) throw new Error(`${method} succeeded: ${JSON.stringify(reply.result)}`);
    return reply.error;
  }

  events<E extends HubEventName>(name: E): Array<HubEvents[E]> {
    return this.frames.filter((frame) => frame.event === name).map((frame) => frame.data as HubEvents[E]);
  }

  eventNames(): string[] {
    return this.frames.filter((frame) => frame.event !== undefined).map((frame) => frame.event!);
  }

  clear(): void {
    this.frames.length = 0;
  }

  /** Closes the connection, as a client that says goodbye does. */
  close(): void {
    this.#registry.disconnect(this.session, null);
  }

  /** Loses the connection, as a network failure or a crash does; `silentMs`: it had been dead that long (missed heartbeats). */
  lose(silentMs = 0): void {
    this.#registry.disconnect(this.session, { silentMs });
  }
}

export class TestHub {
  readonly clock = new FakeClock();
  readonly registry: CallRegistry;

  constructor(options: Partial<CallRegistryOptions> = {}) {
    this.registry = new CallRegistry({ secret: TEST_SECRET, clock: this.clock, ...options });
  }

  token(userID: string, ttlS?: number): string {
    return mintToken(TEST_SECRET, userID, this.clock.now(), ttlS);
  }

  connect(): TestClient {
    return new TestClient(this.registry);
  }

  /** A connected, logged-in client with no frames yet. */
  login(userID: string): TestClient {
    const client = this.connect();
    client.ok('login', { userID, token: this.token(userID) });
    client.clear();
    return client;
  }

  /** Users who have logged in once and are now offline. */
  register(...userIDs: string[]): void {
    for (const userID of userIDs) this.login(userID).close();
  }
}
