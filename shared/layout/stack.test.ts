import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stackLayout, type Rect, type StackOptions } from './stack.js';

const OPTIONS: StackOptions = { card: { width: 360, height: 132 }, moreHeight: 44, gap: 12, maxCards: 5 };

/** A display's work area in DIPs: its physical size over the scale factor, less a taskbar. */
function workArea(width: number, height: number, scale: number, taskbar = 40, origin = { x: 0, y: 0 }): Rect {
  return { x: origin.x, y: origin.y, width: width / scale, height: height / scale - taskbar };
}

const inside = (rect: Rect, area: Rect): boolean =>
  rect.x >= area.x && rect.y >= area.y && rect.x + rect.width <= area.x + area.width && rect.y + rect.height <= area.y + area.height;
const overlap = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const all = (layout: ReturnType<typeof stackLayout>): Rect[] => [...layout.cards, ...(layout.more ? [layout.more.bounds] : [])];

describe('stackLayout', () => {
  const fullHd = workArea(1920, 1080, 1);

  it('places nothing when nothing rings', () => {
    expect(stackLayout(fullHd, 0, OPTIONS)).toEqual({ cards: [], more: null });
  });

  it('puts the first card in the bottom-right corner of the work area, a gap from the taskbar and the edge', () => {
    expect(stackLayout(fullHd, 1, OPTIONS)).toEqual({ cards: [{ x: 1548, y: 896, width: 360, height: 132 }], more: null });
  });

  it('stacks later calls upward, newest on top, a gap apart', () => {
    const { cards } = stackLayout(fullHd, 3, OPTIONS);
    expect(cards.map((card) => card.y)).toEqual([896, 752, 608]);
    expect(new Set(cards.map((card) => card.x))).toEqual(new Set([1548]));
  });

  it('shows at most five cards, and a "+N more" window above them for the rest', () => {
    const layout = stackLayout(fullHd, 8, OPTIONS);
    expect(layout.cards).toHaveLength(5);
    expect(layout.more).toEqual({ hidden: 3, bounds: { x: 1548, y: 264, width: 360, height: 44 } });
  });

  it('never moves a card when another call arrives, even past the cap', () => {
    for (let count = 1; count < 12; count++) {
      const before = stackLayout(fullHd, count, OPTIONS).cards;
      const after = stackLayout(fullHd, count + 1, OPTIONS).cards;
      expect(after.slice(0, before.length)).toEqual(before);
    }
  });

  it('reflows when a call stops ringing: the cards above it move down one slot', () => {
    const five = stackLayout(fullHd, 5, OPTIONS).cards;
    const four = stackLayout(fullHd, 4, OPTIONS).cards;
    // The call in slot 2 ended: the calls in slots 3 and 4 take slots 2 and 3.
    expect(four[2]).toEqual(five[2]);
    expect(four[3]).toEqual(five[3]);
    expect(four).toHaveLength(4);
  });

  it('shows fewer cards on a display with fewer DIPs: 1080p at 150 % fits four and "+1 more"', () => {
    const scaled = workArea(1920, 1080, 1.5, 48);
    const layout = stackLayout(scaled, 5, OPTIONS);
    expect(layout.cards).toHaveLength(4);
    expect(layout.more?.hidden).toBe(1);
    expect(all(layout).every((rect) => inside(rect, scaled))).toBe(true);
  });

  it('shows the same five cards on a 4K display at 200 % as on 1080p at 100 %', () => {
    expect(stackLayout(workArea(3840, 2160, 2), 6, OPTIONS)).toEqual(stackLayout(fullHd, 6, OPTIONS));
  });

  it('keeps to whole DIPs inside a fractional work area (1366 × 768 at 125 %)', () => {
    const area = workArea(1366, 768, 1.25, 30);
    const layout = stackLayout(area, 9, OPTIONS);
    for (const rect of all(layout)) {
      expect(Number.isInteger(rect.x) && Number.isInteger(rect.y)).toBe(true);
      expect(inside(rect, area)).toBe(true);
    }
    expect(layout.cards).toHaveLength(3);
    expect(layout.more?.hidden).toBe(6);
  });

  it('honours a work area that does not start at 0,0: a display to the left, a taskbar at the top', () => {
    const left = workArea(1280, 1024, 1, 40, { x: -1280, y: 40 });
    const [first] = stackLayout(left, 1, OPTIONS).cards;
    expect(first).toEqual({ x: -1280 + 1280 - 12 - 360, y: 40 + 984 - 12 - 132, width: 360, height: 132 });
  });

  it('turns a card into "+N more" when every call would fit under the cap but not on the display', () => {
    const short = { x: 0, y: 0, width: 800, height: 400 };
    const layout = stackLayout(short, 3, OPTIONS);
    expect(layout.cards).toHaveLength(2);
    expect(layout.more?.hidden).toBe(1);
  });

  it('still shows one card on a display too small for it, with its top-left corner on screen', () => {
    const tiny = { x: 100, y: 50, width: 200, height: 80 };
    const layout = stackLayout(tiny, 2, OPTIONS);
    expect(layout.cards).toEqual([{ x: 100, y: 50, width: 360, height: 132 }]);
    expect(layout.more).toMatchObject({ hidden: 1, bounds: { x: 100, y: 50 } });
  });

  it('never overlaps, never leaves the work area, and accounts for every call', () => {
    const area = fc.record({
      x: fc.integer({ min: -4000, max: 4000 }),
      y: fc.integer({ min: -4000, max: 4000 }),
      width: fc.integer({ min: 400, max: 4000 }),
      height: fc.integer({ min: 260, max: 3000 }),
      scale: fc.constantFrom(1, 1.25, 1.5, 1.75, 2, 3),
    });
    fc.assert(
      fc.property(area, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 8 }), (display, count, maxCards) => {
        const work = { x: display.x, y: display.y, width: display.width / display.scale, height: display.height / display.scale };
        fc.pre(work.width >= 360 + 24 && work.height >= 132 + 44 + 36);
        const layout = stackLayout(work, count, { ...OPTIONS, maxCards });
        expect(layout.cards.length + (layout.more?.hidden ?? 0)).toBe(count);
        expect(layout.cards.length).toBeLessThanOrEqual(maxCards);
        expect(layout.more === null).toBe(layout.cards.length === count);
        const rects = all(layout);
        for (const rect of rects) expect(inside(rect, work)).toBe(true);
        rects.forEach((a, i) => rects.slice(i + 1).forEach((b) => expect(overlap(a, b)).toBe(false)));
      }),
    );
  });
});
