/**
 * Browser mode carries the IPC contract over a WebSocket at /ipc on the loopback server.
 *
 *   core → renderer  { "challenge": "<random>" }                     first frame, new on every connection
 *   renderer → core  { "hello": "<proof>" }                          the page's first frame, or the socket is
 *                                                                   closed (WEB_CLOSE_UNAUTHORIZED for a wrong
 *                                                                   proof, WEB_CLOSE_NO_HELLO for none in
 *                                                                   time): base64url HMAC-SHA256 of
 *                                                                   WEB_HELLO_CONTEXT + challenge, keyed with
 *                                                                   the page's key. The key itself never crosses
 *                                                                   the socket: a process that takes the port
 *                                                                   while Switchboard is down, which an open page
 *                                                                   reconnects to, learns nothing it can sign in with
 *   renderer → core  { "id": 3, "command": { "type": "dial", … } }
 *   core → renderer  { "id": 3, "result": { "ok": true } }
 *   core → renderer  { "state": { AppState } }                       after hello and on every change
 *   both ways        { "media": { callID, peer, signal } }          media signaling (media.ts, and the ZEGO
 *                                                                   Express messages of audio.ts), with the
 *                                                                   newest page only: it carries the audio
 *   core → renderer  { "mediaCarrier": true | false }                 whether this page carries the audio: told
 *                                                                   after hello and whenever it changes
 */
import * as z from '../zod.js';
import type { AppState, CommandResult } from './contract.js';
import type { MediaToRenderer } from './media.js';

export { WEB_CLOSE_NO_HELLO, WEB_CLOSE_UNAUTHORIZED, WEB_HELLO_CONTEXT, WEB_IPC_PATH, WEB_SECRET_PARAM } from './constants.js';

export const webHelloSchema = z.strictObject({ hello: z.string().check(z.minLength(1), z.maxLength(256)) });
export const webRequestSchema = z.strictObject({
  id: z.number().check(z.int(), z.gte(0), z.lte(Number.MAX_SAFE_INTEGER)),
  command: z.unknown(),
});

/** A media message from the page; its contents are checked by the core (shared/ipc/media.ts). */
export const webMediaFrameSchema = z.strictObject({ media: z.unknown() });

export type WebServerFrame =
  | { challenge: string }
  | { id: number; result: CommandResult }
  | { state: AppState }
  | { media: MediaToRenderer }
  | { mediaCarrier: boolean };
