/**
 * What the incoming-call windows should be for the calls that ring now: which cards to close,
 * which to open, where every card goes, and whether a "+N more" window shows. Pure, so that the
 * BrowserWindow glue (incomingWindows.ts) has nothing to decide.
 */
import type { CallView } from '../../shared/ipc/contract.js';
import type { Rect, StackLayout } from '../../shared/layout/stack.js';

export type CardCall = Pick<CallView, 'callID' | 'peer' | 'peerName'>;

export interface IncomingPlan<C extends CardCall> {
  /** Cards to close: their call stopped ringing, or lost its slot to an older call. */
  close: string[];
  /** Every card there should be, in slot order, with `isNew` for those to open. */
  cards: Array<{ call: C; bounds: Rect; isNew: boolean }>;
  more: StackLayout['more'];
}

/**
 * @param open ids of the cards open now
 * @param ringing the calls that should have a card if there is room, oldest first
 * @param layout stackLayout(…) for `ringing.length` calls
 */
export function planIncoming<C extends CardCall>(open: ReadonlySet<string>, ringing: readonly C[], layout: StackLayout): IncomingPlan<C> {
  const cards = layout.cards.flatMap((bounds, slot) => {
    const call = ringing[slot];
    return call ? [{ call, bounds, isNew: !open.has(call.callID) }] : [];
  });
  const keep = new Set(cards.map((card) => card.call.callID));
  return { close: [...open].filter((callID) => !keep.has(callID)), cards, more: layout.more };
}
