import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { pointInPoly, ringArea, toLonLat, type MultiPoly, type Poly, type Ring, type XY } from './plane.js';

/** Conversion of local-plane geometry to WGS 84 GeoJSON, with the clean-up that rounding needs. */

export type Props = Record<string, string | number | boolean | null | object>;

/** A GeoJSON feature whose `id` is the row's uuid (the properties carry only registry columns). */
export function feature(id: string, geometry: Geometry, properties: Props): Feature {
  return { type: 'Feature', id, geometry, properties };
}

export function collection(features: Feature[]): FeatureCollection {
  return { type: 'FeatureCollection', features };
}

export function pointGeom(p: XY): Geometry {
  return { type: 'Point', coordinates: toLonLat(p) };
}

/** A line in lon/lat; repeated points (after rounding to 1 cm) are dropped. */
export function lineGeom(line: XY[]): Geometry {
  return { type: 'LineString', coordinates: dedupe(line.map(toLonLat)) };
}

export function polygonGeom(poly: Poly): Geometry {
  return { type: 'Polygon', coordinates: poly.map(ringLonLat).filter((r) => r.length >= 4) };
}

/**
 * A multipolygon in lon/lat. Polygon clipping can return a ring that touches itself at a vertex (a hole
 * pinched onto its shell), which OGC calls invalid; such rings are split at the repeated vertex and the pieces
 * regrouped as shells (counter-clockwise) and holes (clockwise) of the shell that contains them.
 */
export function multiPolygonGeom(mp: MultiPoly): Geometry {
  const rings = mp.flatMap((p) => p.map(ringLonLat)).flatMap(splitAtRepeats).filter((r) => r.length >= 4 && ringArea(r) !== 0);
  const shells = rings.filter((r) => ringArea(r) > 0).map((r) => [r]);
  for (const hole of rings.filter((r) => ringArea(r) < 0)) {
    const probe: XY = [(hole[0][0] + hole[1][0]) / 2, (hole[0][1] + hole[1][1]) / 2];
    const owners = shells.filter((s) => pointInPoly(probe, [s[0]])).sort((a, b) => ringArea(a[0]) - ringArea(b[0]));
    if (owners[0]) owners[0].push(hole);
  }
  return { type: 'MultiPolygon', coordinates: shells };
}

/** Splits a closed ring at every vertex it passes twice into simple closed rings. */
function splitAtRepeats(ring: [number, number][]): [number, number][][] {
  const out: [number, number][][] = [];
  const stack: [number, number][] = [];
  const seen = new Map<string, number>();
  for (const p of ring.slice(0, -1)) {
    const key = `${p[0]},${p[1]}`;
    const at = seen.get(key);
    if (at !== undefined) {
      const loop = stack.splice(at);
      for (const q of loop) seen.delete(`${q[0]},${q[1]}`);
      out.push([...loop, loop[0]]);
    }
    seen.set(key, stack.length);
    stack.push(p);
  }
  if (stack.length >= 3) out.push([...stack, stack[0]]);
  return out;
}

function ringLonLat(ring: Ring): [number, number][] {
  const pts = dedupe(ring.map(toLonLat));
  // Rounding can fold a near-zero-width spike onto itself (a, b, a): drop the spike's tip.
  for (let i = 1; i + 1 < pts.length; i++) {
    if (pts[i - 1][0] === pts[i + 1][0] && pts[i - 1][1] === pts[i + 1][1]) {
      pts.splice(i, 2);
      i = Math.max(0, i - 2);
    }
  }
  return pts;
}

function dedupe(pts: [number, number][]): [number, number][] {
  return pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1][0] || p[1] !== pts[i - 1][1]);
}
