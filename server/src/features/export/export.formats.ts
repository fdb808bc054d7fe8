import { stringify } from 'csv-stringify/sync';
import { toKML } from '@placemarkio/tokml';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { CollectionSpec } from '../collections/registry.js';
import type { ExportCrs } from './export.query.js';
import type { ExportRow } from './export.repository.js';

/** Text writers of the export: GeoJSON, CSV and KML. The shapefile writer is in export.shapefile.ts. */

function featureCollection(rows: ExportRow[]): FeatureCollection<Geometry> {
  return {
    type: 'FeatureCollection',
    features: rows.map((r): Feature<Geometry> => ({ type: 'Feature', id: r.id, geometry: r.geometry as Geometry, properties: r.properties })),
  };
}

/**
 * GeoJSON. RFC 7946 allows only WGS 84; for another CRS the file carries the GeoJSON 2008 `crs` member
 * (urn form), which GDAL and QGIS still read, so a VN-2000 file opens in the right place.
 */
export function toGeoJson(rows: ExportRow[], crs: ExportCrs): string {
  const collection = featureCollection(rows);
  if (crs.code === 'CRS84') return JSON.stringify(collection);
  const urn = `urn:ogc:def:crs:EPSG::${crs.srid}`;
  return JSON.stringify({ type: 'FeatureCollection', crs: { type: 'name', properties: { name: urn } }, features: collection.features });
}

/** A property value as one CSV / DBF cell: arrays (e.g. radio bands) become JSON text. */
export function cellValue(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return value as string | number | boolean;
}

/**
 * CSV, one row per feature: id, the registry's properties, then the position — `lon`,`lat` (geographic CRS) or
 * `x`,`y` (projected: easting, northing) for point layers, or a `wkt` column for lines and polygons,
 * which spreadsheet users cannot split into columns anyway. UTF-8 with a BOM so Excel shows Vietnamese correctly.
 */
export function toCsv(spec: CollectionSpec, rows: ExportRow[], crs: ExportCrs): string {
  const names = spec.properties.map((p) => p.name);
  const points = spec.geometryType === 'Point';
  const position = points ? (crs.geographic ? ['lon', 'lat'] : ['x', 'y']) : ['wkt'];
  const records = rows.map((r) => {
    const cells = [r.id, ...names.map((n) => cellValue(r.properties[n]))];
    if (points) {
      const [x, y] = r.geometry.coordinates as number[];
      return [...cells, x, y];
    }
    return [...cells, r.wkt];
  });
  return stringify([['id', ...names, ...position], ...records], {
    bom: true,
    cast: { boolean: (b) => String(b) },
  });
}

/** KML 2.2 (always WGS 84 lon/lat; the query refuses any other CRS). The properties go to ExtendedData. */
export function toKmlText(rows: ExportRow[]): string {
  return toKML(featureCollection(rows));
}
