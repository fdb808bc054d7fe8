import { difference, featureCollection, intersect, multiPolygon, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { multiArea, pointInMulti, polyArea, type MultiPoly, type Poly, type Ring, type XY } from './plane.js';

/**
 * Polygon set operations on local-plane coordinates. Turf's intersect/union/difference (polyclip) are planar,
 * so they work unchanged on metres; only the wrappers below know about GeoJSON features.
 */

const asFeature = (mp: MultiPoly): Feature<MultiPolygon> => multiPolygon(mp as unknown as number[][][][]);

function fromFeature(f: Feature<Polygon | MultiPolygon> | null): MultiPoly {
  if (!f) return [];
  const g = f.geometry;
  const mp = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown as MultiPoly;
  // Set operations on shared edges leave float-noise slivers; a part under 0.5 m² is one of those.
  return mp.filter((p) => polyArea(p) > 0.5);
}

/** Parts of `a` inside `b`. */
export function intersectMulti(a: MultiPoly, b: MultiPoly): MultiPoly {
  if (a.length === 0 || b.length === 0) return [];
  return fromFeature(intersect(featureCollection([asFeature(a), asFeature(b)])));
}

/** `a` minus every polygon in `others`. */
export function subtractMulti(a: MultiPoly, ...others: MultiPoly[]): MultiPoly {
  const rest = others.filter((o) => o.length > 0);
  if (a.length === 0 || rest.length === 0) return a;
  return fromFeature(difference(featureCollection([asFeature(a), ...rest.map(asFeature)])));
}

/** Union of several multipolygons. */
export function unionMulti(...parts: MultiPoly[]): MultiPoly {
  const rest = parts.filter((o) => o.length > 0);
  if (rest.length <= 1) return rest[0] ?? [];
  return fromFeature(union(featureCollection(rest.map(asFeature))));
}

/** Clips a convex polygon (one ring) to the half-plane n·p ≤ c (Sutherland–Hodgman, one edge). */
export function clipConvex(ring: Ring, n: XY, c: number): Ring {
  const out: Ring = [];
  const pts = ring.slice(0, -1);
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i];
    const q = pts[(i + 1) % pts.length];
    const fp = n[0] * p[0] + n[1] * p[1] - c;
    const fq = n[0] * q[0] + n[1] * q[1] - c;
    if (fp <= 0) out.push(p);
    if ((fp < 0 && fq > 0) || (fp > 0 && fq < 0)) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  if (out.length < 3) return [];
  return [...out, out[0]];
}

/** The rectangle [minX, minY, maxX, maxY] as a closed counter-clockwise ring. */
export function boxRing([x0, y0, x1, y1]: readonly number[]): Ring {
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
}

/**
 * The pieces of segment a→b that lie inside `mp`, as [start, end] pairs in order from a.
 * Exact: the segment is cut at every edge crossing and each piece's midpoint is tested.
 */
export function clipSegment(a: XY, b: XY, mp: MultiPoly): [XY, XY][] {
  const ts = [0, 1];
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  for (const poly of mp) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const t = segmentParam(a, dx, dy, ring[i], ring[i + 1]);
        if (t !== null) ts.push(t);
      }
    }
  }
  ts.sort((x, y) => x - y);
  const pieces: [XY, XY][] = [];
  for (let i = 0; i + 1 < ts.length; i++) {
    const t0 = ts[i];
    const t1 = ts[i + 1];
    if (t1 - t0 < 1e-9) continue;
    const mid: XY = [a[0] + dx * (t0 + t1) * 0.5, a[1] + dy * (t0 + t1) * 0.5];
    if (!pointInMulti(mid, mp)) continue;
    const start: XY = [a[0] + dx * t0, a[1] + dy * t0];
    const last = pieces[pieces.length - 1];
    // Touching pieces (cut at a vertex that does not leave the polygon) are merged back.
    if (last && Math.abs(last[1][0] - start[0]) < 1e-9 && Math.abs(last[1][1] - start[1]) < 1e-9) {
      last[1] = [a[0] + dx * t1, a[1] + dy * t1];
    } else {
      pieces.push([start, [a[0] + dx * t1, a[1] + dy * t1]]);
    }
  }
  return pieces;
}

/** Parameter t in (0, 1) along a + t·(dx, dy) where it crosses segment pq, or null. */
function segmentParam(a: XY, dx: number, dy: number, p: XY, q: XY): number | null {
  const ex = q[0] - p[0];
  const ey = q[1] - p[1];
  const den = dx * ey - dy * ex;
  if (den === 0) return null;
  const t = ((p[0] - a[0]) * ey - (p[1] - a[1]) * ex) / den;
  const u = ((p[0] - a[0]) * dy - (p[1] - a[1]) * dx) / den;
  return t > 0 && t < 1 && u >= 0 && u <= 1 ? t : null;
}

/** Total area of a list of multipolygons, m². */
export function totalArea(parts: MultiPoly[]): number {
  return parts.reduce((s, p) => s + multiArea(p), 0);
}

/** A polygon as a one-part multipolygon. */
export const single = (p: Poly): MultiPoly => [p];

/**
 * Makes a polygon survive the output rounding (1e-7°): its vertices are snapped to that grid first and the
 * polygon is rebuilt from its snapped shells minus its snapped holes, so a hole that nearly touched its shell
 * (closer than the grid) is resolved here by the clipper instead of crossing the shell in the output file.
 */
export function snapRepair(mp: MultiPoly, snap: (p: XY) => XY): MultiPoly {
  const shells = mp.map((p): Poly => [p[0].map(snap)]);
  const holes = mp.flatMap((p) => p.slice(1).map((h): Poly => [h.map(snap)]));
  const whole = unionMulti(...shells.map(single));
  return holes.length === 0 ? whole : subtractMulti(whole, holes);
}
