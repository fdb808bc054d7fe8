import type { Rng } from './random.js';
import { bbox, pointInPoly, ringArea, segmentDistance, type Poly, type Ring, type XY } from './plane.js';

/**
 * A jittered square lattice laid over the city: the building block of the synthetic administrative map.
 * Each lattice vertex is moved by up to 30 % of the spacing, so unions of cells have organic, ragged
 * boundaries, while neighbouring regions still share exactly the same vertices (no gaps, no overlaps).
 */
export interface Lattice {
  /** Nominal cell size, metres. */
  spacing: number;
  nx: number;
  ny: number;
  /** Vertex coordinates, index j * (nx + 1) + i, metres. */
  vx: Float64Array;
  vy: Float64Array;
  /** Land area of each cell (inside the outline), m²; index j * nx + i. */
  land: Float64Array;
  /** Cells that may touch the outline: the only ones regions are built from. */
  nodes: Int32Array;
}

/** Builds the lattice over the outline's bounding box with `spacing` metres between vertices. */
export function buildLattice(outline: Poly, spacing: number, rng: Rng): Lattice {
  const [x0, y0, x1, y1] = bbox(outline[0]);
  const nx = Math.ceil((x1 - x0) / spacing) + 4;
  const ny = Math.ceil((y1 - y0) / spacing) + 4;
  const vx = new Float64Array((nx + 1) * (ny + 1));
  const vy = new Float64Array((nx + 1) * (ny + 1));
  for (let j = 0; j <= ny; j++) {
    for (let i = 0; i <= nx; i++) {
      const k = j * (nx + 1) + i;
      vx[k] = x0 + (i - 2) * spacing + rng.range(-0.3, 0.3) * spacing;
      vy[k] = y0 + (j - 2) * spacing + rng.range(-0.3, 0.3) * spacing;
    }
  }
  const lattice: Lattice = { spacing, nx, ny, vx, vy, land: new Float64Array(nx * ny), nodes: new Int32Array(0) };
  lattice.nodes = measureLand(lattice, outline);
  return lattice;
}

/** The closed counter-clockwise ring of a cell's four corners. */
export function cellRing(lat: Lattice, cell: number): Ring {
  const i = cell % lat.nx;
  const j = Math.floor(cell / lat.nx);
  const k = j * (lat.nx + 1) + i;
  const up = k + lat.nx + 1;
  const first: XY = [lat.vx[k], lat.vy[k]];
  return [first, [lat.vx[k + 1], lat.vy[k + 1]], [lat.vx[up + 1], lat.vy[up + 1]], [lat.vx[up], lat.vy[up]], first];
}

/** Centre of a cell (mean of its corners), metres. */
export function cellCentre(lat: Lattice, cell: number): XY {
  const r = cellRing(lat, cell);
  return [(r[0][0] + r[1][0] + r[2][0] + r[3][0]) / 4, (r[0][1] + r[1][1] + r[2][1] + r[3][1]) / 4];
}

/** The 4 edge-sharing neighbours of a cell (−1 outside the lattice), in the order E, N, W, S. */
export function neighbours(lat: Lattice, cell: number): [number, number, number, number] {
  const i = cell % lat.nx;
  const j = Math.floor(cell / lat.nx);
  return [
    i + 1 < lat.nx ? cell + 1 : -1,
    j + 1 < lat.ny ? cell + lat.nx : -1,
    i > 0 ? cell - 1 : -1,
    j > 0 ? cell - lat.nx : -1,
  ];
}

/**
 * Marks the cells whose quadrilateral may overlap the outline and estimates their land area: exact for cells
 * well inside, a 5 × 5 sample for cells near the coast. A jittered cell stays within 1.2 spacings of its centre,
 * so every cell closer than that to the coast is kept: the kept cells always cover the whole outline.
 */
function measureLand(lat: Lattice, outline: Poly): Int32Array {
  const nodes: number[] = [];
  const reach = 1.2 * lat.spacing;
  const edges = outline.flatMap((ring) => ring.slice(1).map((p, k): [XY, XY] => [ring[k], p]));
  const boxes = edges.map(([a, b]) => [Math.min(a[0], b[0]) - reach, Math.min(a[1], b[1]) - reach, Math.max(a[0], b[0]) + reach, Math.max(a[1], b[1]) + reach]);
  for (let cell = 0; cell < lat.nx * lat.ny; cell++) {
    const c = cellCentre(lat, cell);
    let nearCoast = false;
    for (let e = 0; e < edges.length && !nearCoast; e++) {
      const [x0, y0, x1, y1] = boxes[e];
      nearCoast = c[0] >= x0 && c[0] <= x1 && c[1] >= y0 && c[1] <= y1 && segmentDistance(c, edges[e][0], edges[e][1]) < reach;
    }
    if (!nearCoast && !pointInPoly(c, outline)) continue;
    nodes.push(cell);
    const area = Math.abs(ringArea(cellRing(lat, cell)));
    lat.land[cell] = nearCoast ? area * sampledLandShare(cellRing(lat, cell), outline) : area;
  }
  return Int32Array.from(nodes);
}

function sampledLandShare(r: Ring, outline: Poly): number {
  let hits = 0;
  for (let a = 0; a < 5; a++) {
    for (let b = 0; b < 5; b++) {
      const u = (a + 0.5) / 5;
      const v = (b + 0.5) / 5;
      // Bilinear point inside the quadrilateral r[0] r[1] r[2] r[3].
      const x = (1 - u) * (1 - v) * r[0][0] + u * (1 - v) * r[1][0] + u * v * r[2][0] + (1 - u) * v * r[3][0];
      const y = (1 - u) * (1 - v) * r[0][1] + u * (1 - v) * r[1][1] + u * v * r[2][1] + (1 - u) * v * r[3][1];
      if (pointInPoly([x, y], outline)) hits++;
    }
  }
  return hits / 25;
}

/** The lattice cell whose quadrilateral contains p, or −1 (checks the 3 × 3 cells around the unjittered guess). */
export function cellAt(lat: Lattice, p: XY): number {
  const i0 = Math.floor((p[0] - lat.vx[0]) / lat.spacing);
  const j0 = Math.floor((p[1] - lat.vy[0]) / lat.spacing);
  for (let dj = -1; dj <= 1; dj++) {
    for (let di = -1; di <= 1; di++) {
      const i = i0 + di;
      const j = j0 + dj;
      if (i < 0 || j < 0 || i >= lat.nx || j >= lat.ny) continue;
      const cell = j * lat.nx + i;
      if (pointInPoly(p, [cellRing(lat, cell)])) return cell;
    }
  }
  return -1;
}
