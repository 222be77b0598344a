/**
 * Where stacked popup windows go: from the bottom-right corner of a display's work area upward,
 * then a new column to the left once a column is full, so that even the largest incoming limit
 * leaves every card visible. Pure geometry: the Electron glue only applies the rectangles.
 */

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Size {
  x: number;
  y: number;
}

/**
 * Rectangles for `count` windows of `size`, `gap` apart and `gap` from the work area's edges.
 * Index 0 is the bottom-right slot. When more windows than slots are asked for, the extra ones
 * go round again from slot 0, on top of the older ones, rather than off screen.
 */
export function stackPositions(workArea: Rect, count: number, size: Size, gap: number): Rect[] {
  const rows = slotsAlong(workArea.height, size.height, gap);
  const columns = slotsAlong(workArea.width, size.width, gap);
  const right = workArea.x + workArea.width - gap;
  const bottom = workArea.y + workArea.height - gap;
  const positions: Rect[] = [];
  for (let index = 0; index < count; index++) {
    const slot = index % (rows * columns);
    const row = slot % rows;
    const column = Math.floor(slot / rows);
    positions.push({
      // A window larger than the work area keeps its top-left corner (and title) on screen.
      x: Math.max(workArea.x, right - (column + 1) * size.width - column * gap),
      y: Math.max(workArea.y, bottom - (row + 1) * size.height - row * gap),
      width: size.width,
      height: size.height,
    });
  }
  return positions;
}

/** How many windows fit along one side with a gap between them and at both ends; at least one. */
function slotsAlong(room: number, length: number, gap: number): number {
  return Math.max(1, Math.floor((room - gap) / (length + gap)));
}
