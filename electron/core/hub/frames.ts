/**
 * The request envelope `{id, method, params}`: parsing a text frame, and the error reply for a
 * frame that is not a usable request. A request whose id cannot be read is answered with id null.
 */
import { ZimErrorCode, errorMessage } from '../../../shared/protocol/errors.js';
import { MAX_METHOD_LENGTH, requestFrameSchema } from '../../../shared/protocol/hub.js';

export type ParsedFrame =
  | { ok: true; id: number; method: string; params: unknown }
  | { ok: false; id: number | null; message: string };

/** How deep objects and arrays may nest in a frame; the deepest request nests 4 levels. */
export const MAX_JSON_DEPTH = 16;
const OPEN_BRACE = 0x7b;
const NOT_AN_OBJECT = 'the frame is not a JSON object: send {"id", "method", "params"} on a line of its own';

export function parseRequest(text: string): ParsedFrame {
  // Cheap refusals first: JSON.parse of deeply nested input is what a flood would make the hub pay for.
  if (text.charCodeAt(0) !== OPEN_BRACE) return { ok: false, id: null, message: NOT_AN_OBJECT };
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return { ok: false, id: null, message: `the frame nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, id: null, message: `the frame is not JSON: ${errorMessage(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: null, message: NOT_AN_OBJECT };
  }
  // Well-formed requests, nearly all of them, are recognised by hand: the schema would walk and
  // copy every one. Anything else goes through the schema, which names what is wrong.
  if (isWellFormed(value)) return { ok: true, id: value.id, method: value.method, params: value.params };
  const parsed = requestFrameSchema.safeParse(value);
  if (parsed.success) return { ok: true, id: parsed.data.id, method: parsed.data.method, params: parsed.data.params };
  const rawId = (value as { id?: unknown }).id;
  const idIsValid = requestFrameSchema.shape.id.safeParse(rawId).success;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, id: idIsValid ? (rawId as number) : null, message: `bad request: ${field}${issue?.message ?? 'invalid'}` };
}

/** Whether brackets outside strings nest past `max`; stops at the first level too deep. */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c /* backslash: skip the escaped character */) i += 1;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === OPEN_BRACE || code === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (code === 0x7d /* } */ || code === 0x5d /* ] */) {
      depth -= 1;
    }
  }
  return false;
}

/** Exactly what requestFrameSchema accepts, checked without it. */
function isWellFormed(value: object): value is { id: number; method: string; params: unknown } {
  const { id, method } = value as { id?: unknown; method?: unknown };
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return false;
  if (typeof method !== 'string' || method.length > MAX_METHOD_LENGTH) return false;
  for (const key in value) if (key !== 'id' && key !== 'method' && key !== 'params') return false;
  return true;
}

export function errorFrame(id: number | null, message: string): string {
  return JSON.stringify({ id, error: { code: ZimErrorCode.ParamsInvalid, message } });
}
