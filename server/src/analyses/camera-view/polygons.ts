/**
 * Turns a viewshed's rays into polygons. Neighbouring rays whose visible pieces overlap one to one are joined
 * into one polygon (near edge out along the rays, far edge back); where the pattern changes (a shadow starts or
 * ends), polygons stop and new ones start, each reaching 45 % of the way to the next ray so that the area lost
 * at a shadow edge stays below a tenth of a ray gap and neighbouring polygons never touch (valid MultiPolygons).
 */
import type { Viewshed } from './viewshed.js';

export type Ring = [number, number][];

/** Smallest near distance drawn (m): keeps rings simple where a band starts at the mast itself. */
const MIN_NEAR_M = 0.05;
const END_REACH = 0.45;

interface Chain {
  from: number;
  to: number;
  near: number[];
  far: number[];
  /** Index of the piece of the current ray it continues into, or -1. */
  next: number;
}

/** Polygons (outer rings, counter-clockwise, closed) of the ground the camera sees between fromM and toM. */
export function visibleRings(shed: Viewshed, fromM: number, toM: number): Ring[] {
  const rings: Ring[] = [];
  let open: Chain[] = [];
  const pieces: number[] = [];
  let owners = new Int32Array(8);
  let overlaps = new Int32Array(8);
  for (let i = 0; i < shed.rays; i++) {
    clip(shed, i, fromM, toM, pieces);
    const angle = shed.angle0 + i * shed.step;
    const count = pieces.length / 2;
    if (count > owners.length) [owners, overlaps] = [new Int32Array(2 * count), new Int32Array(2 * count)];
    // A chain continues into a piece when each overlaps only the other.
    owners.fill(-1, 0, count);
    overlaps.fill(0, 0, count);
    for (let c = 0; c < open.length; c++) {
      const chain = open[c];
      chain.next = -1;
      let hits = 0;
      for (let p = 0; p < count; p++) {
        if (pieces[2 * p] < chain.to && chain.from < pieces[2 * p + 1]) {
          hits++;
          overlaps[p]++;
          chain.next = p;
        }
      }
      if (hits !== 1) chain.next = -1;
    }
    const next: Chain[] = [];
    for (const chain of open) {
      const p = chain.next;
      if (p >= 0 && overlaps[p] === 1) {
        add(shed, chain, angle, pieces[2 * p], pieces[2 * p + 1]);
        owners[p] = next.length;
        next.push(chain);
      } else {
        add(shed, chain, angle - (1 - END_REACH) * shed.step, chain.from, chain.to);
        rings.push(close(chain));
      }
    }
    for (let p = 0; p < count; p++) {
      if (owners[p] >= 0) continue;
      const chain: Chain = { from: pieces[2 * p], to: pieces[2 * p + 1], near: [], far: [], next: -1 };
      if (i > 0) add(shed, chain, angle - END_REACH * shed.step, chain.from, chain.to);
      add(shed, chain, angle, chain.from, chain.to);
      next.push(chain);
    }
    open = next;
  }
  for (const chain of open) rings.push(close(chain));
  return rings.filter((r) => r.length >= 4);
}

/** Ray i's visible pieces within [fromM, toM], as flat (from, to) pairs into `out`. */
function clip(shed: Viewshed, i: number, fromM: number, toM: number, out: number[]): void {
  out.length = 0;
  const v = shed.vis;
  for (let m = shed.visStart[i]; m < shed.visStart[i + 1]; m += 2) {
    const a = Math.max(v[m], fromM, MIN_NEAR_M), b = Math.min(v[m + 1], toM);
    if (b - a > 1e-6) out.push(a, b);
  }
}

function add(shed: Viewshed, chain: Chain, angle: number, from: number, to: number): void {
  const ux = Math.sin(angle), uy = Math.cos(angle);
  chain.near.push(shed.x + from * ux, shed.y + from * uy);
  chain.far.push(shed.x + to * ux, shed.y + to * uy);
  chain.from = from;
  chain.to = to;
}

function close(chain: Chain): Ring {
  const ring: Ring = [];
  for (let k = 0; k < chain.near.length; k += 2) ring.push([chain.near[k], chain.near[k + 1]]);
  for (let k = chain.far.length - 2; k >= 0; k -= 2) ring.push([chain.far[k], chain.far[k + 1]]);
  ring.push(ring[0]);
  return ringArea(ring) < 0 ? ring.reverse() : ring;
}

/** Signed area of a closed ring (m²): positive when counter-clockwise (x east, y north). */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let k = 0; k + 1 < ring.length; k++) sum += ring[k][0] * ring[k + 1][1] - ring[k + 1][0] * ring[k][1];
  return sum / 2;
}

/** Area (m²) of the ground visible between fromM and toM, from the rings. */
export function visibleArea(shed: Viewshed, fromM: number, toM: number): number {
  return visibleRings(shed, fromM, toM).reduce((sum, r) => sum + Math.abs(ringArea(r)), 0);
}
