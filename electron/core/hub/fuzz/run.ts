/**
 * Drives the protocol fuzzer against a running hub: several connections, each signed in as a
 * fuzz user or not, sending frames of every kind (frames.ts) at a steady pace until the time is
 * up, and opening a new connection whenever the hub closes one (as it must for oversized frames,
 * invalid UTF-8 and floods). Frame choices replay from the seed; which callIDs they name depends
 * on timing.
 */
import { WebSocket } from 'ws';
import { mintToken } from '../../auth/token.js';
import { FRAME_KINDS, framesOf, type FrameKind, type FuzzContext } from './frames.js';
import { Rng } from './rng.js';

export interface FuzzOptions {
  url: string;
  secret: string;
  seed: number;
  durationMs: number;
  connections: number;
  /** Frames per connection per second, kept under the hub's request rate so that floods stand out. */
  framesPerSecond: number;
  /** Frames in one flood: more than the hub's burst and debt allow. */
  floodSize: number;
  /** Users the requests may name (as invitees); only the fuzz users' own logins carry valid tokens. */
  otherUsers: readonly string[];
}

export interface FuzzResult {
  framesTried: number;
  byKind: Record<FrameKind, number>;
  /** How the hub closed fuzzing connections, by close code. */
  closes: Record<number, number>;
  connectionsOpened: number;
}

const FUZZ_USER_PREFIX = 'fuzz-';
/** Frames sent between pauses; the pause keeps each connection at `framesPerSecond`. */
const BATCH = 25;
/** Callids a connection remembers from what the hub sent it. */
const KNOWN_CALLS = 50;

export async function fuzz(options: FuzzOptions): Promise<FuzzResult> {
  const result: FuzzResult = {
    framesTried: 0,
    byKind: Object.fromEntries(Object.keys(FRAME_KINDS).map((kind) => [kind, 0])) as Record<FrameKind, number>,
    closes: {},
    connectionsOpened: 0,
  };
  const deadline = Date.now() + options.durationMs;
  const fuzzUsers = Array.from({ length: options.connections }, (_, i) => `${FUZZ_USER_PREFIX}${i}`);
  const users = [...fuzzUsers, ...options.otherUsers];
  await Promise.all(fuzzUsers.map((userID, i) => fuzzConnection(options, userID, users, new Rng(options.seed + i * 7919), deadline, result)));
  return result;
}

async function fuzzConnection(options: FuzzOptions, userID: string, users: readonly string[], rng: Rng, deadline: number, result: FuzzResult): Promise<void> {
  const callIDs: string[] = [];
  const context: FuzzContext = {
    users,
    callIDs,
    // Valid tokens only for fuzz users: a fuzzer signed in as a well-behaved user would be one of its devices.
    token: (id) => mintToken(id.startsWith(FUZZ_USER_PREFIX) ? options.secret : 'not-the-hub-secret-0123456789', id, Date.now()),
  };
  const pauseMs = (BATCH * 1000) / options.framesPerSecond;
  while (Date.now() < deadline) {
    const ws = new WebSocket(options.url, { perMessageDeflate: false });
    result.connectionsOpened += 1;
    let open = true;
    const closed = new Promise<void>((resolve) =>
      ws.once('close', (code) => {
        open = false;
        result.closes[code] = (result.closes[code] ?? 0) + 1;
        resolve();
      }),
    );
    ws.on('error', () => {}); // the close that follows is what counts
    ws.on('message', (data) => {
      for (const match of String(data).matchAll(/"callID":"(\d{1,20})"/g)) {
        callIDs.push(match[1]!);
        if (callIDs.length > KNOWN_CALLS) callIDs.shift();
      }
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('close', () => reject(new Error(`fuzzer ${userID} could not connect to ${options.url}: is the hub down?`)));
    });
    if (rng.chance(0.8)) ws.send(JSON.stringify({ id: 0, method: 'login', params: { userID, token: context.token(userID) } }));
    while (open && Date.now() < deadline) {
      for (let i = 0; i < BATCH && open; i++) {
        const kind = rng.weighted(FRAME_KINDS);
        const frames = framesOf(kind, rng, context, options.floodSize);
        for (const frame of frames) ws.send(frame.data, { binary: frame.binary });
        result.byKind[kind] += frames.length;
        result.framesTried += frames.length;
      }
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    if (open) ws.close();
    await closed;
  }
}
