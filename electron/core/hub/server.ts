/**
 * The local hub's WebSocket server: frames in and out of the CallRegistry, heartbeats, and the
 * limits that keep one misbehaving client from disturbing the others (admission before sign-in,
 * frame size, slow readers, malformed frames). docs/protocol.md describes the protocol it serves.
 */
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { createServer as createHttpServer } from '../builtins.js';
import { FRAME_SEPARATOR, MAX_FRAME_BYTES, methodParams, splitFrames } from '../../../shared/protocol/hub.js';
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { verifyToken } from '../auth/token.js';
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
import { Admission, DEFAULT_ADMISSION_LIMITS, type AdmissionLimits, type AdmissionStats, type Ticket } from './admission.js';
import { answerPlainRequest, CLOSE_GRACE_MS, closeSoon, rawLength, rawText, socketKey } from './sockets.js';
import { ThrottledLog } from './throttledLog.js';
import { systemTimers } from '../timers.js';

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
  /** ZIM's 6000281 for invitees who never signed in (CoreOptions.reportUnknownUsers); off: they ring like offline users. */
  reportUnknownUsers?: boolean;
  /** Invitations one caller may have ringing at one callee; 0 = no limit (lineFilling.ts). */
  maxRingingPerCallee?: number;
  /** The wait after a decline before the same caller may invite again, doubling per decline in a row; 0 = none. */
  declineCooldownMs?: number;
  /** A device that goes away leaves its calls even while its user is signed in elsewhere (CoreOptions.leaveWithDevice). */
  leaveWithDevice?: boolean;
  /** How long a user whose connection failed stays in a call under way (CoreOptions.reconnectGraceMs). */
  reconnectGraceMs?: number;
  /** Caps and deadline for connections before they sign in (admission.ts); unset fields keep their defaults. */
  admission?: Partial<AdmissionLimits>;
  /** Browser origins whose WebSocket upgrades are served; an upgrade with any other Origin is refused. */
  allowedOrigins?: readonly string[];
  /** Serve wss:// with this certificate and key (PEM) instead of ws://. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  now?: () => number;
  log?: (line: string) => void;
}

export interface RunningHub {
  /** ws://HOST:PORT, or wss:// with TLS */
  url: string;
  port: number;
  /** What the hub holds now: connections, users, calls (reliability tests check these go back down). */
  stats(): RegistryStats & AdmissionStats;
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
/** A client has this long to send its upgrade request's headers, its TLS handshake, the whole request (slow sockets). */
const HEADERS_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;
const TIMEOUT_CHECK_MS = 1_000;

interface Connection {
  readonly session: Session;
  readonly label: string;
  /** Queues a frame behind those already waiting for this connection. */
  readonly send: (frame: string) => void;
  /** Sends what is queued now rather than at the end of the event-loop turn. */
  readonly flush: () => void;
  readonly gate: RequestGate;
  readonly ticket: Ticket;
  /** now() at its latest frame: the time its rate limit and the pending budget are charged at. */
  lastSeen: number;
  /**
   * When it was last heard from (a frame or a pong), on the monotonic clock: a system clock that
   * steps forward must not make everyone look silent, nor one that steps back hide the silent.
   */
  heardAt: number;
  /**
   * Why the hub dropped it, if it did: for missed heartbeats it had been dead since heardAt, not
   * since it closed; one that read too slowly was dropped for what it did, not lost.
   */
  dropped: 'silent' | 'slow' | null;
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const host = options.host ?? '127.0.0.1';
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? DEFAULT_HEARTBEAT_TIMEOUT_MS;
  const registry = new CallRegistry({
    secret: options.secret,
    clock: { now, ...systemTimers },
    log,
    notReceivedDelayMs: options.notReceivedDelayMs,
    maxOpenInvitations: options.maxOpenInvitations,
    openJoin: options.openJoin,
    knownUsersFile: options.knownUsersFile,
    reportUnknownUsers: options.reportUnknownUsers,
    maxRingingPerCallee: options.maxRingingPerCallee,
    declineCooldownMs: options.declineCooldownMs,
    leaveWithDevice: options.leaveWithDevice,
    reconnectGraceMs: options.reconnectGraceMs,
  });
  const requestsPerSecond = options.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
  const requestBurst = options.requestBurst ?? DEFAULT_REQUEST_BURST;
  const admission = new Admission({ ...DEFAULT_ADMISSION_LIMITS, ...options.admission }, now());
  const allowedOrigins = new Set(options.allowedOrigins ?? []);
  // What clients can cause at will is logged in full only a few times per window (throttledLog.ts).
  const noisy = new ThrottledLog(log, Date.now);
  const serverOptions = { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_MS };
  const http = options.tls
    ? createHttpsServer({ ...serverOptions, ...options.tls, handshakeTimeout: HEADERS_TIMEOUT_MS }, answerPlainRequest)
    : createHttpServer(serverOptions, answerPlainRequest);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  /** Admission tickets by the socket's remote address and port (the same for a TLS socket and the TCP one under it). */
  const tickets = new Map<string, Ticket>();
  const loginTimers = new Map<Ticket, NodeJS.Timeout>();
  /** How a connection past its login deadline is ended: a reset before the upgrade, a close after. */
  const loginDrops = new Map<Ticket, () => void>();
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      http.off('listening', onListening);
      reject(new Error(`the hub cannot listen on ${host}:${options.port ?? 0}: ${error.message}`));
    };
    const onListening = (): void => {
      http.off('error', onError);
      resolve();
    };
    http.once('error', onError);
    http.once('listening', onListening);
    http.listen(options.port ?? 0, host);
  });
  const { port } = http.address() as AddressInfo;
  const connections = new Map<WebSocket, Connection>();
  let closing = false;

  http.on('error', (error) => log(`server error: ${errorText(error)}`));
  http.on('tlsClientError', (error: Error) => noisy.write(`TLS handshake failed: ${error.message}`));
  http.on('connection', (socket: Socket) => {
    // A reset is the peer's business, never the process's.
    socket.on('error', () => {});
    const address = socket.remoteAddress ?? '?';
    const key = socketKey(socket);
    const ticket = admission.open(address);
    if (typeof ticket === 'string' || closing) {
      noisy.write(`refused a connection from ${address}: ${closing ? 'the hub is shutting down' : String(ticket)}`);
      socket.destroy();
      return;
    }
    tickets.set(key, ticket);
    watchLogin(ticket, () => socket.destroy());
    socket.once('close', () => {
      tickets.delete(key);
      clearTimeout(loginTimers.get(ticket));
      loginTimers.delete(ticket);
      loginDrops.delete(ticket);
      admission.close(ticket);
    });
  });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const origin = request.headers.origin;
    // Browsers always send Origin; native clients (HubClient, ws) do not. A page on any site
    // could otherwise open sockets to a hub on the user's machine or LAN.
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      noisy.write(`refused an upgrade from ${request.socket.remoteAddress ?? '?'} with Origin ${JSON.stringify(origin.slice(0, 100))}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\n\r\nbrowser origins are not served by this hub\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  /** Starts (or restarts, after a logout) the login deadline of a connection not signed in. */
  function watchLogin(ticket: Ticket, drop: () => void): void {
    clearTimeout(loginTimers.get(ticket));
    const { loginTimeoutMs } = admission.limits;
    loginDrops.set(ticket, drop);
    loginTimers.set(
      ticket,
      setTimeout(() => {
        loginTimers.delete(ticket);
        if (!ticket.pending) return;
        noisy.write(`a connection from ${ticket.address} did not sign in within ${loginTimeoutMs} ms; closing it`);
        loginDrops.get(ticket)?.();
      }, loginTimeoutMs),
    );
  }

  /** After each message: a connection that signed in leaves the pending caps, one that signed out rejoins them. */
  function trackSignIn(ws: WebSocket, connection: Connection): void {
    admission.setUser(connection.ticket, connection.session.user?.userID ?? null);
    const pending = connection.session.user === null;
    if (pending === connection.ticket.pending) return;
    admission.setPending(connection.ticket, pending);
    if (pending) watchLogin(connection.ticket, () => closeSoon(ws, 'no login in time'));
    else clearTimeout(loginTimers.get(connection.ticket));
  }

  wss.on('connection', (ws: WebSocket, request: IncomingMessage) => {
    const socket = request.socket;
    const label = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    const ticket = tickets.get(socketKey(socket));
    if (!ticket) {
      // Its TCP socket closed during the upgrade.
      ws.terminate();
      return;
    }
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
        connection.dropped = 'slow';
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
    const connection: Connection = { session, label, send, flush: flushOutbox, gate, ticket, lastSeen: now(), heardAt: performance.now(), dropped: null };
    // The deadline still counts from the TCP accept; once upgraded, it closes with a reason rather than a reset.
    loginDrops.set(ticket, () => closeSoon(ws, 'no login in time'));
    connections.set(ws, connection);
    ws.on('message', (data, isBinary) => {
      connection.lastSeen = now();
      connection.heardAt = performance.now();
      if (closing) return;
      if (ticket.pending && !admission.charge(ticket, rawLength(data), connection.lastSeen)) {
        noisy.write(`connection ${session.id} (${label}): traffic from connections not signed in is over the hub's budget; closing it`);
        closeSoon(ws, 'the hub is busy: sign in with your first frame');
        return;
      }
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
      trackSignIn(ws, connection);
    });
    ws.on('pong', () => {
      connection.heardAt = performance.now();
    });
    // Oversized frames (closed with 1009 by ws), protocol violations, resets: the close follows.
    ws.on('error', (error) => noisy.write(`connection ${session.id} (${label}): ${error.message}`));
    ws.on('close', (code) => {
      const wasSignedIn = session.user !== null;
      connections.delete(ws);
      try {
        // A close with a handshake is a goodbye; without one (1006: a network failure, a crash, missed heartbeats) the user may be back, unless the hub dropped a reader too slow.
        const lost = code === 1006 && connection.dropped !== 'slow';
        registry.disconnect(session, lost ? { silentMs: connection.dropped === 'silent' ? performance.now() - connection.heardAt : 0 } : null);
      } catch (error) {
        log(`connection ${session.id} (${label}): disconnect failed: ${errorText(error)}`);
      }
      // Connections that never signed in are anyone's to open and close: their closes are noise.
      (wasSignedIn ? log : noisy.write.bind(noisy))(`connection ${session.id} (${label}) closed (${code})`);
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
      noisy.write(`connection ${connection.session.id} (${connection.label}) keeps flooding; closing it`);
      connection.flush();
      ws.close(CLOSE_POLICY_VIOLATION, connection.gate.describe());
    }
    return false;
  }

  function onFrame(connection: Connection, parsed: ParsedFrame): void {
    if (!parsed.ok) {
      noisy.write(`connection ${connection.session.id} (${connection.label}): ${parsed.message}`);
      connection.send(errorFrame(parsed.id, parsed.message));
      return;
    }
    const overCap = parsed.method === 'login' && connection.session.user === null ? loginOverCap(parsed.params) : null;
    if (overCap !== null) {
      noisy.write(`connection ${connection.session.id} (${connection.label}): ${overCap}`);
      connection.send(JSON.stringify({ id: parsed.id, error: { code: ZimErrorCode.FrequencyLimit, message: `login: ${overCap}` } }));
      return;
    }
    registry.request(connection.session, parsed.id, parsed.method, parsed.params);
  }

  /**
   * Why a login would pass the user's cap of connections, or null. Only a login that would
   * otherwise succeed is counted: a wrong token is told it is wrong, and learns nothing of how
   * many connections its user holds.
   */
  function loginOverCap(params: unknown): string | null {
    const login = methodParams.login.safeParse(params);
    if (!login.success || !verifyToken(options.secret, login.data.token, login.data.userID, now()).ok) return null;
    return admission.refuseSignIn(login.data.userID);
  }

  const heartbeat = setInterval(() => {
    const at = performance.now();
    for (const [ws, connection] of connections) {
      if (at - connection.heardAt > heartbeatTimeoutMs) {
        log(`connection ${connection.session.id} (${connection.label}) missed its heartbeats; dropping it`);
        connection.dropped = 'silent';
        ws.terminate();
      } else if (ws.readyState === WebSocket.OPEN) {
        ws.ping();
      }
    }
  }, heartbeatIntervalMs);

  const url = `${options.tls ? 'wss' : 'ws'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log(`listening on ${url}`);

  return {
    url,
    port,
    stats: () => ({ ...registry.stats(), ...admission.stats() }),
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
      for (const timer of loginTimers.values()) clearTimeout(timer);
      wss.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      noisy.flush();
      log('closed');
    },
  };
}
