/**
 * Where the incoming-call windows go: one column from the bottom-right corner of a display's
 * work area (so the taskbar or dock is never covered), upward, at most `maxCards` of them, and a
 * "+N more" window on top when more calls ring than cards fit. Pure geometry in DIPs, the unit
 * Electron's screen and setBounds use; the glue only applies the rectangles.
 *
 * Cards go to the calls that have rung longest, and a new call takes the slot above them: a
 * call that arrives never moves a card the user may be about to click. Only a call that stops
 * ringing moves the cards above it down (electron/desktop/incomingWindows.ts waits out a double
 * click first).
 */

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  x: number;
  y: number;
}

export interface StackOptions {
  card: Size;
  /** Height of the "+N more" window; it is as wide as a card. */
  moreHeight: number;
  /** Between windows, and between the windows and the work area's edges. */
  gap: number;
  /** Never more cards than this, however tall the display. */
  maxCards: number;
}

export interface StackLayout {
  /** Slot i belongs to the i-th call in arrival order; slot 0 is the lowest. */
  cards: Rect[];
  /** The "+N more" window above the top card, or null when every call has a card. */
  more: { bounds: Rect; hidden: number } | null;
}

/** The layout for `count` ringing calls. Coordinates are whole DIPs, as setBounds requires. */
export function stackLayout(workArea: Rect, count: number, options: StackOptions): StackLayout {
  const { card, moreHeight, gap } = options;
  const room = workArea.height - 2 * gap;
  const columnHeight = (cards: number, withMore: boolean): number =>
    cards * card.height + Math.max(0, cards - 1) * gap + (withMore ? gap + moreHeight : 0);

  let shown = Math.min(count, options.maxCards);
  if (shown < count || columnHeight(shown, false) > room) {
    while (shown > 1 && columnHeight(shown, true) > room) shown--;
    // One card always shows, even on a display too small for it and the "+N more" window.
    shown = Math.min(count, Math.max(1, shown));
  }

  const x = clamp(workArea.x + workArea.width - gap - card.width, workArea.x);
  const bottom = workArea.y + workArea.height - gap;
  const cards: Rect[] = [];
  for (let slot = 0; slot < shown; slot++) {
    const y = clamp(bottom - (slot + 1) * card.height - slot * gap, workArea.y);
    cards.push({ x, y, width: card.width, height: card.height });
  }
  if (shown === count) return { cards, more: null };
  const y = clamp(bottom - columnHeight(shown, true), workArea.y);
  return { cards, more: { bounds: { x, y, width: card.width, height: moreHeight }, hidden: count - shown } };
}

/**
 * Whole DIPs, rounded toward the top-left so a fractional work area (a scale factor of 1.25 gives
 * those) is never overstepped at the right or bottom, and never above or left of the work area:
 * a window's title and buttons stay on screen.
 */
function clamp(value: number, min: number): number {
  return Math.max(Math.ceil(min), Math.floor(value));
}
