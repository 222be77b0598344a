/** Checks for the fast paths in front of the wire schemas (the hub's parameters, a client's events). */

export type Fields = Record<string, unknown>;

/**
 * A plain object (as JSON.parse makes them) whose keys are all in `allowed`; else null. Keys may be
 * missing: a caller that needs a field checks its type, which an absent field fails.
 */
export function objectWith(value: unknown, allowed: readonly string[]): Fields | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  for (const key in value) if (!allowed.includes(key)) return null;
  return value as Fields;
}
