/**
 * The local hub's WebSocket server: frames in and out of the CallRegistry, heartbeats, and the
 * limits that keep one misbehaving client from disturbing the others (frame size, slow readers,
 * malformed frames). docs/protocol.md describes the protocol it serves.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { FRAME_SEPARATOR, MAX_FRAME_BYTES, splitFrames } from '../../../shared/protocol/hub.js';
import { CallRegistry, type RegistryStats } from './calls.js';
import { errorText } from './core.js';
import { errorFrame, parseRequest, type ParsedFrame } from './frames.js';
import {
  answersOwedInvitation,
  CLOSE_POLICY_VIOLATION,
  DEFAULT_REQUEST_BURST,
  DEFAULT_REQUESTS_PER_SECOND,
  RequestGate,
  tooFrequentFrame,
} from './limits.js';
import type { Session } from './model.js';

export interface HubOptions {
  /** Interface to listen on; 127.0.0.1 unless the hub should serve a LAN. */
  host?: string;
  /** 0 picks any free port. */
  port?: number;
  /** The HMAC secret login tokens are signed with. */
  secret: string;
  heartbeatIntervalMs?: number;
  heartbeatTimeoutMs?: number;
  /** Delay before enableNotReceivedCheck reports an undelivered invitation (ZIM: 5 s). */
  notReceivedDelayMs?: number;
  /** Requests per second a connection may send, sustained (limits.ts); 0 turns the limit off. */
  requestsPerSecond?: number;
  /** Requests a connection may send at once before the sustained rate applies. */
  requestBurst?: number;
  /** Calls a user may have ringing at once with invitations of theirs unanswered. */
  maxOpenInvitations?: number;
  /** ZIM's callJoin rule, open to anyone who knows an advanced call's ID; off by default: members only. */
  openJoin?: boolean;
  /** Keeps the users ever signed in across restarts (knownUsers.ts); none: in memory only. */
  knownUsersFile?: string;
  now?: () => number;
  log?: (line: string) => void;
}

export interface RunningHub {
  /** ws://HOST:PORT */
  url: string;
  port: number;
  /** What the hub holds now: connections, users, calls (reliability tests check these go back down). */
  stats(): RegistryStats;
  /** Stops timers, closes every connection with 1001 and stops listening. */
  close(): Promise<void>;
}

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 30_000;
/** Close code for a hub that is shutting down (RFC 6455 "going away"). */
export const CLOSE_GOING_AWAY = 1001;
/** A reader this far behind is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** A message of batched frames is sent early once it reaches this many characters. */
const MAX_MESSAGE_CHARS = 64 * 1024;
/** How long close() waits for clients to answer the close handshake. */
const CLOSE_GRACE_MS = 1000;

interface Connection {
  readonly session: Session;
  readonly label: string;
  /** Queues a frame behind those already waiting for this connection. */
  readonly send: (frame: string) => void;
  /** Sends what is queued now rather than at the end of the event-loop turn. */
  readonly flush: () => void;
  readonly gate: RequestGate;
  lastSeen: number;
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
  const registry = new CallRegistry({
    secret: options.secret,
    clock: {
      now,
      setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
      clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
    },
    log,
    notReceivedDelayMs: options.notReceivedDelayMs,
    maxOpenInvitations: options.maxOpenInvitations,
    openJoin: options.openJoin,
    knownUsersFile: options.knownUsersFile,
  });
  const requestsPerSecond = options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
  const requestBurst = options.requestBurst ?? DEFAULT_REQUEST_BURST;
  const wss = new WebSocketServer({ host, port: options.port ?? 0, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      wss.off('listening', onListening);
      reject(new Error(`the hub cannot listen on ${host}:${options.port ?? 0}: ${error.message}`));
    };
    const onListening = (): void => {
      wss.off('error', onError);
      resolve();
    };
    wss.once('error', onError);
    wss.once('listening', onListening);
  });
  const { port } = wss.address() as AddressInfo;
  const connections = new Map<WebSocket, Connection>();
  let closing = false;

  wss.on('error', (error) => log(`server error: ${errorText(error)}`));
  wss.on('connection', (ws, request) => {
    const socket = request.socket;
    const label = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    // Frames for this connection from one event-loop turn (a reply and its events, the answers to
    // a burst of pipelined requests) leave as one text message, one frame per line: one WebSocket
    // frame and one write instead of one each, which is most of the hub's cost per frame.
    let outbox: string[] = [];
    let outboxBytes = 0;
    const flushOutbox = (): void => {
      const frames = outbox;
      outbox = [];
      outboxBytes = 0;
      if (frames.length === 0 || ws.readyState !== WebSocket.OPEN) return;
      ws.send(frames.length === 1 ? frames[0]! : frames.join(FRAME_SEPARATOR));
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        log(`connection ${session.id} (${label}) reads too slowly; dropping it`);
        ws.terminate();
      }
    };
    const send = (frame: string): void => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (outbox.length === 0) setImmediate(flushOutbox);
      outbox.push(frame);
      outboxBytes += frame.length;
      if (outboxBytes >= MAX_MESSAGE_CHARS) flushOutbox();
    };
    const session = registry.connect(send);
    const gate = new RequestGate(requestsPerSecond, requestBurst, now());
    const connection: Connection = { session, label, send, flush: flushOutbox, gate, lastSeen: now() };
    connections.set(ws, connection);
    ws.on('message', (data, isBinary) => {
      connection.lastSeen = now();
      if (closing) return;
      try {
        if (isBinary) {
          if (admit(ws, connection, null)) connection.send(errorFrame(null, 'binary frames are not accepted: send JSON text frames'));
          return;
        }
        // A message may carry several requests, one per line (HubClient batches what it sends in
        // one turn); each is limited and handled on its own, in order.
        let frames = 0;
        for (const text of splitFrames(rawText(data))) {
          if (ws.readyState !== WebSocket.OPEN) break;
          // A line break at the end, or two in a row, separates nothing: no frame, no error.
          if (text === '') continue;
          frames += 1;
          // Parsed once: the rate limit reads the frame's id and callID, the registry the rest.
          const parsed = parseRequest(text);
          if (admit(ws, connection, parsed)) onFrame(connection, parsed);
        }
        // Empty or blank, it still costs a token: a flood of newlines is a flood.
        if (frames === 0 && admit(ws, connection, null)) {
          connection.send(errorFrame(null, 'the message holds no frame: send one JSON object per line'));
        }
      } catch (error) {
        log(`connection ${session.id} (${label}): frame handling failed: ${errorText(error)}`);
      }
    });
    ws.on('pong', () => {
      connection.lastSeen = now();
    });
    // Oversized frames (closed with 1009 by ws), protocol violations, resets: the close follows.
    ws.on('error', (error) => log(`connection ${session.id} (${label}): ${error.message}`));
    ws.on('close', (code) => {
      connections.delete(ws);
      try {
        registry.disconnect(session);
      } catch (error) {
        log(`connection ${session.id} (${label}): disconnect failed: ${errorText(error)}`);
      }
      log(`connection ${session.id} (${label}) closed (${code})`);
    });
  });

  /** Applies the connection's request rate; a refused frame is answered, a flood is closed. */
  function admit(ws: WebSocket, connection: Connection, parsed: ParsedFrame | null): boolean {
    const verdict = connection.gate.admit(connection.lastSeen);
    if (verdict === 'pass') return true;
    if (parsed !== null && answersOwedInvitation(connection.session, parsed)) {
      connection.gate.refund();
      return true;
    }
    if (verdict === 'refuse') {
      connection.send(tooFrequentFrame(parsed?.id ?? null, connection.gate));
    } else if (ws.readyState === WebSocket.OPEN) {
      log(`connection ${connection.session.id} (${connection.label}) keeps flooding; closing it`);
      connection.flush();
      ws.close(CLOSE_POLICY_VIOLATION, connection.gate.describe());
    }
    return false;
  }

  function onFrame(connection: Connection, parsed: ParsedFrame): void {
    if (!parsed.ok) {
      log(`connection ${connection.session.id} (${connection.label}): ${parsed.message}`);
      connection.send(errorFrame(parsed.id, parsed.message));
      return;
    }
    registry.request(connection.session, parsed.id, parsed.method, parsed.params);
  }

  const heartbeat = setInterval(() => {
    const at = now();
    for (const [ws, connection] of connections) {
      if (at - connection.lastSeen > heartbeatTimeoutMs) {
        log(`connection ${connection.session.id} (${connection.label}) missed its heartbeats; dropping it`);
        ws.terminate();
      } else if (ws.readyState === WebSocket.OPEN) {
        ws.ping();
      }
    }
  }, heartbeatIntervalMs);

  const url = `ws://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(`listening on ${url}`);

  return {
    url,
    port,
    stats: () => registry.stats(),
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(heartbeat);
      registry.dispose();
      const closed = [...connections].map(([ws, connection]) => {
        connection.flush();
        ws.close(CLOSE_GOING_AWAY, 'the hub is shutting down');
        return once(ws, 'close');
      });
      const grace = setTimeout(() => {
        for (const ws of connections.keys()) ws.terminate();
      }, CLOSE_GRACE_MS);
      await Promise.all(closed);
      clearTimeout(grace);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      log('closed');
    },
  };
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
