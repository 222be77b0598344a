/**
 * The signaling port over the local hub's WebSocket protocol (docs/protocol.md). Keeps one
 * connection signed in: connects, logs in with a fresh token, and after any drop reconnects
 * with exponential backoff and jitter, reporting every step through onStatus.
 */
import WebSocket from 'ws';
import { HubError, ZimErrorCode, errorMessage } from '../../../shared/protocol/errors.js';
import {
  eventDataSchemas,
  FRAME_SEPARATOR,
  MAX_FRAME_BYTES,
  replyErrorSchema,
  retryAfterSchema,
  reconnectGraceOf,
  resultSchemas,
  splitFrames,
  type HubEventName,
  type HubEvents,
  type HubMethod,
  type MethodInput,
  type MethodResults,
} from '../../../shared/protocol/hub.js';
import { describeIssue } from '../../../shared/protocol/issues.js';
import { TransientMap } from '../transientMap.js';
import { fastInvitationReceived } from './fastEvents.js';
import { cleartextWarning, pinMismatch, trustOptions, type HubTrust } from './hubTls.js';
import { PortListeners } from './listeners.js';
import type { SignalingPort, SignalingStatus } from './port.js';

export interface HubClientOptions {
  url: string;
  userID: string;
  /** Called before every login, so a reconnect after hours gets an unexpired token. */
  token: () => string;
  requestTimeoutMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  log?: (line: string) => void;
  /** How to trust a wss:// hub's certificate (hubTls.ts); absent: the system's CAs. */
  trust?: HubTrust;
}

/** The ZIM code for a request that failed because the connection did. */
const NETWORK_ERROR = 6000104;
/**
 * At most 5 s between attempts: a hub back after a network outage is found within seconds, well
 * inside its reconnect grace (30 s) for the calls kept meanwhile, and after a restart calls can be
 * placed and taken again within seconds; the jitter spreads the many clients of one hub.
 */
const DEFAULT_BACKOFF = { initialMs: 500, maxMs: 5_000 };

interface Pending {
  method: string;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Throws an Error naming what is wrong with a hub URL; returns it normalised. */
export function parseHubUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`malformed hub URL "${url}": expected ws://host:port or wss://host:port`);
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new Error(`malformed hub URL "${url}": it must start with ws:// or wss://`);
  }
  return parsed.href;
}

/**
 * Login refusals that signing in again cannot change: a token the hub does not accept (a wrong
 * secret, another user's token, a clock the hub disagrees with) and a user ID the hub will not
 * take. Retrying them would leave the user looking signed in while no call can reach them.
 */
const FINAL_LOGIN_REFUSALS: ReadonlySet<number> = new Set([ZimErrorCode.TokenInvalid, ZimErrorCode.TokenExpired, ZimErrorCode.UserIDError]);

export class HubClient implements SignalingPort {
  readonly #url: string;
  readonly #options: HubClientOptions;
  readonly #backoff: { initialMs: number; maxMs: number };
  readonly #listeners = new PortListeners();
  /** Requests waiting for their reply, by id; many a second on a busy line (TransientMap says why not a Map). */
  readonly #pending = new TransientMap<number, Pending>();
  #socket: WebSocket | null = null;
  #outbox: string[] = [];
  #outboxBytes = 0;
  #nextId = 1;
  #attempt = 0;
  #retryTimer: NodeJS.Timeout | null = null;
  #closed = false;
  /** Set by a login refusal in FINAL_LOGIN_REFUSALS: the client then stops instead of retrying. */
  #refusedForGood = false;
  /** What the hub said at the latest sign-in (SignalingPort.reconnectGraceMs). */
  #reconnectGraceMs = 0;

  constructor(options: HubClientOptions) {
    this.#url = parseHubUrl(options.url);
    this.#options = options;
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    const warning = cleartextWarning(this.#url);
    if (warning) options.log?.(warning);
    this.#connect();
  }

  get reconnectGraceMs(): number {
    return this.#reconnectGraceMs;
  }

  get status(): SignalingStatus {
    return this.#listeners.status;
  }

  request<M extends HubMethod>(method: M, params: MethodInput<M>): Promise<MethodResults[M]> {
    if (this.status.status !== 'online') {
      return Promise.reject(new HubError(ZimErrorCode.UserIsNotLogged, `${method}: not connected to the hub`));
    }
    return this.#send(method, params) as Promise<MethodResults[M]>;
  }

  on<E extends HubEventName>(event: E, listener: (data: HubEvents[E]) => void): () => void {
    return this.#listeners.on(event, listener);
  }

  onStatus(listener: (status: SignalingStatus) => void): () => void {
    return this.#listeners.onStatus(listener);
  }

  close(): void {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    // Requests made just before closing (a decline, a hang-up on the way out) still leave first.
    this.#flushOutbox();
    this.#socket?.close(1000, 'client closing');
    this.#failPending('the client closed before the hub answered');
    this.#setStatus({ status: 'closed' });
  }

  #setStatus(status: SignalingStatus): void {
    this.#listeners.setStatus(status);
  }

  #connect(): void {
    this.#setStatus({ status: 'connecting' });
    const socket = new WebSocket(this.#url, { handshakeTimeout: 10_000, ...trustOptions(this.#options.trust) });
    this.#socket = socket;
    let failure = 'the hub closed the connection';
    let pinFailure: string | null = null;
    // Before 'open', so that no token is sent to a hub whose certificate is not the pinned one.
    socket.on('upgrade', (response) => {
      pinFailure = pinMismatch(this.#options.trust, response.socket);
      if (!pinFailure) return;
      failure = pinFailure;
      this.#options.log?.(pinFailure);
      socket.terminate();
    });
    socket.on('open', () => {
      void this.#login().then((refused) => {
        if (refused) failure = refused;
      });
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return this.#options.log?.('hub sent a binary frame; ignored');
      for (const frame of splitFrames(data.toString())) this.#onFrame(frame);
    });
    socket.on('error', (error) => {
      failure = pinFailure ?? describeSocketError(error, this.#url);
    });
    socket.on('close', () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      // Requests not yet written belonged to this connection; their promises fail below.
      this.#outbox = [];
      this.#outboxBytes = 0;
      const why = failure;
      this.#failPending(why);
      if (this.#closed) return;
      if (!this.#refusedForGood) return this.#scheduleReconnect(why);
      this.#closed = true;
      this.#setStatus({ status: 'offline', error: why, retryAt: null, final: true });
    });
  }

  /** Signs in on a fresh connection; returns why the hub refused, if it did. */
  async #login(): Promise<string | null> {
    try {
      const reply = (await this.#send('login', { userID: this.#options.userID, token: this.#options.token() })) as Record<string, unknown>;
      this.#reconnectGraceMs = reconnectGraceOf(reply);
      this.#attempt = 0;
      this.#setStatus({ status: 'online', userID: this.#options.userID });
      return null;
    } catch (error) {
      const message = `the hub refused to sign in ${this.#options.userID}: ${errorMessage(error)}`;
      this.#options.log?.(message);
      if (error instanceof HubError && FINAL_LOGIN_REFUSALS.has(error.code)) this.#refusedForGood = true;
      this.#socket?.close(4000, 'login failed');
      return message;
    }
  }

  #scheduleReconnect(error: string): void {
    const base = Math.min(this.#backoff.maxMs, this.#backoff.initialMs * 2 ** this.#attempt);
    // Full jitter, so that many clients of one restarted hub do not reconnect in lockstep.
    const delay = Math.round(base / 2 + (Math.random() * base) / 2);
    this.#attempt += 1;
    this.#setStatus({ status: 'offline', error, retryAt: Date.now() + delay });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (!this.#closed) this.#connect();
    }, delay);
  }

  #send(method: string, params: unknown): Promise<unknown> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new HubError(NETWORK_ERROR, `${method}: not connected to the hub`));
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timeoutMs = this.#options.requestTimeoutMs ?? 10_000;
      const timer = setTimeout(() => {
        this.#pending.take(id);
        reject(new HubError(NETWORK_ERROR, `${method}: the hub did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, { method, resolve, reject, timer });
      this.#enqueue(JSON.stringify({ id, method, params }));
    });
  }

  /**
   * Requests made in one turn of the event loop (a softphone turning away a burst of invitations
   * answers each) leave as one message, one per line, as the hub sends its frames; a message
   * stays within the hub's size limit.
   */
  #enqueue(frame: string): void {
    const bytes = Buffer.byteLength(frame) + FRAME_SEPARATOR.length;
    if (this.#outboxBytes + bytes > MAX_FRAME_BYTES) this.#flushOutbox();
    if (this.#outbox.length === 0) setImmediate(this.#flushOutbox);
    this.#outbox.push(frame);
    this.#outboxBytes += bytes;
  }

  readonly #flushOutbox = (): void => {
    const frames = this.#outbox;
    if (frames.length === 0) return;
    this.#outbox = [];
    this.#outboxBytes = 0;
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(frames.length === 1 ? frames[0]! : frames.join(FRAME_SEPARATOR));
  };

  #failPending(why: string): void {
    for (const pending of this.#pending.takeAll()) {
      clearTimeout(pending.timer);
      pending.reject(new HubError(NETWORK_ERROR, `${pending.method}: ${why}`));
    }
  }

  #onFrame(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.#options.log?.('hub sent a frame that is not JSON; ignored');
      return;
    }
    // The envelope is checked by hand: a flooded softphone handles thousands of frames a second,
    // and a schema here would copy every one. Event data is validated by its own schema below.
    if (!isRecord(json)) return this.#options.log?.('hub sent a frame that is not a JSON object; ignored');
    if (typeof json.event === 'string') return this.#onEvent(json.event, json.data);
    const pending = typeof json.id === 'number' ? this.#pending.get(json.id) : undefined;
    if (!pending) return;
    const error = json.error === undefined ? null : replyErrorSchema.safeParse(json.error);
    if (!error?.success && !isRecord(json.result)) {
      return this.#options.log?.(`hub sent a ${pending.method} reply with neither result nor error; ignored`);
    }
    this.#pending.take(json.id as number);
    clearTimeout(pending.timer);
    if (error?.success) {
      // The hub's messages name their method already; another server's may not.
      const prefix = `${pending.method}: `;
      const message = error.data.message.startsWith(prefix) ? error.data.message : prefix + error.data.message;
      const wait = (json.error as { retryAfterMs?: unknown }).retryAfterMs;
      const retryAfterMs = retryAfterSchema.safeParse(wait);
      if (wait !== undefined && !retryAfterMs.success) this.#options.log?.(`hub sent a ${pending.method} error with a malformed retryAfterMs; ignored it`);
      return pending.reject(new HubError(error.data.code, message, retryAfterMs.success ? retryAfterMs.data : undefined));
    }
    const result = resultSchemas[pending.method as HubMethod]?.safeParse(json.result);
    if (result && !result.success) {
      return pending.reject(new HubError(NETWORK_ERROR, `${pending.method}: the hub sent a malformed reply (${describeIssue(result.error.issues[0])})`));
    }
    pending.resolve(json.result);
  }

  #onEvent(name: string, payload: unknown): void {
    // Own names only: "constructor" or "__proto__" is `in` every object, and has no schema.
    if (!Object.hasOwn(eventDataSchemas, name)) return;
    const event = name as HubEventName;
    // The invitation a flooded softphone receives thousands of a second is checked by hand when it
    // has its exact shape (fastEvents.ts); anything else by the event's schema.
    const fast = event === 'callInvitationReceived' ? fastInvitationReceived(payload) : null;
    if (fast) return this.#listeners.emit(event, fast);
    const parsed = eventDataSchemas[event].safeParse(payload);
    if (!parsed.success) {
      this.#options.log?.(`hub sent a malformed ${event} event; ignored`);
      return;
    }
    this.#listeners.emit(event, parsed.data as HubEvents[typeof event]);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeSocketError(error: Error, url: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ECONNREFUSED') return `the hub at ${url} is not reachable (connection refused)`;
  if (code === 'ENOTFOUND') return `the hub host in ${url} was not found`;
  // ws's words for a server that answered the upgrade with a page: a web server, or a softphone's browser-mode port.
  const answered = /^Unexpected server response: (\d+)/.exec(error.message);
  if (answered) return `${url} is not a Switchboard hub: it answered with HTTP ${answered[1]} instead of a WebSocket`;
  // OpenSSL's "wrong version number": the server answered TLS's hello in clear text.
  if (code === 'EPROTO' && url.startsWith('wss:')) return `${url} does not speak TLS: use ws:// for a hub that serves clear text`;
  return `the connection to the hub at ${url} failed: ${error.message}`;
}
