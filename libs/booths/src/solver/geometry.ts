import { NEAR_METRES, type SolverBooth } from './solver-types';

const EPS = 0.05;

/** Two booths share a wall: their rectangles touch along an edge of positive length. */
export function sharesWall(a: SolverBooth, b: SolverBooth): boolean {
  if (a.hall !== b.hall) return false;
  const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const touchX = Math.abs(a.x + a.width - b.x) < EPS || Math.abs(b.x + b.width - a.x) < EPS;
  const touchY = Math.abs(a.y + a.height - b.y) < EPS || Math.abs(b.y + b.height - a.y) < EPS;
  return (touchX && overlapY > EPS) || (touchY && overlapX > EPS);
}

const centre = (b: SolverBooth) => [b.x + b.width / 2, b.y + b.height / 2] as const;

/**
 * For each booth, the booths near it (same hall, centres within NEAR_METRES, or sharing a wall)
 * and which of those share a wall. A spatial grid keeps this linear in the number of booths.
 */
export function neighbourhoods(booths: SolverBooth[], nearMetres = NEAR_METRES): { near: Int32Array[]; adjacent: Uint8Array[] } {
  let biggest = 1;
  for (const b of booths) biggest = Math.max(biggest, b.width, b.height);
  // booths sharing a wall have centres at most ~1.42 x the larger side apart
  const cell = Math.max(nearMetres, 1.5 * biggest);
  const grid = new Map<string, number[]>();
  const key = (hall: string, cx: number, cy: number) => `${hall}|${cx}|${cy}`;
  booths.forEach((b, i) => {
    const [x, y] = centre(b);
    const k = key(b.hall, Math.floor(x / cell), Math.floor(y / cell));
    (grid.get(k) ?? grid.set(k, []).get(k)!).push(i);
  });
  const near: Int32Array[] = [];
  const adjacent: Uint8Array[] = [];
  booths.forEach((b, i) => {
    const [x, y] = centre(b);
    const cx = Math.floor(x / cell);
    const cy = Math.floor(y / cell);
    const list: number[] = [];
    const adj: number[] = [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of grid.get(key(b.hall, cx + dx, cy + dy)) ?? []) {
          if (j === i) continue;
          const o = booths[j]!;
          const [ox, oy] = centre(o);
          const wall = sharesWall(b, o);
          if (wall || Math.hypot(ox - x, oy - y) <= nearMetres) {
            list.push(j);
            adj.push(wall ? 1 : 0);
          }
        }
      }
    }
    near.push(Int32Array.from(list));
    adjacent.push(Uint8Array.from(adj));
  });
  return { near, adjacent };
}
