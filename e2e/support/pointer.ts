/**
 * Where clicks land, for the tests of clicks made as the window changes under the pointer: they
 * click at once where a button was, and check afterwards what lies there now.
 */
export type Box = { x: number; y: number; width: number; height: number };

export function contains(box: Box, [x, y]: readonly [number, number]): boolean {
  return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
}

/** Where a person aiming at a button may click: across its middle, and a little above and below. */
export function pointsIn(box: Box): Array<[number, number]> {
  return [0.25, 0.5, 0.75].map((share) => [box.x + box.width / 2, box.y + box.height * share]);
}

/** Fails unless one of the points clicked in `old` lies inside one of `now`: what the clicks would have hit. */
export function overlap(old: Box, now: Box[]): void {
  if (!pointsIn(old).some((point) => now.some((box) => contains(box, point)))) {
    throw new Error(`nothing of ${JSON.stringify(now)} lies where ${JSON.stringify(old)} was`);
  }
}
