import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestFrameSchema } from '../../../shared/protocol/hub.js';
import { parseRequest } from './frames.js';

/** Objects near the request envelope: right and wrong ids, methods, and extra fields. */
const envelope = fc.record(
  {
    id: fc.oneof(fc.nat(), fc.integer({ min: -5, max: -1 }), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER + 2), fc.string(), fc.constant(null)),
    method: fc.oneof(fc.string({ maxLength: 70 }), fc.integer(), fc.constant(null)),
    params: fc.jsonValue(),
    extra: fc.jsonValue(),
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
});
