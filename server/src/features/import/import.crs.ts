import type { CrsInfo } from '../../lib/crs.js';
import { EXPORT_CRS, type ExportCrs } from '../export/export.query.js';

/**
 * The CRSs a file may be imported from: the export's list (WGS 84, Web Mercator, VN-2000 TM-3 Đà Nẵng 5899,
 * VN-2000 UTM 48N/49N), so whatever the tool exports it can import again. Files put east (longitude) first,
 * as GDAL and QGIS write them, whatever the CRS's official axis order: EPSG:4326 is read as lon, lat here.
 * PostGIS transforms with its own spatial_ref_sys, whose VN-2000 rows carry the EPSG:6960 datum shift.
 */
export type ImportCrs = ExportCrs;

export const IMPORT_CRS: readonly ImportCrs[] = EXPORT_CRS;

/** The short code a client sends and the API answers: `CRS84` or `EPSG:<n>`. */
export function crsCode(crs: ImportCrs): string {
  return crs.code === 'CRS84' ? 'CRS84' : `EPSG:${crs.srid}`;
}

/** The import CRS for a code (`CRS84`, `OGC:CRS84`, `EPSG:5899`, an OGC URI or a GeoJSON urn), or undefined. */
export function findImportCrs(text: string): ImportCrs | undefined {
  const value = text.trim().replace(/^<|>$/g, '');
  if (/^(OGC:)?CRS84$/i.test(value) || /^urn:ogc:def:crs:OGC:1\.3:CRS84$/i.test(value)) return IMPORT_CRS[0];
  if (value.replace(/^https:/, 'http:') === IMPORT_CRS[0].uri) return IMPORT_CRS[0];
  const epsg = /^(?:EPSG:|urn:ogc:def:crs:EPSG:[^:]*:|https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/)(\d+)$/i.exec(value);
  if (!epsg) return undefined;
  const srid = Number(epsg[1]);
  // EPSG:4326 in a file means lon, lat (GIS convention), the same positions as CRS84.
  if (srid === 4326) return IMPORT_CRS[0];
  return IMPORT_CRS.find((c) => c.srid === srid);
}

/** The CrsInfo the shared feature validation expects: east first, as files are. */
export function asCrsInfo(crs: ImportCrs): CrsInfo {
  return { uri: crs.uri, srid: crs.srid, latitudeFirst: false, title: crs.title };
}

/** The choices as the API lists them. */
export function crsChoices(): Array<{ code: string; title: string }> {
  return IMPORT_CRS.filter((c) => !(c.srid === 4326 && c.code !== 'CRS84')).map((c) => ({ code: crsCode(c), title: c.title }));
}
