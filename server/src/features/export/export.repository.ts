import type { Knex } from 'knex';
import type { CollectionSpec } from '../collections/registry.js';
import type { ExportQuery } from './export.query.js';
import { ident } from '../../lib/sql.js';

/**
 * SQL of the export endpoint. Table and column names come from the registry only (checked by `ident`); the
 * SRID, ids and bbox are bound values. PostGIS transforms to the target CRS, so exports use the same
 * spatial_ref_sys (and VN-2000 datum shift) as the OGC API.
 */


/** One exported feature: geometry as GeoJSON and WKT in the target CRS, properties as parsed JSON. */
export interface ExportRow {
  id: string;
  geometry: { type: string; coordinates: unknown };
  wkt: string;
  properties: Record<string, unknown>;
}

/** Decimal digits kept: ~1 cm in degrees, 1 mm in metres (as the OGC API). */
const digits = (srid: number) => (srid === 4326 ? 7 : 3);

/**
 * The features of `spec` matching the selection, in `query.crs`, ordered by id. Without `ids` the baseline
 * (features outside any plan) is exported; an explicit selection is exported as named.
 * Polygon rings are forced clockwise (outer) / counter-clockwise (holes): the ESRI Shapefile rule; GeoJSON
 * and KML readers accept either orientation.
 */
export async function selectExportRows(knex: Knex, spec: CollectionSpec, query: ExportQuery): Promise<ExportRow[]> {
  const parts: string[] = [];
  const bindings: Knex.Value[] = [query.crs.srid, digits(query.crs.srid), query.crs.srid, digits(query.crs.srid)];
  if (query.ids) {
    parts.push(`t.id IN (${query.ids.map(() => '?::uuid').join(', ')})`);
    bindings.push(...query.ids);
  } else if (spec.scenarioAware) {
    parts.push('t.scenario_id IS NULL');
  }
  if (query.bbox) {
    parts.push('t.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) AND ST_Intersects(t.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))');
    bindings.push(...query.bbox, ...query.bbox);
  }
  const props = spec.properties.map((p) => `'${p.name}', t.${ident(p.name)}`).join(', ');
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  const { rows } = await knex.raw(
    `SELECT t.id::text AS id,
       ST_AsGeoJSON(ST_ForcePolygonCW(ST_Transform(t.geom, ?::integer)), ?::integer, 0) AS geometry,
       ST_AsText(ST_Transform(t.geom, ?::integer), ?::integer) AS wkt,
       json_build_object(${props})::text AS properties
     FROM ${ident(spec.table)} t ${where} ORDER BY t.id`,
    bindings,
  );
  return rows.map((r: { id: string; geometry: string; wkt: string; properties: string }) => ({
    id: r.id, geometry: JSON.parse(r.geometry), wkt: r.wkt, properties: JSON.parse(r.properties),
  }));
}

/** The OGC WKT of `srid` from PostGIS's spatial_ref_sys (for the shapefile .prj), or undefined. */
export async function selectSrtext(knex: Knex, srid: number): Promise<string | undefined> {
  const { rows } = await knex.raw('SELECT srtext FROM spatial_ref_sys WHERE srid = ?::integer', [srid]);
  return rows[0]?.srtext ?? undefined;
}
