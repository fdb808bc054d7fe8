import type { Knex } from 'knex';
import type { CollectionSpec } from '../collections/registry.js';
import { ProblemError } from '../../lib/errors.js';
import type { ExportQuery } from './export.query.js';
import { selectExportRows, selectSrtext } from './export.repository.js';
import { toCsv, toGeoJson, toKmlText } from './export.formats.js';
import { toShapefileZip } from './export.shapefile.js';

/** A file ready to download. */
export interface ExportFile {
  fileName: string;
  contentType: string;
  body: string | Buffer;
}

const EXTENSION = { geojson: 'geojson', csv: 'csv', kml: 'kml', shapefile: 'zip' } as const;
const CONTENT_TYPE = {
  geojson: 'application/geo+json',
  csv: 'text/csv; charset=utf-8',
  kml: 'application/vnd.google-earth.kml+xml',
  shapefile: 'application/zip',
} as const;

/** Exports the selected features of `spec` as one file in the requested format and CRS. */
export async function exportCollection(db: Knex, spec: CollectionSpec, query: ExportQuery): Promise<ExportFile> {
  const rows = await selectExportRows(db, spec, query);
  if (query.ids && rows.length < query.ids.length) {
    const found = new Set(rows.map((r) => r.id));
    const missing = query.ids.filter((id) => !found.has(id));
    throw new ProblemError(404, 'Not found', `No feature of ${spec.id} has the id(s): ${missing.join(', ')}.`,
      [{ field: 'query.ids', message: 'unknown feature id' }]);
  }
  const base = `${spec.id}-${query.crs.code}`;
  const fileName = `${base}.${EXTENSION[query.format]}`;
  const contentType = CONTENT_TYPE[query.format];
  switch (query.format) {
    case 'geojson':
      return { fileName, contentType, body: toGeoJson(rows, query.crs) };
    case 'csv':
      return { fileName, contentType, body: toCsv(spec, rows, query.crs) };
    case 'kml':
      return { fileName, contentType, body: toKmlText(rows) };
    case 'shapefile': {
      const prj = await selectSrtext(db, query.crs.srid);
      // Without a .prj a shapefile's coordinates are unreadable; better to fail than hand out such a file.
      if (!prj) throw new Error(`spatial_ref_sys has no row for SRID ${query.crs.srid}`);
      return { fileName, contentType, body: await toShapefileZip(spec, rows, prj, base) };
    }
  }
}
