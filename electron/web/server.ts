/**
 * Browser mode: serves the built renderer on loopback and carries the IPC contract over a
 * WebSocket (shared/ipc/web.ts), guarded by a per-launch secret and an Origin check, so the
 * whole app runs and is tested in any browser without an Electron binary.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { ZEGO_EXPRESS_CONNECT_SOURCES } from '../../shared/ipc/constants.js';
import {
  WEB_CLOSE_NO_HELLO,
  WEB_CLOSE_UNAUTHORIZED,
  WEB_IPC_PATH,
  WEB_SECRET_PARAM,
  webHelloSchema,
  webMediaFrameSchema,
  webRequestSchema,
  type WebServerFrame,
} from '../../shared/ipc/web.js';
import type { AppState } from '../../shared/ipc/contract.js';
import type { Softphone } from '../core/softphone.js';
import { RENDERER_CONTENT_TYPES } from '../core/contentTypes.js';
import { createServer } from '../core/builtins.js';
import { pathOf, servedHosts } from './guard.js';
import { helloChallenge, helloProof } from './pageKey.js';

export interface WebServerOptions {
  softphone: Softphone;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  /**
   * The page's key (in the URL's fragment); a random one per launch when absent. A kept key and
   * a fixed port let an open page reconnect by itself after the process restarts.
   */
  key?: string;
  log?: (line: string) => void;
}

export interface RunningWebServer {
  /** The page to open, secret included in the fragment. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_IPC_FRAME_BYTES = 64 * 1024;
/** The page's hello (the WebSocket handshake's second half) must arrive within this. */
const HELLO_TIMEOUT_MS = 5_000;
/** A client has this long to send a request's headers, and the whole request (slow sockets). */
const HEADERS_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** How often Node looks for requests past those timeouts. */
const TIMEOUT_CHECK_MS = 1_000;
/** The page's policy; on the ZIM backend it may also reach ZEGO Express's servers, which carry the audio. */
function contentSecurityPolicy(zegoExpress: boolean): string {
  return [
    "default-src 'self'",
    zegoExpress ? `connect-src 'self' ${ZEGO_EXPRESS_CONNECT_SOURCES}` : "connect-src 'self'",
    "img-src 'self' data:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const secret = options.key ?? randomBytes(24).toString('base64url');
  const root = normalize(options.rendererDir);
  const policy = contentSecurityPolicy(options.softphone.state.mediaPath.kind === 'zego-express');
  let hosts: ReadonlySet<string> = new Set();
  const http = createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS, connectionsCheckingInterval: TIMEOUT_CHECK_MS },
    (request, response) => {
      // Every answer, error pages included, carries the page's policy.
      response.setHeader('Content-Security-Policy', policy);
      response.setHeader('X-Content-Type-Options', 'nosniff');
      response.setHeader('Referrer-Policy', 'no-referrer');
      if (!hosts.has(request.headers.host ?? '')) {
        response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('this server answers only to its loopback address');
        return;
      }
      serveStatic(root, request, response).catch((error: unknown) => {
        options.log?.(`serving ${request.url}: ${String(error)}`);
        if (!response.headersSent) response.writeHead(500).end();
      });
    },
  );
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_IPC_FRAME_BYTES });
  await new Promise<void>((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`${HOST}:${options.port} is already in use: choose another port`) : error),
    );
    http.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  hosts = servedHosts(HOST, port);
  const allowedOrigins = new Set([...hosts].map((host) => `http://${host}`));
  const stateFrame = stateFrameWriter();
  // A reset or broken socket is the peer's business, never the process's (an unhandled 'error' throws).
  http.on('connection', (socket: Socket) => socket.on('error', () => {}));
  const media = new MediaPage(options.softphone);

  http.on('upgrade', (request, socket, head) => {
    if (
      pathOf(request.url) !== WEB_IPC_PATH ||
      !hosts.has(request.headers.host ?? '') ||
      !allowedOrigins.has(request.headers.origin ?? '')
    ) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveIpc(ws, options.softphone, secret, stateFrame, media, options.log));
  });

  return {
    url: `http://${HOST}:${port}/#${WEB_SECRET_PARAM}=${secret}`,
    port,
    close: async () => {
      media.dispose();
      for (const client of wss.clients) client.close(1001, 'server closing');
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
    },
  };
}

/**
 * The `{state}` frame of a snapshot, written once for every page that shows it. The history
 * (200 entries) and the callbacks (one per waiting caller) are most of its bytes and change least
 * often, so their JSON is kept until they change (the core keeps the same array until then).
 */
export function stateFrameWriter(): (state: AppState) => string {
  let lastState: AppState | null = null;
  let lastFrame = '';
  const history = cachedJson<AppState['history']>();
  const callbacks = cachedJson<AppState['callbacks']>();
  return (state) => {
    if (state === lastState) return lastFrame;
    const { history: _history, callbacks: _callbacks, ...rest } = state;
    // rest is never empty, so its JSON ends in "}" after at least one field.
    lastFrame = `{"state":${JSON.stringify(rest).slice(0, -1)},"history":${history(state.history)},"callbacks":${callbacks(state.callbacks)}}}`;
    lastState = state;
    return lastFrame;
  };
}

/** JSON.stringify that remembers its last value, by identity. */
function cachedJson<T>(): (value: T) => string {
  let last: T | null = null;
  let json = '';
  return (value) => {
    if (value !== last) {
      last = value;
      json = JSON.stringify(value);
    }
    return json;
  };
}

function serveIpc(
  ws: WebSocket,
  softphone: Softphone,
  secret: string,
  stateFrame: (state: AppState) => string,
  media: MediaPage,
  log?: (line: string) => void,
): void {
  const send = (frame: string): void => {
    if (ws.readyState === ws.OPEN) ws.send(frame);
  };
  let unsubscribe: (() => void) | null = null;
  // Not "unauthorized": a page slow to answer may hold the right key, and it would stop for good.
  const helloTimer = setTimeout(() => ws.close(WEB_CLOSE_NO_HELLO, 'no hello'), HELLO_TIMEOUT_MS);
  const challenge = helloChallenge();
  send(JSON.stringify({ challenge } satisfies WebServerFrame));
  // A frame over the size bound or with invalid UTF-8: ws closes the socket (1009, 1007) and
  // reports it here; without a listener, the report would end the process.
  ws.on('error', (error) => log?.(`browser IPC socket: ${error.message}`));
  ws.on('close', () => {
    clearTimeout(helloTimer);
    unsubscribe?.();
    media.leave(ws);
  });
  ws.on('message', (data, isBinary) => {
    const json = isBinary ? undefined : parseJson(data.toString());
    if (!unsubscribe) {
      const hello = webHelloSchema.safeParse(json);
      if (!hello.success || !sameSecret(hello.data.hello, helloProof(secret, challenge))) {
        ws.close(WEB_CLOSE_UNAUTHORIZED, 'wrong key');
        return;
      }
      clearTimeout(helloTimer);
      unsubscribe = softphone.onState((state) => send(stateFrame(state)));
      send(stateFrame(softphone.state));
      media.join(ws);
      return;
    }
    const mediaFrame = webMediaFrameSchema.safeParse(json);
    if (mediaFrame.success) {
      if (media.carries(ws)) softphone.sendMediaSignal(mediaFrame.data.media);
      return;
    }
    const request = webRequestSchema.safeParse(json);
    if (!request.success) {
      log?.('browser sent a malformed IPC frame; closing it');
      ws.close(1008, 'malformed frame');
      return;
    }
    const { id, command } = request.data;
    void softphone.command(command).then((result) => send(JSON.stringify({ id, result } satisfies WebServerFrame)));
  });
}

/**
 * Which page carries the audio: the newest one to say hello, then the newest still open. Two
 * pages answering the same offer would fight over one call, so only this one gets media signals.
 */
class MediaPage {
  readonly #pages: WebSocket[] = [];
  readonly dispose: () => void;

  constructor(softphone: Softphone) {
    this.dispose = softphone.onMediaSignal((message) => {
      const page = this.#pages.at(-1);
      if (page && page.readyState === page.OPEN) page.send(JSON.stringify({ media: message } satisfies WebServerFrame));
    });
  }

  /** The page carries the audio from now on; the one that did is told it no longer does. */
  join(ws: WebSocket): void {
    const previous = this.#pages.at(-1);
    this.#pages.push(ws);
    if (previous) tellCarrier(previous, false);
    tellCarrier(ws, true);
  }

  /** A page that went: the newest still open carries the audio again, and is told so (it takes the calls over). */
  leave(ws: WebSocket): void {
    const at = this.#pages.indexOf(ws);
    if (at < 0) return;
    this.#pages.splice(at, 1);
    const next = this.#pages.at(-1);
    if (at === this.#pages.length && next) tellCarrier(next, true);
  }

  carries(ws: WebSocket): boolean {
    return this.#pages.at(-1) === ws;
  }
}

function tellCarrier(ws: WebSocket, carrying: boolean): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ mediaCarrier: carrying } satisfies WebServerFrame));
}

async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const pathname = pathOf(request.url);
  if (pathname === null) {
    response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('bad request target');
    return;
  }
  const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(404).end();
    return;
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  response.writeHead(200, {
    'Content-Type': RENDERER_CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
