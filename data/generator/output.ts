import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { toLonLat, type MultiPoly, type Poly, type Ring, type XY } from './plane.js';

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

export function multiPolygonGeom(mp: MultiPoly): Geometry {
  const polys = mp.map((p) => p.map(ringLonLat).filter((r) => r.length >= 4)).filter((p) => p.length > 0);
  return { type: 'MultiPolygon', coordinates: polys };
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
