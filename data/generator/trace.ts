import type { Lattice } from './lattice.js';
import { pointInPoly, ringArea, type MultiPoly, type Poly, type Ring, type XY } from './plane.js';

/**
 * Outlines a set of lattice cells as a multipolygon. Every boundary edge is walked with the region on its left;
 * where two cells of the region touch only at a corner the walk turns left, so the rings touch at that vertex
 * but never cross (valid OGC geometry). Counter-clockwise rings are shells, clockwise ones holes.
 */
export function traceCells(lat: Lattice, inRegion: (cell: number) => boolean, cells: Iterable<number>): MultiPoly {
  const out = boundaryEdges(lat, inRegion, cells);
  const rings: Ring[] = [];
  while (out.size > 0) {
    const [start, dirs] = out.entries().next().value as [number, number[]];
    rings.push(walk(lat, out, start, dirs[0]));
  }
  const shells = rings.filter((r) => ringArea(r) > 0).map((r): Poly => [r]);
  for (const hole of rings.filter((r) => ringArea(r) < 0)) {
    const probe: XY = [(hole[0][0] + hole[1][0]) / 2, (hole[0][1] + hole[1][1]) / 2];
    const owners = shells.filter((s) => pointInPoly(probe, [s[0]]));
    owners.sort((a, b) => ringArea(a[0]) - ringArea(b[0]));
    if (owners.length > 0) owners[0].push(hole);
  }
  return shells;
}

/** Lattice directions E, N, W, S as vertex-index steps (i, j). */
const STEP: [number, number][] = [[1, 0], [0, 1], [-1, 0], [0, -1]];

/** Outgoing boundary edges by start vertex (index j·(nx+1)+i): the directions leaving it. */
function boundaryEdges(lat: Lattice, inRegion: (cell: number) => boolean, cells: Iterable<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const add = (i: number, j: number, dir: number) => {
    const v = j * (lat.nx + 1) + i;
    const list = out.get(v);
    if (list) list.push(dir);
    else out.set(v, [dir]);
  };
  for (const cell of cells) {
    const i = cell % lat.nx;
    const j = Math.floor(cell / lat.nx);
    // Sides counter-clockwise: bottom (E), right (N), top (W), left (S).
    if (j === 0 || !inRegion(cell - lat.nx)) add(i, j, 0);
    if (i === lat.nx - 1 || !inRegion(cell + 1)) add(i + 1, j, 1);
    if (j === lat.ny - 1 || !inRegion(cell + lat.nx)) add(i + 1, j + 1, 2);
    if (i === 0 || !inRegion(cell - 1)) add(i, j + 1, 3);
  }
  return out;
}

function walk(lat: Lattice, out: Map<number, number[]>, start: number, firstDir: number): Ring {
  const ring: Ring = [];
  let v = start;
  let dir = firstDir;
  for (;;) {
    ring.push([lat.vx[v], lat.vy[v]]);
    take(out, v, dir);
    const i = (v % (lat.nx + 1)) + STEP[dir][0];
    const j = Math.floor(v / (lat.nx + 1)) + STEP[dir][1];
    v = j * (lat.nx + 1) + i;
    const options = out.get(v);
    if (v === start || !options) break;
    // Prefer left, then straight, then right: keeps corner-touching cells in separate rings.
    dir = [1, 0, 3].map((turn) => (dir + turn) % 4).find((d) => options.includes(d)) ?? options[0];
  }
  ring.push(ring[0]);
  return ring;
}

function take(out: Map<number, number[]>, v: number, dir: number): void {
  const list = out.get(v)!;
  list.splice(list.indexOf(dir), 1);
  if (list.length === 0) out.delete(v);
}
