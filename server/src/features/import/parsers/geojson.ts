import type { Feature, Geometry } from 'geojson';
import { findImportCrs, crsCode } from '../import.crs.js';
import { badFile, type DetectedCrs, type ParsedFile, type StagedFeature } from './types.js';

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/**
 * Reads GeoJSON (RFC 7946): a FeatureCollection, one Feature or one bare geometry. The CRS is the 2008
 * `crs` member when present (GDAL and QGIS still write it for projected data), else WGS 84 lon/lat as RFC 7946
 * fixes it — unless the coordinates cannot be degrees, in which case the user is asked.
 */
export function parseGeoJson(text: string): ParsedFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw badFile(`The file is not valid JSON: ${(err as Error).message}.`, 'malformed JSON');
  }
  const list = featuresOf(doc);
  const features: StagedFeature[] = list.map((f, k) => {
    const isObject = typeof f === 'object' && f !== null;
    const geometry = isObject ? (f as Feature).geometry ?? null : null;
    const properties = isObject && typeof (f as Feature).properties === 'object' && (f as Feature).properties !== null ? (f as Feature).properties! : {};
    const staged: StagedFeature = { row: k + 1, geometry: geometry as Geometry | null, properties };
    if (!isObject || (f as Feature).type !== 'Feature') staged.geometryProblem = 'is not a GeoJSON Feature';
    return staged;
  });
  return { format: 'geojson', features, crs: detectCrs(doc as Record<string, unknown>, features) };
}

function featuresOf(doc: unknown): unknown[] {
  const d = doc as { type?: unknown; features?: unknown };
  if (typeof d !== 'object' || d === null) throw badFile('The JSON is not GeoJSON: expected a FeatureCollection, a Feature or a geometry.', 'not GeoJSON');
  if (d.type === 'FeatureCollection') {
    if (!Array.isArray(d.features)) throw badFile('The FeatureCollection has no "features" array.', 'features missing');
    return d.features;
  }
  if (d.type === 'Feature') return [d];
  if (typeof d.type === 'string' && GEOMETRY_TYPES.has(d.type)) return [{ type: 'Feature', geometry: d, properties: {} }];
  throw badFile(`The JSON is not GeoJSON (its "type" is ${JSON.stringify(d.type ?? null)}); expected a FeatureCollection, a Feature or a geometry.`, 'not GeoJSON');
}

function detectCrs(doc: Record<string, unknown>, features: StagedFeature[]): DetectedCrs {
  const named = (doc.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof named === 'string') {
    const crs = findImportCrs(named);
    if (crs) return { code: crsCode(crs), source: 'geojson', detail: `${crs.title}, named by the file's "crs" member (${named})` };
    return { code: null, source: 'geojson', detail: `The file names the CRS "${named}", which is not offered; choose the CRS its coordinates are in, or reproject the file.` };
  }
  const outside = firstPosition(features, (x, y) => Math.abs(x) > 180 || Math.abs(y) > 90);
  if (outside) {
    return { code: null, source: 'none', detail: `The file names no CRS and its coordinates are not longitude/latitude (e.g. [${outside.join(', ')}]): choose the CRS they are in.` };
  }
  return { code: 'CRS84', source: 'rfc7946', detail: 'WGS 84 longitude/latitude: GeoJSON without a "crs" member (RFC 7946)' };
}

/** The first position of any feature for which `test` holds, or undefined. */
export function firstPosition(features: StagedFeature[], test: (x: number, y: number) => boolean): number[] | undefined {
  const visit = (c: unknown): number[] | undefined => {
    if (!Array.isArray(c)) return undefined;
    if (typeof c[0] === 'number') return test(c[0], c[1] as number) ? (c as number[]) : undefined;
    for (const item of c) {
      const found = visit(item);
      if (found) return found;
    }
    return undefined;
  };
  for (const f of features) {
    const found = visit((f.geometry as { coordinates?: unknown } | null)?.coordinates);
    if (found) return found;
  }
  return undefined;
}
