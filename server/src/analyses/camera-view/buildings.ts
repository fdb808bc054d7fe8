/**
 * Building footprints as occluders, in a local metric CRS (metres, x east, y north), with an R-tree over their
 * bounding boxes (rbush) so that a camera only ever looks at the buildings near its field of view.
 */
import RBush from 'rbush';

/** One footprint: the outer ring as [x, y] pairs in metres (closed or not) and its height above ground. */
export interface BuildingInput {
  id?: string;
  ring: ArrayLike<number>[];
  heightM: number;
}

export interface BuildingBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Index of the building in the set. */
  i: number;
}

/** Footprints packed in typed arrays plus their R-tree. */
export interface BuildingSet {
  /** Vertex coordinates x0, y0, x1, y1 … of every ring, without the closing vertex. */
  xy: Float64Array;
  /** Building i's vertices are xy[2·start[i]] … xy[2·start[i+1] − 1]. */
  start: Uint32Array;
  heightM: Float64Array;
  ids: (string | undefined)[];
  tree: RBush<BuildingBox>;
  size: number;
}

/** Footprints packed in typed arrays, without their index (what can be sent to a worker thread). */
export type PackedBuildings = Pick<BuildingSet, 'xy' | 'start' | 'heightM' | 'ids'>;

/** Packs footprints and bulk-loads their R-tree. Rings with fewer than 3 distinct vertices are left out. */
export function buildBuildingSet(buildings: readonly BuildingInput[]): BuildingSet {
  return indexBuildings(packBuildings(buildings));
}

/** Packs footprints into typed arrays. */
export function packBuildings(buildings: readonly BuildingInput[]): PackedBuildings {
  const kept = buildings.map((b) => ({ b, ring: openRing(b.ring) })).filter((k) => k.ring.length >= 3);
  const start = new Uint32Array(kept.length + 1);
  let total = 0;
  kept.forEach((k, i) => {
    start[i] = total;
    total += k.ring.length;
  });
  start[kept.length] = total;
  const xy = new Float64Array(total * 2);
  kept.forEach((k, i) => k.ring.forEach((p, j) => {
    xy[2 * (start[i] + j)] = p[0];
    xy[2 * (start[i] + j) + 1] = p[1];
  }));
  return { xy, start, heightM: Float64Array.from(kept, (k) => k.b.heightM), ids: kept.map((k) => k.b.id) };
}

/** Bulk-loads the R-tree of packed footprints (their bounding boxes). */
export function indexBuildings(packed: PackedBuildings): BuildingSet {
  const { xy, start } = packed;
  const size = start.length - 1;
  const boxes: BuildingBox[] = new Array(size);
  for (let i = 0; i < size; i++) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let j = start[i]; j < start[i + 1]; j++) {
      const x = xy[2 * j], y = xy[2 * j + 1];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    boxes[i] = { minX, minY, maxX, maxY, i };
  }
  const tree = new RBush<BuildingBox>();
  tree.load(boxes);
  return { ...packed, tree, size };
}

function openRing(ring: ArrayLike<number>[]): ArrayLike<number>[] {
  const n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) return ring.slice(0, n - 1);
  return ring;
}

/** Indexes of the buildings whose bounding box meets the box (metres). */
export function buildingsIn(set: BuildingSet, minX: number, minY: number, maxX: number, maxY: number): number[] {
  return set.tree.search({ minX, minY, maxX, maxY }).map((b) => b.i);
}

/** True when (x, y) is inside footprint i (even-odd rule). */
export function insideBuilding(set: BuildingSet, i: number, x: number, y: number): boolean {
  const { xy } = set;
  const a = set.start[i], b = set.start[i + 1];
  let inside = false;
  for (let j = a, k = b - 1; j < b; k = j++) {
    const xj = xy[2 * j], yj = xy[2 * j + 1], xk = xy[2 * k], yk = xy[2 * k + 1];
    if (yj > y !== yk > y && x < ((xk - xj) * (y - yj)) / (yk - yj) + xj) inside = !inside;
  }
  return inside;
}

/** Distance (m) from (x, y) to the outline of footprint i. */
export function distanceToOutline(set: BuildingSet, i: number, x: number, y: number): number {
  const { xy } = set;
  const a = set.start[i], b = set.start[i + 1];
  let best = Infinity;
  for (let j = a, k = b - 1; j < b; k = j++) {
    const x0 = xy[2 * k], y0 = xy[2 * k + 1], dx = xy[2 * j] - x0, dy = xy[2 * j + 1] - y0;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)));
  }
  return best;
}
