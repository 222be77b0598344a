/**
 * The machine-readable reason a call was turned away, carried in ZIM's extendedData.
 *
 * ZEGO's own call kits read the `reason` field ("busy", "decline"), so that field is kept
 * exactly; `code` says why the line was busy. Anything else in the JSON is ignored, and
 * extendedData that is not JSON is simply "no reason".
 */

export const busyCodes = ['call_limit_reached', 'do_not_disturb'] as const;
export type BusyCode = (typeof busyCodes)[number];

export type CallEndReason =
  | { reason: 'busy'; code: BusyCode | 'unknown' }
  | { reason: 'decline' };

/** Written once: a softphone turned away by a flood sends one of these per caller. */
const busyTexts = Object.fromEntries(busyCodes.map((code) => [code, JSON.stringify({ reason: 'busy', code })])) as Record<BusyCode, string>;

export function encodeBusy(code: BusyCode): string {
  return busyTexts[code];
}

export function encodeDecline(): string {
  return JSON.stringify({ reason: 'decline' });
}

/** Reads a reason from extendedData; returns null when there is none. Never throws. */
export function decodeReason(extendedData: string): CallEndReason | null {
  if (!extendedData.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(extendedData);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { reason, code } = parsed as { reason?: unknown; code?: unknown };
  if (reason === 'decline') return { reason: 'decline' };
  if (reason !== 'busy') return null;
  const known = busyCodes.find((c) => c === code);
  return { reason: 'busy', code: known ?? 'unknown' };
}

/** What the caller is told, e.g. "bob is busy — call limit reached". */
export function busyNotice(userID: string, code: BusyCode | 'unknown'): string {
  switch (code) {
    case 'call_limit_reached':
      return `${userID} is busy — call limit reached`;
    case 'do_not_disturb':
      return `${userID} is busy — do not disturb`;
    case 'unknown':
      return `${userID} is busy`;
  }
}
