/**
 * A WebSocket client for tests that drive a hub started with startHub: it keeps every frame it
 * was sent and lets a test wait for the frame it expects.
 */
import { WebSocket } from 'ws';
import { splitFrames, type HubMethod, type MethodInput, type MethodResults, type ReplyError } from '../../../shared/protocol/hub.js';
import { mintToken } from '../auth/token.js';
import { startHub, type HubOptions, type RunningHub } from './server.js';

export interface WireFrame {
  id?: number | null;
  result?: Record<string, unknown>;
  error?: ReplyError;
  event?: string;
  data?: Record<string, unknown>;
}

export class WireClient {
  readonly frames: WireFrame[] = [];
  /** For each frame, the number of the WebSocket message it came in: the hub batches frames. */
  readonly messageOf: number[] = [];
  #messages = 0;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #ws: WebSocket;
  readonly #waiters = new Set<() => void>();
  #nextId = 1;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on('message', (data) => {
      this.#messages += 1;
      for (const frame of splitFrames(data.toString())) {
        this.frames.push(JSON.parse(frame) as WireFrame);
        this.messageOf.push(this.#messages);
      }
      for (const wake of this.#waiters) wake();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async open(url: string, options: { autoPong?: boolean } = {}): Promise<WireClient> {
    const ws = new WebSocket(url, options);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new WireClient(ws);
  }

  /** A connection logged in as `userID` with a token signed by `secret`. */
  static async as(url: string, userID: string, secret: string, options: { autoPong?: boolean } = {}): Promise<WireClient> {
    const client = await WireClient.open(url, options);
    await client.ok('login', { userID, token: mintToken(secret, userID, Date.now()) });
    return client;
  }

  raw(data: string | Buffer): void {
    this.#ws.send(data);
  }

  async request<M extends HubMethod>(method: M, params: MethodInput<M>): Promise<WireFrame> {
    const id = this.#nextId++;
    this.#ws.send(JSON.stringify({ id, method, params }));
    return this.waitFor((frame) => frame.id === id);
  }

  /** Sends and expects success. */
  async ok<M extends HubMethod>(method: M, params: MethodInput<M>): Promise<MethodResults[M]> {
    const reply = await this.request(method, params);
    if (!reply.result) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
    return reply.result as unknown as MethodResults[M];
  }

  async waitFor(match: (frame: WireFrame) => boolean, timeoutMs = 2000): Promise<WireFrame> {
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching frame within ${timeoutMs} ms: ${JSON.stringify(this.frames)}`)), timeoutMs);
        const wake = (): void => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          resolve();
        };
        this.#waiters.add(wake);
      });
    }
  }

  event(name: string, callID?: unknown): Promise<WireFrame> {
    return this.waitFor((frame) => frame.event === name && (callID === undefined || frame.data?.callID === callID));
  }

  /** The events received so far, in order. */
  events(): WireFrame[] {
    return this.frames.filter((frame) => frame.event !== undefined);
  }

  /** Cuts the connection without a close handshake, as a network failure or a crash does. */
  cut(): void {
    this.#ws.terminate();
  }

  close(): void {
    this.#ws.close();
  }
}

export type LoggedHub = RunningHub & { logs: string[] };

/**
 * Hubs for one test file: `start` runs a hub on a free port that keeps its log lines, and
 * `closeAll`, for afterEach, closes every hub started since.
 */
export function testHubs(secret: string): { start(options?: Partial<HubOptions>): Promise<LoggedHub>; closeAll(): Promise<void> } {
  let running: RunningHub[] = [];
  return {
    async start(options = {}) {
      const logs: string[] = [];
      const hub = await startHub({ secret, log: (line) => logs.push(line), ...options });
      running.push(hub);
      return Object.assign(hub, { logs });
    },
    async closeAll() {
      const closing = running;
      running = [];
      await Promise.all(closing.map((hub) => hub.close()));
    },
  };
}
