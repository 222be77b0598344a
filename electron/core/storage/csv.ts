/**
 * History as CSV (RFC 4180: comma-separated, CRLF, quoted where needed). A field that a
 * spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe, so an exported name can never execute.
 */
import type { HistoryEntry } from '../../../shared/ipc/contract.js';

const HEADER = ['started', 'ended', 'direction', 'peer', 'outcome', 'detail', 'call-back', 'call ID'];

export function historyCsv(entries: readonly HistoryEntry[]): string {
  const lines = [HEADER, ...entries.map((entry) => [
    new Date(entry.startedAt).toISOString(),
    new Date(entry.endedAt).toISOString(),
    entry.direction,
    entry.peer,
    entry.outcome,
    entry.detail,
    entry.callback ? 'yes' : 'no',
    entry.callID,
  ])];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
