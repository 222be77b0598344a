/**
 * The request envelope `{id, method, params}`: parsing a text frame, and the error reply for a
 * frame that is not a usable request. A request whose id cannot be read is answered with id null.
 */
import { ZimErrorCode } from '../../../shared/protocol/errors.js';
import { requestFrameSchema } from '../../../shared/protocol/hub.js';

export type ParsedFrame =
  | { ok: true; id: number; method: string; params: unknown }
  | { ok: false; id: number | null; message: string };

export function parseRequest(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, id: null, message: `the frame is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, id: null, message: 'the frame is not a JSON object: send {"id", "method", "params"}' };
  }
  const parsed = requestFrameSchema.safeParse(value);
  if (parsed.success) return { ok: true, id: parsed.data.id, method: parsed.data.method, params: parsed.data.params };
  const rawId = (value as { id?: unknown }).id;
  const idIsValid = requestFrameSchema.shape.id.safeParse(rawId).success;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, id: idIsValid ? (rawId as number) : null, message: `bad request: ${field}${issue?.message ?? 'invalid'}` };
}

export function errorFrame(id: number | null, message: string): string {
  return JSON.stringify({ id, error: { code: ZimErrorCode.ParamsInvalid, message } });
}
