import type { CollectionSpec } from '../collections/registry.js';
import { badRequest, type FieldProblem } from '../../lib/errors.js';
import { CRS84, SUPPORTED_CRS } from '../../lib/crs.js';

export const EXPORT_FORMATS = ['geojson', 'csv', 'kml', 'shapefile'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A CRS a file can be written in. Files always carry east/lon first (GIS tools read them that way), so no axis flag. */
export interface ExportCrs {
  srid: number;
  /** Short code used in file names and CSV headers, e.g. `EPSG5899`, `CRS84`. */
  code: string;
  uri: string;
  title: string;
  geographic: boolean;
}

const EPSG = (srid: number) => `http://www.opengis.net/def/crs/EPSG/0/${srid}`;

/**
 * The OGC API's CRS list plus the VN-2000 UTM zones (issue 4): exports are for other tools, where surveyors
 * working north or south of Đà Nẵng use UTM 48N / 49N rather than the city's TM-3 zone.
 */
export const EXPORT_CRS: readonly ExportCrs[] = [
  ...SUPPORTED_CRS.map((c) => ({
    srid: c.srid, uri: c.uri, title: c.title, geographic: c.srid === 4326,
    code: c.uri === CRS84 ? 'CRS84' : `EPSG${c.srid}`,
  })),
  { srid: 3405, uri: EPSG(3405), title: 'VN-2000 / UTM zone 48N', geographic: false, code: 'EPSG3405' },
  { srid: 3406, uri: EPSG(3406), title: 'VN-2000 / UTM zone 49N', geographic: false, code: 'EPSG3406' },
];

export interface ExportQuery {
  format: ExportFormat;
  crs: ExportCrs;
  /** A selection of feature ids; undefined exports the whole collection (its baseline). */
  ids?: string[];
  /** lon/lat (CRS84) bounds. */
  bbox?: [number, number, number, number];
}

/** Most ids a selection may name in one request (keeps the URL and the SQL bounded). */
export const MAX_IDS = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KNOWN = new Set(['format', 'crs', 'ids', 'bbox']);

/** Reads `?format&crs&ids&bbox`; every problem is reported at once as a 400 naming its field. */
export function parseExportQuery(_spec: CollectionSpec, query: Record<string, string | string[] | undefined>): ExportQuery {
  const problems: FieldProblem[] = [];
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (Array.isArray(value)) problems.push({ field: `query.${name}`, message: 'given more than once' });
    return Array.isArray(value) ? value[0] : value;
  };
  for (const name of Object.keys(query)) {
    if (!KNOWN.has(name)) problems.push({ field: `query.${name}`, message: 'unknown parameter; use format, crs, ids or bbox' });
  }
  const formatText = single('format') ?? 'geojson';
  const format = EXPORT_FORMATS.find((f) => f === formatText.toLowerCase());
  if (!format) problems.push({ field: 'query.format', message: `must be one of: ${EXPORT_FORMATS.join(', ')}` });
  const crs = parseExportCrs(single('crs'), problems);
  // KML 2.2 (OGC 07-147r2) fixes coordinates to WGS 84 lon/lat; a projected KML would be misread by every viewer.
  if (format === 'kml' && crs && crs.srid !== 4326) {
    problems.push({ field: 'query.crs', message: 'KML is always WGS 84 (CRS84); choose another format for a projected CRS' });
  }
  const ids = parseIds(single('ids'), problems);
  const bbox = parseBbox(single('bbox'), problems);
  if (problems.length || !format || !crs) throw badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  return { format, crs, ids, bbox };
}

function parseExportCrs(text: string | undefined, problems: FieldProblem[]): ExportCrs | undefined {
  if (text === undefined || text === '' || /^(OGC:)?CRS84$/i.test(text)) return EXPORT_CRS[0];
  const uri = text.trim().replace(/^<|>$/g, '');
  const short = /^EPSG:(\d+)$/i.exec(uri);
  const normalised = short ? EPSG(Number(short[1])) : uri.replace(/^https:/, 'http:');
  const found = EXPORT_CRS.find((c) => c.uri === normalised);
  if (!found) problems.push({ field: 'query.crs', message: `unsupported CRS; use one of: CRS84, ${EXPORT_CRS.slice(1).map((c) => `EPSG:${c.srid}`).join(', ')}` });
  return found;
}

function parseIds(text: string | undefined, problems: FieldProblem[]): string[] | undefined {
  if (text === undefined) return undefined;
  const ids = [...new Set(text.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  if (ids.length === 0 || ids.length > MAX_IDS || !ids.every((id) => UUID.test(id))) {
    problems.push({ field: 'query.ids', message: `must be 1 to ${MAX_IDS} comma-separated feature ids (uuids)` });
    return undefined;
  }
  return ids;
}

function parseBbox(text: string | undefined, problems: FieldProblem[]): ExportQuery['bbox'] {
  if (text === undefined) return undefined;
  const n = text.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  const ok = n.length === 4 && n.every(Number.isFinite) && n[0] >= -180 && n[2] <= 180 && n[1] >= -90 && n[3] <= 90 && n[1] <= n[3];
  if (!ok) {
    problems.push({ field: 'query.bbox', message: 'must be 4 numbers in lon/lat (CRS84): minLon,minLat,maxLon,maxLat' });
    return undefined;
  }
  return [n[0], n[1], n[2], n[3]];
}
