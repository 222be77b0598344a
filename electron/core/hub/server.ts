/**
 * The local hub's WebSocket server: frames in and out of the CallRegistry, heartbeats, and the
 * limits that keep one misbehaving client from disturbing the others (frame size, slow readers,
 * malformed frames). docs/protocol.md describes the protocol it serves.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { MAX_FRAME_BYTES } from '../../../shared/protocol/hub.js';
import { CallRegistry } from './calls.js';
import { errorText } from './core.js';
import { errorFrame, parseRequest } from './frames.js';
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
  now?: () => number;
  log?: (line: string) => void;
}

export interface RunningHub {
  /** ws://HOST:PORT */
  url: string;
  port: number;
  /** Stops timers, closes every connection with 1001 and stops listening. */
  close(): Promise<void>;
}

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;
export const DEFAULT_HEARTBEAT_TIMEOUT_MS = 30_000;
/** Close code for a hub that is shutting down (RFC 6455 "going away"). */
export const CLOSE_GOING_AWAY = 1001;
/** A reader this far behind is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** How long close() waits for clients to answer the close handshake. */
const CLOSE_GRACE_MS = 1000;

interface Connection {
  readonly session: Session;
  readonly label: string;
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
  });
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
    let corked = false;
    const uncork = (): void => {
      corked = false;
      socket.uncork();
    };
    const session = registry.connect((frame) => {
      if (ws.readyState !== WebSocket.OPEN) return;
      // Frames sent in one turn of the event loop (a reply and its events, or the answers to a
      // burst of pipelined requests) leave in one write instead of one system call each.
      if (!corked) {
        corked = true;
        socket.cork();
        process.nextTick(uncork);
      }
      ws.send(frame);
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        log(`connection ${session.id} (${label}) reads too slowly; dropping it`);
        ws.terminate();
      }
    });
    const connection: Connection = { session, label, lastSeen: now() };
    connections.set(ws, connection);
    ws.on('message', (data, isBinary) => {
      connection.lastSeen = now();
      if (closing) return;
      try {
        onFrame(ws, connection, data, isBinary);
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

  function onFrame(ws: WebSocket, connection: Connection, data: RawData, isBinary: boolean): void {
    if (isBinary) {
      ws.send(errorFrame(null, 'binary frames are not accepted: send JSON text frames'));
      return;
    }
    const parsed = parseRequest(rawText(data));
    if (!parsed.ok) {
      log(`connection ${connection.session.id} (${connection.label}): ${parsed.message}`);
      ws.send(errorFrame(parsed.id, parsed.message));
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
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(heartbeat);
      registry.dispose();
      const closed = [...connections.keys()].map((ws) => {
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
