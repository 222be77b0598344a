/**
 * A minimal client of the hub protocol for load generation: raw `ws`, login with a minted token,
 * promise-based requests for setup, and a hook (`onText`) that lets a scenario handle the hot path
 * itself without promises, schemas or per-frame allocations beyond the frame's string.
 */
import WebSocket from 'ws';
import { mintToken } from '../../electron/core/auth/token.js';
import { splitFrames } from '../../shared/protocol/hub.js';
import { benchSecret } from './procs.js';

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

const CONNECT_TIMEOUT_MS = 15_000;

export class WireClient {
  readonly ws: WebSocket;
  readonly userID: string;
  /** Sees every frame first; returns true when it consumed it. */
  onText: ((text: string) => boolean) | null = null;
  /** Events not consumed by onText. */
  onEvent: ((name: string, data: Record<string, unknown>) => void) | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();

  private constructor(ws: WebSocket, userID: string) {
    this.ws = ws;
    this.userID = userID;
    ws.on('message', (data: Buffer) => {
      for (const frame of splitFrames(data.toString())) this.#onFrame(frame);
    });
    ws.on('close', () => {
      for (const pending of this.#pending.values()) pending.reject(new Error(`${userID}: connection closed`));
      this.#pending.clear();
    });
  }

  /** Opens a connection and logs in as `userID`. */
  static async connect(url: string, userID: string): Promise<WireClient> {
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: CONNECT_TIMEOUT_MS });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', (error) => reject(new Error(`${userID}: cannot connect to ${url}: ${error.message}`)));
    });
    ws.on('error', () => {}); // a close follows; the bench notices missing answers instead
    const client = new WireClient(ws, userID);
    await client.request('login', { userID, token: mintToken(benchSecret, userID, Date.now()) });
    return client;
  }

  /** Connects `count` users named `${prefix}${i}`, at most `concurrency` handshakes at a time. */
  static async connectMany(url: string, prefix: string, count: number, concurrency = 100): Promise<WireClient[]> {
    const clients: WireClient[] = new Array<WireClient>(count);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const index = next++;
        clients[index] = await WireClient.connect(url, `${prefix}${index}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
    return clients;
  }

  /** An id for a request whose reply the scenario's onText handles. */
  takeId(): number {
    return this.#nextId++;
  }

  send(text: string): void {
    this.ws.send(text);
  }

  request<T = Record<string, unknown>>(method: string, params: unknown, timeoutMs = 10_000): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${this.userID}: ${method} got no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /**
   * Says goodbye with a close frame, so that the hub ends this user's calls at once: a connection
   * that just drops keeps them ringing through the hub's reconnect grace (docs/protocol.md).
   */
  close(): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000, 'done');
    else if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }

  #onFrame(text: string): void {
    if (this.onText?.(text)) return;
    const frame = JSON.parse(text) as { id?: number; result?: unknown; error?: { code: number; message: string }; event?: string; data?: Record<string, unknown> };
    if (frame.event !== undefined) {
      this.onEvent?.(frame.event, frame.data ?? {});
      return;
    }
    const pending = frame.id === undefined ? undefined : this.#pending.get(frame.id);
    if (!pending) return;
    this.#pending.delete(frame.id!);
    if (frame.error) pending.reject(new Error(`${this.userID}: ${frame.error.code} ${frame.error.message}`));
    else pending.resolve(frame.result);
  }
}

export function closeAll(clients: Iterable<WireClient | undefined>): void {
  for (const client of clients) client?.close();
}
