/**
 * The machine-readable reason a call was turned away, carried in ZIM's extendedData.
 *
 * ZEGO's own call kits read the `reason` field ("busy", "decline"), so that field is kept
 * exactly; `code` says why the line was busy, and `callback.position`, when present, where the
 * caller now stands in the callee's Callbacks list:
 *
 *   {"reason":"busy","code":"call_limit_reached","callback":{"position":2}}
 *
 * Anything else in the JSON is ignored, and extendedData that is not JSON is simply "no reason".
 */

export const busyCodes = ['call_limit_reached', 'do_not_disturb'] as const;
export type BusyCode = (typeof busyCodes)[number];

export type CallEndReason =
  | { reason: 'busy'; code: BusyCode | 'unknown'; position?: number }
  | { reason: 'decline' };

/** Written once: a softphone turned away by a flood sends one of these per caller. */
const busyTexts = Object.fromEntries(busyCodes.map((code) => [code, JSON.stringify({ reason: 'busy', code })])) as Record<BusyCode, string>;

/** A position past this is not a place in a list anyone waits through; it is left out. */
export const MAX_CALLBACK_POSITION = 100_000;

export function encodeBusy(code: BusyCode, position?: number | null): string {
  if (position === undefined || position === null) return busyTexts[code];
  return JSON.stringify({ reason: 'busy', code, callback: { position } });
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
  const { reason, code, callback } = parsed as { reason?: unknown; code?: unknown; callback?: unknown };
  if (reason === 'decline') return { reason: 'decline' };
  if (reason !== 'busy') return null;
  const known = busyCodes.find((c) => c === code);
  const position = typeof callback === 'object' && callback !== null ? (callback as { position?: unknown }).position : undefined;
  const validPosition = Number.isSafeInteger(position) && (position as number) >= 1 && (position as number) <= MAX_CALLBACK_POSITION;
  return { reason: 'busy', code: known ?? 'unknown', ...(validPosition ? { position: position as number } : {}) };
}

/**
 * What the caller is told, e.g. "bob is busy — call limit reached", followed, when bob's
 * softphone put them in its Callbacks list, by their place: "…; you're 2nd in bob's callback list".
 */
export function busyNotice(userID: string, code: BusyCode | 'unknown', position?: number): string {
  const busy = busyText(userID, code);
  return position === undefined ? busy : `${busy}; you're ${ordinal(position)} in ${userID}'s callback list`;
}

function busyText(userID: string, code: BusyCode | 'unknown'): string {
  switch (code) {
    case 'call_limit_reached':
      return `${userID} is busy — call limit reached`;
    case 'do_not_disturb':
      return `${userID} is busy — do not disturb`;
    case 'unknown':
      return `${userID} is busy`;
  }
}

/** 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, … 21st. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
