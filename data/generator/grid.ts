import { STREET_NAMES, type RoadClass } from './arterials.js';
import { clipSegment } from './clip.js';
import { bbox, multiPoints, type MultiPoly, type XY } from './plane.js';

/**
 * The local street grid of one urban district: two families of parallel streets at `spacing` metres, turned by
 * `bearingDeg`, clipped to the district's built-up land. Grid crossings are kept as intersections (for the
 * cameras) and as corner positions along each street (so house rows stop short of the cross street).
 */

export interface GridSpec {
  spacing: number;
  bearingDeg: number;
}

export interface Street {
  name: string;
  cls: RoadClass;
  lanes: number;
  a: XY;
  b: XY;
  district: number;
  /** Distances from `a` (metres) where cross streets meet this one. */
  corners: number[];
}

export interface GridCrossing {
  p: XY;
  streets: [Street, Street];
}

interface Line {
  origin: XY;
  dir: XY;
  pieces: { t0: number; t1: number; street: Street }[];
}

/** Streets and crossings of one district's grid (`allowed`: where streets may run, metres). */
export function districtGrid(allowed: MultiPoly, origin: XY, spec: GridSpec, district: number): { streets: Street[]; crossings: GridCrossing[] } {
  const theta = (spec.bearingDeg * Math.PI) / 180;
  const u: XY = [Math.sin(theta), Math.cos(theta)];
  const v: XY = [Math.cos(theta), -Math.sin(theta)];
  const [x0, y0, x1, y1] = bbox(multiPoints(allowed));
  const reach = Math.hypot(x1 - x0, y1 - y0) / 2 + Math.hypot((x0 + x1) / 2 - origin[0], (y0 + y1) / 2 - origin[1]);
  const count = Math.ceil(reach / spec.spacing) + 1;
  const familyA = lines(allowed, origin, u, v, spec, count, reach, district, 0);
  const familyB = lines(allowed, origin, v, u, spec, count, reach, district, 1);
  const crossings: GridCrossing[] = [];
  familyA.forEach((la, ka) => {
    familyB.forEach((lb, kb) => {
      const tA = (kb - count) * spec.spacing;
      const tB = (ka - count) * spec.spacing;
      const pa = la.pieces.find((p) => p.t0 - 0.01 <= tA && tA <= p.t1 + 0.01);
      const pb = lb.pieces.find((p) => p.t0 - 0.01 <= tB && tB <= p.t1 + 0.01);
      if (!pa || !pb) return;
      pa.street.corners.push(tA - pa.t0);
      pb.street.corners.push(tB - pb.t0);
      crossings.push({ p: [la.origin[0] + la.dir[0] * tA, la.origin[1] + la.dir[1] * tA], streets: [pa.street, pb.street] });
    });
  });
  const streets = [...familyA, ...familyB].flatMap((l) => l.pieces.map((p) => p.street));
  for (const s of streets) s.corners.sort((a, b) => a - b);
  return { streets, crossings };
}

/** One family of parallel lines running along `dir`, offset along `across`. */
function lines(allowed: MultiPoly, origin: XY, dir: XY, across: XY, spec: GridSpec, count: number, reach: number, district: number, family: number): Line[] {
  const out: Line[] = [];
  for (let k = -count; k <= count; k++) {
    const o: XY = [origin[0] + across[0] * k * spec.spacing, origin[1] + across[1] * k * spec.spacing];
    const start: XY = [o[0] - dir[0] * reach, o[1] - dir[1] * reach];
    const end: XY = [o[0] + dir[0] * reach, o[1] + dir[1] * reach];
    const { cls, lanes } = streetClass(k);
    const name = STREET_NAMES[(district * 7919 + (k + 1000) * 104729 + family * 31) % STREET_NAMES.length];
    const pieces = clipSegment(start, end, allowed)
      .map(([a, b]) => ({ t0: proj(a, o, dir), t1: proj(b, o, dir), street: { name, cls, lanes, a, b, district, corners: [] as number[] } }))
      .filter((p) => p.t1 - p.t0 > 40);
    out.push({ origin: o, dir, pieces });
  }
  return out;
}

/** Every sixth street is a 4-lane secondary road, every third a tertiary one, the rest residential. */
function streetClass(k: number): { cls: RoadClass; lanes: number } {
  if (k % 6 === 0) return { cls: 'secondary', lanes: 4 };
  if (k % 3 === 0) return { cls: 'tertiary', lanes: 2 };
  return { cls: 'residential', lanes: 2 };
}

function proj(p: XY, o: XY, dir: XY): number {
  return (p[0] - o[0]) * dir[0] + (p[1] - o[1]) * dir[1];
}
