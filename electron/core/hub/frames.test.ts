import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestFrameSchema } from '../../../shared/protocol/hub.js';
import { MAX_JSON_DEPTH, parseRequest } from './frames.js';

/** Objects near the request envelope: right and wrong ids, methods, and extra fields. */
const envelope = fc.record(
  {
    id: fc.oneof(fc.nat(), fc.integer({ min: -5, max: -1 }), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER + 2), fc.string(), fc.constant(null)),
    method: fc.oneof(fc.string({ maxLength: 70 }), fc.integer(), fc.constant(null)),
    params: fc.jsonValue({ maxDepth: 8 }),
    extra: fc.jsonValue({ maxDepth: 8 }),
  },
  { requiredKeys: [] },
);

describe('parseRequest', () => {
  it('accepts exactly the frames the envelope schema accepts, with the same id, method and params', () => {
    fc.assert(
      fc.property(envelope, (value) => {
        const text = JSON.stringify(value);
        const schema = requestFrameSchema.safeParse(JSON.parse(text));
        const parsed = parseRequest(text);
        expect(parsed.ok).toBe(schema.success);
        if (parsed.ok && schema.success) expect(parsed).toEqual({ ok: true, ...schema.data });
      }),
      { numRuns: 2000 },
    );
  });

  it('names what is wrong with a frame that is not a request', () => {
    expect(parseRequest('{"id": -1, "method": "login"}')).toMatchObject({ ok: false, id: null, message: expect.stringMatching(/^bad request: id: /) });
    expect(parseRequest('{"id": 4, "method": "login", "x": 1}')).toMatchObject({ ok: false, id: 4, message: expect.stringMatching(/^bad request: /) });
    expect(parseRequest('[]')).toMatchObject({ ok: false, id: null, message: expect.stringMatching(/not a JSON object/) });
  });

  it('refuses a line that does not start with { or nests too deep, without parsing it', () => {
    expect(parseRequest(' {"id": 1, "method": "logout", "params": {}}')).toMatchObject({ ok: false, message: expect.stringMatching(/not a JSON object/) });
    const nested = (depth: number): string => `{"id": 1, "method": "logout", "params": {"a": ${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    // The envelope and params take two levels.
    expect(parseRequest(nested(MAX_JSON_DEPTH - 2))).toMatchObject({ ok: true });
    expect(parseRequest(nested(MAX_JSON_DEPTH - 1))).toMatchObject({ ok: false, message: `the frame nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels` });
    // Brackets inside strings, escaped quotes included, do not count.
    const inString = JSON.stringify({ id: 2, method: 'logout', params: { a: `"\\${'['.repeat(100)}` } });
    expect(parseRequest(inString)).toMatchObject({ ok: true, id: 2 });
    expect(parseRequest(`{"a":${'['.repeat(8000)}`)).toMatchObject({ ok: false, message: expect.stringMatching(/deeper than/) });
  });
});
