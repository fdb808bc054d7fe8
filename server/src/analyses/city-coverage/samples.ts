/**
 * The places city coverage asks about, as sample points in metres (EPSG:5899): points every few metres along the
 * roads (each standing for its stretch of road), the centres of a square grid over the public spaces (each standing
 * for its cell's area) and the road intersections. A uniform grid hash finds the samples near a camera.
 */

/** A stretch of road inside one ward, as a polyline in metres. */
export interface RoadPiece {
  roadId: string;
  roadClass: string;
  wardCode: string | null;
  coords: [number, number][];
}

/** A public space: outer ring and holes in metres. */
export interface PublicSpace {
  id: string;
  name: string;
  kind: string;
  wardCode: string | null;
  rings: [number, number][][];
}

export const KIND_ROAD = 0;
export const KIND_SPACE = 1;
export const KIND_INTERSECTION = 2;

export interface SampleSet {
  size: number;
  x: Float64Array;
  y: Float64Array;
  kind: Uint8Array;
  /** Metres of road (roads), m² (public spaces) or 1 (intersections) each sample stands for. */
  weight: Float64Array;
  /** Index of the road piece, public space or intersection the sample belongs to. */
  owner: Int32Array;
  /** Road samples: distance along the piece (m); space samples: the cell's row. */
  along: Float64Array;
  /** Samples of road piece p are pieceStart[p] … pieceStart[p + 1] − 1, in order along it. */
  pieceStart: Int32Array;
  /** Samples of public space s are spaceStart[s] … spaceStart[s + 1] − 1, row by row. */
  spaceStart: Int32Array;
  /** Grid cell of each space (m) for its samples. */
  spaceCellM: Float64Array;
  grid: SampleGrid;
}

export interface SampleGrid {
  cellM: number;
  /** Sample indices sorted by cell; cell key → [from, to) in `order`. */
  order: Int32Array;
  cells: Map<number, [number, number]>;
}

export interface SampleOptions {
  /** Spacing of road samples, metres (default 5). */
  roadSpacingM?: number;
  /** Grid cell over public spaces, metres (default 5; smaller for spaces too small to hold 16 cells). */
  spaceCellM?: number;
}

/** Builds the samples of roads, public spaces and intersections. */
export function buildSamples(pieces: readonly RoadPiece[], spaces: readonly PublicSpace[], intersections: readonly [number, number][], options: SampleOptions = {}): SampleSet {
  const spacing = options.roadSpacingM ?? 5;
  const cell = options.spaceCellM ?? 5;
  const xs: number[] = [], ys: number[] = [], kinds: number[] = [], weights: number[] = [], owners: number[] = [], alongs: number[] = [];
  const push = (x: number, y: number, kind: number, weight: number, owner: number, along: number) => {
    xs.push(x); ys.push(y); kinds.push(kind); weights.push(weight); owners.push(owner); alongs.push(along);
  };
  const pieceStart = new Int32Array(pieces.length + 1);
  pieces.forEach((piece, p) => {
    pieceStart[p] = xs.length;
    const length = polylineLength(piece.coords);
    if (length <= 0) return;
    const n = Math.max(1, Math.round(length / spacing));
    for (let i = 0; i < n; i++) {
      const s = ((i + 0.5) * length) / n;
      const [x, y] = pointAlong(piece.coords, s);
      push(x, y, KIND_ROAD, length / n, p, s);
    }
  });
  pieceStart[pieces.length] = xs.length;
  const spaceStart = new Int32Array(spaces.length + 1);
  const spaceCellM = new Float64Array(spaces.length);
  spaces.forEach((space, s) => {
    spaceStart[s] = xs.length;
    const c = Math.min(cell, Math.max(0.5, Math.sqrt(Math.abs(ringArea(space.rings[0]))) / 4));
    spaceCellM[s] = c;
    const [minX, minY, maxX, maxY] = bbox(space.rings[0]);
    for (let row = 0, y = minY + c / 2; y < maxY; row++, y += c) {
      for (let x = minX + c / 2; x < maxX; x += c) if (insideRings(space.rings, x, y)) push(x, y, KIND_SPACE, c * c, s, row);
    }
  });
  spaceStart[spaces.length] = xs.length;
  intersections.forEach(([x, y], k) => push(x, y, KIND_INTERSECTION, 1, k, 0));
  const x = Float64Array.from(xs), y = Float64Array.from(ys);
  return {
    size: xs.length, x, y, kind: Uint8Array.from(kinds), weight: Float64Array.from(weights), owner: Int32Array.from(owners),
    along: Float64Array.from(alongs), pieceStart, spaceStart, spaceCellM, grid: buildGrid(x, y, 50),
  };
}

const cellKey = (cx: number, cy: number) => cx * 1_000_003 + cy;

function buildGrid(x: Float64Array, y: Float64Array, cellM: number): SampleGrid {
  const keys = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) keys[i] = cellKey(Math.floor(x[i] / cellM), Math.floor(y[i] / cellM));
  const order = Int32Array.from({ length: x.length }, (_, i) => i).sort((a, b) => keys[a] - keys[b]);
  const cells = new Map<number, [number, number]>();
  let from = 0;
  for (let k = 1; k <= order.length; k++) {
    if (k === order.length || keys[order[k]] !== keys[order[from]]) {
      cells.set(keys[order[from]], [from, k]);
      from = k;
    }
  }
  return { cellM, order, cells };
}

/** Calls `visit` with every sample index whose grid cell meets the box (metres). */
export function forEachSampleIn(set: SampleSet, minX: number, minY: number, maxX: number, maxY: number, visit: (i: number) => void): void {
  const { cellM, order, cells } = set.grid;
  for (let cx = Math.floor(minX / cellM); cx <= Math.floor(maxX / cellM); cx++) {
    for (let cy = Math.floor(minY / cellM); cy <= Math.floor(maxY / cellM); cy++) {
      const range = cells.get(cellKey(cx, cy));
      if (!range) continue;
      for (let k = range[0]; k < range[1]; k++) visit(order[k]);
    }
  }
}

/** Length (m) of a polyline. */
export function polylineLength(coords: readonly [number, number][]): number {
  let sum = 0;
  for (let k = 1; k < coords.length; k++) sum += Math.hypot(coords[k][0] - coords[k - 1][0], coords[k][1] - coords[k - 1][1]);
  return sum;
}

/** The point `s` metres along a polyline. */
export function pointAlong(coords: readonly [number, number][], s: number): [number, number] {
  let left = s;
  for (let k = 1; k < coords.length; k++) {
    const [x0, y0] = coords[k - 1], [x1, y1] = coords[k];
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (left <= len || k === coords.length - 1) {
      const t = len > 0 ? Math.min(1, left / len) : 0;
      return [x0 + t * (x1 - x0), y0 + t * (y1 - y0)];
    }
    left -= len;
  }
  return coords[0];
}

/** The part of a polyline between `from` and `to` metres along it. */
export function subLine(coords: readonly [number, number][], from: number, to: number): [number, number][] {
  const out: [number, number][] = [pointAlong(coords, from)];
  let walked = 0;
  for (let k = 1; k < coords.length; k++) {
    walked += Math.hypot(coords[k][0] - coords[k - 1][0], coords[k][1] - coords[k - 1][1]);
    if (walked > from && walked < to) out.push(coords[k]);
  }
  out.push(pointAlong(coords, to));
  return out;
}

function insideRings(rings: readonly [number, number][][], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function ringArea(ring: readonly [number, number][]): number {
  let sum = 0;
  for (let k = 0; k + 1 < ring.length; k++) sum += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return sum / 2;
}

function bbox(ring: readonly [number, number][]): [number, number, number, number] {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const [x, y] of ring) {
    minX = Math.min(minX, x); maxX = Math.max(maxX, x); minY = Math.min(minY, y); maxY = Math.max(maxY, y);
  }
  return [minX, minY, maxX, maxY];
}
