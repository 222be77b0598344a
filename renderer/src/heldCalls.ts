/**
 * The connected calls by where their audio is: the ones on the line (at most one, unless a call
 * is being resumed), and the ones on hold, longest on hold first, since whose wait is longest
 * comes first. The store, the news and the focus read them alike.
 */
import type { CallView } from '../../shared/ipc/contract.js';

type Placed = Pick<CallView, 'phase' | 'media'>;

export function onTheLine<T extends Placed>(calls: readonly T[]): T[] {
  return calls.filter((call) => call.phase === 'connected' && !call.media.held);
}

export function onHold<T extends Placed>(calls: readonly T[]): T[] {
  return calls.filter((call) => call.phase === 'connected' && call.media.held).sort((a, b) => (a.media.heldSince ?? 0) - (b.media.heldSince ?? 0));
}
