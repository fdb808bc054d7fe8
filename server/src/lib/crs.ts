import { badRequest } from './errors.js';

/**
 * Coordinate reference systems the API speaks (OGC API – Features Part 2).
 * Storage is EPSG:4326; PostGIS transforms with its own spatial_ref_sys, whose EPSG:5899 row carries the
 * correct VN-2000 → WGS 84 shift (EPSG:6960).
 */
export interface CrsInfo {
  uri: string;
  srid: number;
  /** True when the CRS's first axis is latitude/northing in its definition (EPSG:4326 is lat, lon). */
  latitudeFirst: boolean;
  title: string;
}

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

export const SUPPORTED_CRS: readonly CrsInfo[] = [
  { uri: CRS84, srid: 4326, latitudeFirst: false, title: 'WGS 84 (lon, lat)' },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/4326', srid: 4326, latitudeFirst: true, title: 'WGS 84 (lat, lon)' },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/3857', srid: 3857, latitudeFirst: false, title: 'Web Mercator' },
  { uri: 'http://www.opengis.net/def/crs/EPSG/0/5899', srid: 5899, latitudeFirst: false, title: 'VN-2000 / TM-3 107°45′ (E, N)' },
];

/**
 * Whether a coordinate pair can be a position in `crs`: lon/lat within ±180/±90, Web Mercator within its square,
 * a VN-2000 TM-3 grid position within 500 km of the central meridian in the Northern hemisphere below 4,000 km
 * (Vietnam spans northings of about 0.9–2.6 million m). Outside these, transformations are undefined or absurd.
 */
export function inCrsRange(a: number, b: number, crs: CrsInfo): boolean {
  switch (crs.srid) {
    case 4326: {
      const [lon, lat] = crs.latitudeFirst ? [b, a] : [a, b];
      return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
    }
    case 3857:
      return Math.abs(a) <= 20037508.35 && Math.abs(b) <= 20048966.11;
    default:
      return a >= 0 && a <= 1e6 && b >= 0 && b <= 4e6;
  }
}

/** Resolves a `crs`, `bbox-crs` or `Content-Crs` value (URI, or short `EPSG:n` form) to a supported CRS. */
export function parseCrs(value: string | undefined, field: string): CrsInfo {
  if (value === undefined || value === '') return SUPPORTED_CRS[0];
  const uri = value.trim().replace(/^<|>$/g, '');
  const short = /^EPSG:(\d+)$/i.exec(uri);
  const normalised = short ? `http://www.opengis.net/def/crs/EPSG/0/${short[1]}` : uri.replace(/^https:/, 'http:');
  const found = SUPPORTED_CRS.find((c) => c.uri === normalised);
  if (!found) {
    throw badRequest(`Unsupported CRS "${value}". Use one of: ${SUPPORTED_CRS.map((c) => c.uri).join(', ')}.`, [
      { field, message: 'unsupported CRS' },
    ]);
  }
  return found;
}
