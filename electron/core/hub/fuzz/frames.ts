/**
 * What the protocol fuzzer sends: well-formed requests for every method, mutations of them
 * (structural and textual), random JSON, garbage text, invalid UTF-8, binary frames, frames over
 * the size limit, deeply nested JSON, and floods. Every frame comes from one seeded Rng.
 */
import { hubMethods, MAX_FRAME_BYTES, type HubMethod } from '../../../../shared/protocol/hub.js';
import type { Rng } from './rng.js';

export const FRAME_KINDS = {
  valid: 15,
  mutated: 40,
  randomJson: 10,
  garbageText: 8,
  binary: 5,
  deepJson: 5,
  invalidUtf8: 2,
  oversized: 2,
  // Each flood is thousands of frames and costs a connection: rare.
  flood: 0.2,
} as const;
export type FrameKind = keyof typeof FRAME_KINDS;

export interface FuzzFrame {
  data: string | Buffer;
  /** Sent as a binary WebSocket frame; otherwise as text (even when `data` is not UTF-8). */
  binary: boolean;
}

/** What a fuzzing connection knows, so that some requests name real users and calls. */
export interface FuzzContext {
  users: readonly string[];
  callIDs: readonly string[];
  token(userID: string): string;
}

/** Frames of one kind: one, or for a flood, many. */
export function framesOf(kind: FrameKind, rng: Rng, context: FuzzContext, floodSize: number): FuzzFrame[] {
  switch (kind) {
    case 'valid':
      return [text(JSON.stringify(validRequest(rng, context)))];
    case 'mutated':
      return [text(mutated(rng, context))];
    case 'randomJson':
      return [text(JSON.stringify(randomJson(rng, 5)))];
    case 'garbageText':
      return [text(Array.from({ length: 1 + rng.int(200) }, () => String.fromCharCode(rng.int(0x3000))).join(''))];
    case 'binary':
      return [{ data: randomBytes(rng, 1 + rng.int(512)), binary: true }];
    case 'deepJson':
      return [text(deepJson(rng))];
    case 'invalidUtf8':
      return [{ data: Buffer.concat([Buffer.from('{"id":1,"method":"login","params":{"userID":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}}')]), binary: false }];
    case 'oversized':
      return [text(JSON.stringify({ id: 1, method: 'queryCallInvitationList', params: { pad: 'x'.repeat(MAX_FRAME_BYTES + rng.int(4096)) } }))];
    case 'flood': {
      const frame = text(JSON.stringify({ id: 1, method: 'queryCallInvitationList', params: { config: { count: 1 } } }));
      return Array.from({ length: floodSize }, () => frame);
    }
  }
}

function text(data: string): FuzzFrame {
  return { data, binary: false };
}

/** A request the hub would accept the shape of; it may still fail for the call's state. */
export function validRequest(rng: Rng, context: FuzzContext): { id: number; method: HubMethod; params: unknown } {
  const method = rng.pick(hubMethods);
  const id = rng.int(1_000_000);
  const user = (): string => (context.users.length > 0 ? rng.pick(context.users) : 'nobody');
  const callID = (): string => (context.callIDs.length > 0 && rng.chance(0.9) ? rng.pick(context.callIDs) : String(rng.int(1e9)));
  const invitees = (): string[] => Array.from({ length: 1 + rng.int(3) }, user);
  const extendedData = (): string => 'x'.repeat(rng.int(40));
  switch (method) {
    case 'login': {
      const userID = user();
      return { id, method, params: { userID, token: context.token(userID) } };
    }
    case 'logout':
      return { id, method, params: {} };
    case 'callInvite':
      return {
        id, method,
        params: { invitees: invitees(), config: { mode: rng.int(2), timeout: 1 + rng.int(5), extendedData: extendedData(), enableNotReceivedCheck: rng.chance(0.5) } },
      };
    case 'callingInvite':
      return { id, method, params: { invitees: invitees(), callID: callID(), config: {} } };
    case 'callCancel':
      return { id, method, params: { invitees: rng.chance(0.5) ? [] : invitees(), callID: callID(), config: { extendedData: extendedData() } } };
    case 'callAccept':
    case 'callReject':
    case 'callJoin':
    case 'callQuit':
    case 'callEnd':
      return { id, method, params: { callID: callID(), config: { extendedData: extendedData() } } };
    case 'callMediaSignal': {
      const sdp = `v=0\r\n${'a=x\r\n'.repeat(rng.int(400))}`;
      const signal = rng.chance(0.5)
        ? { description: { type: rng.pick(['offer', 'answer']), sdp } }
        : { candidate: { candidate: `candidate:1 1 udp 2122260223 127.0.0.1 ${rng.int(65536)} typ host`, sdpMid: '0', sdpMLineIndex: 0 } };
      return { id, method, params: { callID: callID(), toUserID: user(), signal } };
    }
    case 'queryCallInvitationList':
    case 'queryBlacklist':
      return { id, method, params: { config: { count: 1 + rng.int(150), nextFlag: rng.int(3) === 0 ? rng.int(1000) : 0 } } };
    case 'subscribeUsersStatus':
      return { id, method, params: { userIDs: invitees(), config: { subscriptionDuration: 1 + rng.int(60) } } };
    case 'unsubscribeUsersStatus':
    case 'queryUsersStatus':
      return { id, method, params: { userIDs: invitees() } };
    case 'updateUserCustomStatus':
      return { id, method, params: { customStatus: extendedData() } };
    case 'addUsersToBlacklist':
    case 'removeUsersFromBlacklist':
      return { id, method, params: { userIDs: invitees() } };
  }
}

/** A valid request, changed by one structural or textual mutation. */
function mutated(rng: Rng, context: FuzzContext): string {
  const request = validRequest(rng, context) as unknown as Record<string, unknown>;
  if (rng.chance(0.6)) {
    mutateTree(rng, request);
    return JSON.stringify(request);
  }
  return mutateText(rng, JSON.stringify(request));
}

/** Replaces, removes or adds one node somewhere in the object. */
function mutateTree(rng: Rng, root: Record<string, unknown>): void {
  let node: Record<string, unknown> = root;
  for (let depth = 0; depth < 4; depth++) {
    const keys = Object.keys(node);
    const child = keys.length > 0 ? node[rng.pick(keys)] : undefined;
    if (typeof child !== 'object' || child === null || rng.chance(0.3)) break;
    node = child as Record<string, unknown>;
  }
  const keys = Object.keys(node);
  const key = keys.length > 0 && rng.chance(0.8) ? rng.pick(keys) : rng.pick(['extra', '__proto__', 'constructor', 'id', '']);
  switch (rng.int(3)) {
    case 0:
      node[key] = edgeValue(rng);
      break;
    case 1:
      delete node[key];
      break;
    default:
      node[key] = randomJson(rng, 3);
  }
}

const EDGE_VALUES: readonly unknown[] = [
  null, true, false, 0, -1, -0, 1.5, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 1e308, '', ' ', '0', 'null', '\u0000', '\ud800',
  'x'.repeat(3000), [], {}, [[]], { id: 1 }, ['a', 'b'], Array.from({ length: 100 }, (_, i) => `user${i}`),
];

function edgeValue(rng: Rng): unknown {
  return rng.pick(EDGE_VALUES);
}

function mutateText(rng: Rng, source: string): string {
  const at = rng.int(source.length);
  switch (rng.int(5)) {
    case 0:
      return source.slice(0, at);
    case 1:
      return source.slice(0, at) + String.fromCharCode(rng.int(128)) + source.slice(at + 1);
    case 2:
      return source.slice(0, at) + source.slice(at + 1 + rng.int(20));
    case 3:
      return source.slice(0, at) + source.slice(at, at + 1 + rng.int(50)).repeat(2 + rng.int(5)) + source.slice(at);
    default:
      return source.slice(0, at) + rng.pick(['{', '}', '[', ']', '"', ',', ':', '\\', 'null', '1e999', '\\u0000']) + source.slice(at);
  }
}

export function randomJson(rng: Rng, depth: number): unknown {
  const kind = depth <= 0 ? rng.int(4) : rng.int(6);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5) ? rng.int(1000) - 500 : rng.next() * 1e6;
    case 2:
      return rng.chance(0.5);
    case 3:
      return Array.from({ length: rng.int(12) }, () => String.fromCharCode(32 + rng.int(95))).join('');
    case 4:
      return Array.from({ length: rng.int(5) }, () => randomJson(rng, depth - 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--) object[rng.pick(['id', 'method', 'params', 'config', 'callID', 'invitees', 'a', 'b'])] = randomJson(rng, depth - 1);
      return object;
    }
  }
}

/** Nesting as deep as the frame limit allows, as a whole frame or inside a request's params. */
function deepJson(rng: Rng): string {
  const budget = MAX_FRAME_BYTES - 200;
  switch (rng.int(3)) {
    case 0: {
      const depth = budget >> 1;
      return '['.repeat(depth) + ']'.repeat(depth);
    }
    case 1: {
      const depth = Math.floor(budget / 6);
      return `{"id":1,"method":"callInvite","params":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    }
    default: {
      const depth = Math.floor(budget / 2) - 5;
      // Unbalanced: a parser that recursed would run out of stack before noticing.
      return `{"id":1,"params":${'['.repeat(depth)}`;
    }
  }
}

function randomBytes(rng: Rng, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = rng.int(256);
  return bytes;
}
