import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stackPositions, type Rect } from './stack.js';

const CARD = { width: 300, height: 100 };
const GAP = 10;
/** A second display to the left of the primary one, below a top panel: offsets must be honoured. */
const AREA: Rect = { x: -1280, y: 40, width: 1280, height: 760 };

const inside = (rect: Rect, area: Rect): boolean =>
  rect.x >= area.x && rect.y >= area.y && rect.x + rect.width <= area.x + area.width && rect.y + rect.height <= area.y + area.height;
const overlap = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('stackPositions', () => {
  it('places nothing for no windows', () => {
    expect(stackPositions(AREA, 0, CARD, GAP)).toEqual([]);
  });

  it('puts the first window in the bottom-right corner of the work area, a gap from its edges', () => {
    expect(stackPositions(AREA, 1, CARD, GAP)).toEqual([{ x: -310, y: 690, width: 300, height: 100 }]);
  });

  it('stacks upward a gap apart', () => {
    const [first, second, third] = stackPositions(AREA, 3, CARD, GAP);
    expect(second).toEqual({ ...first, y: 580 });
    expect(third).toEqual({ ...first, y: 470 });
  });

  it('starts a new column to the left when a column is full', () => {
    // (760 - 10) / 110 → 6 rows per column
    const rects = stackPositions(AREA, 8, CARD, GAP);
    expect(rects[5]).toMatchObject({ x: -310, y: 140 });
    expect(rects[6]).toMatchObject({ x: -620, y: 690 });
    expect(rects[7]).toMatchObject({ x: -620, y: 580 });
  });

  it('goes round from the corner again once every slot is taken, instead of leaving the screen', () => {
    const small: Rect = { x: 0, y: 0, width: 640, height: 250 }; // 2 rows × 2 columns
    const rects = stackPositions(small, 5, CARD, GAP);
    expect(rects[4]).toEqual(rects[0]);
    expect(rects.every((rect) => inside(rect, small))).toBe(true);
  });

  it('keeps the top-left corner on screen when a window is larger than the work area', () => {
    const tiny: Rect = { x: 100, y: 50, width: 200, height: 80 };
    expect(stackPositions(tiny, 1, CARD, GAP)).toEqual([{ x: 100, y: 50, width: 300, height: 100 }]);
  });

  it('never overlaps two windows while slots remain, and never leaves the work area', () => {
    const area = fc.record({
      x: fc.integer({ min: -4000, max: 4000 }),
      y: fc.integer({ min: -4000, max: 4000 }),
      width: fc.integer({ min: 400, max: 4000 }),
      height: fc.integer({ min: 200, max: 3000 }),
    });
    const size = fc.record({ width: fc.integer({ min: 100, max: 380 }), height: fc.integer({ min: 60, max: 180 }) });
    fc.assert(
      fc.property(area, size, fc.integer({ min: 0, max: 24 }), fc.integer({ min: 0, max: 40 }), (work, card, gap, count) => {
        const rects = stackPositions(work, count, card, gap);
        expect(rects).toHaveLength(count);
        for (const rect of rects) expect(inside(rect, work)).toBe(true);
        const rows = Math.floor((work.height - gap) / (card.height + gap));
        const columns = Math.floor((work.width - gap) / (card.width + gap));
        const distinct = rects.slice(0, rows * columns);
        distinct.forEach((a, i) => distinct.slice(i + 1).forEach((b) => expect(overlap(a, b)).toBe(false)));
      }),
    );
  });
});
