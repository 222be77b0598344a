/**
 * The request envelope `{id, method, params}`: parsing a text frame, and the error reply for a
 * frame that is not a usable request. A request whose id cannot be read is answered with id null.
 */
import { ZimErrorCode, errorMessage } from '../../../shared/protocol/errors.js';
import { MAX_METHOD_LENGTH, requestFrameSchema } from '../../../shared/protocol/hub.js';

export type ParsedFrame =
  | { ok: true; id: number; method: string; params: unknown }
  | { ok: false; id: number | null; message: string };

export function parseRequest(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, id: null, message: `the frame is not JSON: ${errorMessage(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: null, message: 'the frame is not a JSON object: send {"id", "method", "params"}' };
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
