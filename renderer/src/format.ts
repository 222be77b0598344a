/** A call timer: "0:07", "12:34", "1:02:03". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** Whole seconds left until `at`, never negative; rounded up so 0 only shows once it is due. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

// One formatter of each kind for the page: building one per call costs more than the rest of a render.
const clock = new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit' });
const dayThisYear = new Intl.DateTimeFormat([], { day: 'numeric', month: 'short' });
const dayAnotherYear = new Intl.DateTimeFormat([], { day: 'numeric', month: 'short', year: 'numeric' });

/** Local midnight at the start of the day `epochMs` falls in. */
export function startOfDay(epochMs: number): number {
  const day = new Date(epochMs);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

/**
 * When something happened, in the user's locale and time zone: the time alone today ("14:02"),
 * "Yesterday 14:02", else the day too ("28 Nov 14:02", with the year when not this one) — so that
 * last night's missed call never reads as this morning's. `now`: any moment of the current day.
 */
export function formatWhen(epochMs: number, now = Date.now()): string {
  const time = clock.format(epochMs);
  const today = startOfDay(now);
  if (epochMs >= today) return time;
  const yesterday = startOfDay(today - 1);
  if (epochMs >= yesterday) return `Yesterday ${time}`;
  const sameYear = new Date(epochMs).getFullYear() === new Date(now).getFullYear();
  return `${(sameYear ? dayThisYear : dayAnotherYear).format(epochMs)} ${time}`;
}

/** How long someone has waited, roughly: "under a minute", "4 min", "2 h 5 min", "3 days". */
export function formatWaiting(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}
