/**
 * Small pieces of the hub's socket handling that need none of its state: reading a message's
 * bytes, naming a socket, refusing plain HTTP, and closing a connection that must go.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { RawData, WebSocket } from 'ws';
import { CLOSE_POLICY_VIOLATION } from './limits.js';

/** How long a connection closed by the hub has to answer the close handshake before it is cut. */
export const CLOSE_GRACE_MS = 1000;

/** Closes with 1008 and the reason, and cuts a client that does not answer the close within the grace. */
export function closeSoon(ws: WebSocket, reason: string): void {
  ws.close(CLOSE_POLICY_VIOLATION, reason);
  setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
}

/** A plain HTTP request to the hub: it speaks WebSocket only. */
export function answerPlainRequest(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' }).end('this is a Switchboard hub: connect with WebSocket\n');
}

/** The same key for a TLS socket and the TCP socket under it. */
export function socketKey(socket: Socket): string {
  return `${socket.remoteAddress ?? '?'}|${socket.remotePort ?? '?'}`;
}

/** A message's size in bytes, as it came off the wire. */
export function rawLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

export function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
