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
  near: [number, number][];
  far: [number, number][];
}

/** Polygons (outer rings, counter-clockwise, closed) of the ground the camera sees between fromM and toM. */
export function visibleRings(shed: Viewshed, fromM: number, toM: number): Ring[] {
  const rings: Ring[] = [];
  let open: Chain[] = [];
  for (let i = 0; i < shed.rays; i++) {
    const pieces = clip(shed.visible[i], fromM, toM);
    const angle = shed.angle0 + i * shed.step;
    const prevOverlaps = open.map((c) => pieces.filter((p) => p[0] < c.to && c.from < p[1]));
    const pieceOverlaps = pieces.map((p) => open.filter((c) => p[0] < c.to && c.from < p[1]).length);
    const next: Chain[] = [];
    const continued = new Set<[number, number]>();
    open.forEach((chain, k) => {
      const [only] = prevOverlaps[k];
      if (prevOverlaps[k].length === 1 && pieceOverlaps[pieces.indexOf(only)] === 1) {
        add(shed, chain, angle, only[0], only[1]);
        continued.add(only);
        next.push(chain);
      } else {
        add(shed, chain, angle - (1 - END_REACH) * shed.step, chain.from, chain.to);
        rings.push(close(chain));
      }
    });
    for (const piece of pieces) {
      if (continued.has(piece)) continue;
      const chain: Chain = { from: piece[0], to: piece[1], near: [], far: [] };
      if (i > 0) add(shed, chain, angle - END_REACH * shed.step, piece[0], piece[1]);
      add(shed, chain, angle, piece[0], piece[1]);
      next.push(chain);
    }
    open = next;
  }
  for (const chain of open) rings.push(close(chain));
  return rings.filter((r) => r.length >= 4);
}

function clip(visible: Float64Array, fromM: number, toM: number): [number, number][] {
  const out: [number, number][] = [];
  for (let m = 0; m < visible.length; m += 2) {
    const a = Math.max(visible[m], fromM, MIN_NEAR_M), b = Math.min(visible[m + 1], toM);
    if (b - a > 1e-6) out.push([a, b]);
  }
  return out;
}

function add(shed: Viewshed, chain: Chain, angle: number, from: number, to: number): void {
  const ux = Math.sin(angle), uy = Math.cos(angle);
  chain.near.push([shed.x + from * ux, shed.y + from * uy]);
  chain.far.push([shed.x + to * ux, shed.y + to * uy]);
  chain.from = from;
  chain.to = to;
}

function close(chain: Chain): Ring {
  const ring: Ring = [...chain.near, ...chain.far.reverse()];
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
