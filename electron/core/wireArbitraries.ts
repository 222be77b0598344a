/**
 * For the property tests of the fast paths in front of the schemas (hub/fastParams.test.ts,
 * signaling/fastEvents.test.ts): generated wire objects — mostly the right shape, sometimes a
 * value at or past a field's edge, of the wrong type, or an extra key — and the property itself.
 */
import fc from 'fast-check';
import { expect } from 'vitest';

/** The part of a zod schema the property uses. */
interface Schema {
  safeParse(input: unknown): unknown;
}

/**
 * The fast path's promise: over `numRuns` generated inputs it says yes only where every one of
 * `schemas` does, with the same result; and it says yes often enough (over 100 times) for that to
 * mean something.
 */
export function expectOnlyTheSchemasYes(inputs: fc.Arbitrary<unknown>, fast: (input: unknown) => unknown, schemas: Schema[], numRuns: number): void {
  let accepted = 0;
  fc.assert(
    fc.property(inputs, (input) => {
      const result = fast(input);
      if (result === null) return;
      accepted += 1;
      for (const schema of schemas) expect(schema.safeParse(input)).toStrictEqual({ success: true, data: result });
    }),
    { numRuns },
  );
  expect(accepted).toBeGreaterThan(100);
}

/** Values near each field's edges, right and wrong, and of the wrong type. */
export const anyValue = fc.oneof(
  fc.constantFrom(undefined, null, true, false, 0, -0, 1, 1.5, 90, 600, 601, -1, NaN, Infinity, '', 'x', [], {}),
  fc.integer({ min: -2, max: 700 }),
  fc.string({ maxLength: 3 }),
);

/** Mostly a value of the right kind (`good`), sometimes anything. */
export function mostly(good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: anyValue, weight: 1 });
}

/**
 * An object with `fields` — mostly all of them, sometimes only some — and now and then a key the
 * schema does not know or a pushConfig, which a fast path leaves to the schema.
 */
export function someOf(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const odd = { extra: anyValue, pushConfig: fc.constantFrom({}, { title: 'x' }, 'no') };
  // Objects as JSON.parse makes them: Object's prototype, never null.
  const plain = { noNullPrototype: true };
  return fc.oneof(
    { arbitrary: fc.record(fields, plain), weight: 6 },
    { arbitrary: fc.record(fields, { ...plain, requiredKeys: [] }), weight: 2 },
    { arbitrary: fc.record({ ...fields, ...odd }, { ...plain, requiredKeys: [] }), weight: 1 },
    // As JSON.parse makes it: "__proto__" an own key, not the prototype.
    { arbitrary: fc.record(fields).map((object) => JSON.parse(JSON.stringify({ ...object, ['__proto__']: {} })) as unknown), weight: 1 },
  );
}

export const extendedData = mostly(fc.constantFrom('', '{"x":1}', 'x'.repeat(2048), 'x'.repeat(2049), 'é'.repeat(2048), '😀'.repeat(1024), '😀'.repeat(1025), '😀'.repeat(2048)));
