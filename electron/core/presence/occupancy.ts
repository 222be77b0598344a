/**
 * How Switchboard publishes its occupancy in ZIM's custom status (at most 64 characters), and
 * how it reads another user's: `{"lines":2,"of":3,"dnd":false}`. What arrives is another user's
 * text, so it is parsed strictly; anything else (another app's status) reads as nothing.
 */
import * as z from '../../../shared/zod.js';
import { UserOnlineStatus } from '../../../shared/calls/enums.js';
import type { PersonView } from '../../../shared/ipc/contract.js';
import type { UserStatus } from '../../../shared/protocol/hub.js';

export interface Occupancy {
  /** Ongoing calls, ringing or connected. */
  lines: number;
  /** The incoming limit: at this many, new callers are turned away. */
  of: number;
  dnd: boolean;
}

const occupancySchema = z.strictObject({
  lines: z.number().check(z.int(), z.gte(0), z.lte(99)),
  of: z.number().check(z.int(), z.gte(1), z.lte(99)),
  dnd: z.boolean(),
});

export function formatOccupancy(occupancy: Occupancy): string {
  return JSON.stringify({ lines: occupancy.lines, of: occupancy.of, dnd: occupancy.dnd });
}

export function parseOccupancy(customStatus: string): Occupancy | null {
  if (!customStatus.startsWith('{')) return null;
  try {
    const parsed = occupancySchema.safeParse(JSON.parse(customStatus));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** What the People list says of someone, from the status their backend reports. */
export function personFrom(status: UserStatus): PersonView {
  if (status.onlineStatus !== UserOnlineStatus.Online) return { userID: status.userID, presence: 'offline', lines: null };
  const occupancy = parseOccupancy(status.customStatus);
  if (!occupancy) return { userID: status.userID, presence: 'available', lines: null };
  const lines = { inUse: occupancy.lines, limit: occupancy.of };
  if (occupancy.dnd) return { userID: status.userID, presence: 'dnd', lines };
  return { userID: status.userID, presence: occupancy.lines > 0 ? 'busy' : 'available', lines };
}
