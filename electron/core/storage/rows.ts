/**
 * What the call log reads back from its database, checked like any other untrusted input: the
 * file may have been edited, or written by a buggy version. A row that does not fit is skipped
 * and counted, never shown or dialled.
 */
import * as z from '../../../shared/zod.js';
import type { CallbackEntry, HistoryEntry } from '../../../shared/ipc/contract.js';
import { userIdSchema } from '../../../shared/protocol/hub.js';

/** Control characters and the invisible ones that reorder text: a name could show what it is not. */
const CONTROLS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;
const text = (max: number) =>
  z.string().check(z.minLength(1), z.maxLength(max), z.refine((value: string) => !CONTROLS.test(value), 'holds control characters'));
/** The latest instant a Date can hold: past it, formatting a time throws (the list, the CSV export). */
const LATEST_DATE_MS = 8.64e15;
const time = z.number().check(z.int(), z.gte(0), z.lte(LATEST_DATE_MS));

const historyRowSchema = z.object({
  id: z.number().check(z.int(), z.gte(1)),
  call_id: text(40),
  direction: z.enum(['incoming', 'outgoing']),
  // An outgoing group call's peer is the callees, comma-separated.
  peer: text(400),
  outcome: z.enum(['answered', 'declined', 'cancelled', 'missed', 'no-answer', 'busy', 'turned-away', 'failed']),
  detail: text(300),
  started_at: time,
  ended_at: time,
  callback: z.union([z.literal(0), z.literal(1)]),
});

const callbackRowSchema = z.object({
  peer: userIdSchema,
  attempts: z.number().check(z.int(), z.gte(1)),
  first_at: time,
  last_at: time,
  reason: text(300),
  called_back_at: z.nullish(time),
  called_back_detail: z.nullish(text(300)),
});

export function historyFromRow(row: unknown): HistoryEntry | null {
  const parsed = historyRowSchema.safeParse(row);
  if (!parsed.success) return null;
  const r = parsed.data;
  return {
    id: r.id, callID: r.call_id, direction: r.direction, peer: r.peer, outcome: r.outcome, detail: r.detail,
    startedAt: r.started_at, endedAt: r.ended_at, ...(r.callback === 1 ? { callback: true } : {}),
  };
}

export function callbackFromRow(row: unknown): CallbackEntry | null {
  const parsed = callbackRowSchema.safeParse(row);
  if (!parsed.success) return null;
  const r = parsed.data;
  const entry: CallbackEntry = { peer: r.peer, attempts: r.attempts, firstAt: r.first_at, lastAt: r.last_at, reason: r.reason };
  if (r.called_back_at != null && r.called_back_detail != null) entry.calledBack = { at: r.called_back_at, detail: r.called_back_detail };
  return entry;
}
