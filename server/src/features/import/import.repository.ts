import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import type { Geometry, Point } from 'geojson';
import type { CollectionSpec, PropertySpec } from '../collections/registry.js';
import { ident } from '../../lib/sql.js';
import { PLANNING_AREA } from '../../lib/planning-area.js';

/**
 * SQL of the import. Batches travel as one JSON parameter unpacked by json_to_recordset (one statement and
 * one round trip per batch, on both engines); table and column names come only from the registry.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const sqlFile = (name: string) => fs.readFileSync(path.join(here, 'sql', name), 'utf8');
const CHECK_SQL = sqlFile('check-geometries.sql');
const REPAIR_SQL = sqlFile('repair-geometries.sql');
const PREVIEW_SQL = sqlFile('preview-features.sql');

const AREA = [PLANNING_AREA.minLon, PLANNING_AREA.minLat, PLANNING_AREA.maxLon, PLANNING_AREA.maxLat];

/** One geometry of a batch: its index in the staged file and the geometry in the file's CRS. */
export interface BatchGeometry {
  i: number;
  g: Geometry;
}

export interface GeometryProblem {
  i: number;
  valid: boolean;
  reason: string | null;
  /** Where the geometry is invalid, in the file's CRS. */
  x: number | null;
  y: number | null;
  /** Centre of a valid geometry that lies outside the planning area, in lon/lat. */
  lon: number | null;
  lat: number | null;
}

/** The geometries of a batch that are invalid or outside the planning area. */
export async function selectGeometryProblems(db: Knex, srid: number, batch: BatchGeometry[]): Promise<GeometryProblem[]> {
  const { rows } = await db.raw(CHECK_SQL, [srid, JSON.stringify(batch), ...AREA]);
  return rows;
}

export interface RepairRow {
  i: number;
  parts: number;
  valid_after: boolean;
  area_before_m2: number;
  area_after_m2: number;
  /** The repaired geometry in the file's CRS (GeoJSON text), or null when nothing polygonal is left. */
  geometry: string | null;
  inside: boolean;
}

/** What ST_MakeValid makes of each (invalid) polygon of the batch. */
export async function selectRepairs(db: Knex, srid: number, batch: BatchGeometry[], singlePolygons: boolean): Promise<RepairRow[]> {
  const { rows } = await db.raw(REPAIR_SQL, [srid, JSON.stringify(batch), singlePolygons, ...AREA]);
  return rows;
}

/** The batch's geometries in lon/lat (GeoJSON texts) for the preview map. */
export async function selectPreviewGeometries(db: Knex, srid: number, batch: BatchGeometry[]): Promise<Array<{ i: number; geometry: string }>> {
  const { rows } = await db.raw(PREVIEW_SQL, [srid, JSON.stringify(batch)]);
  return rows;
}

const CAST: Record<PropertySpec['type'], string> = {
  string: 'text', integer: 'integer', number: 'double precision', boolean: 'boolean', uuid: 'uuid', array: 'jsonb',
};

/** One feature to insert: geometry in the file's CRS and the collection's properties. */
export interface InsertRow {
  g: Geometry;
  [property: string]: unknown;
}

/**
 * Inserts a batch into the collection (into a plan when `scenarioId` is given) in one INSERT … SELECT; the
 * caller's transaction has set the acting user for the history trigger. Returns the count and the lon/lat extent.
 */
export async function insertBatch(
  trx: Knex.Transaction, spec: CollectionSpec, srid: number, rows: InsertRow[], user: string, scenarioId: string | undefined,
): Promise<{ n: number; extent: [number, number, number, number] | null }> {
  const props = spec.properties;
  // A point layer's rows travel as two numbers: much cheaper to build than GeoJSON is to parse.
  const points = spec.geometryType === 'Point';
  let geometry = points ? `ST_SetSRID(ST_MakePoint(r.x, r.y), ${Number(srid)})` : `ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(r.g)), ${Number(srid)})`;
  if (srid !== 4326) geometry = `ST_Transform(${geometry}, 4326)`;
  if (spec.geometryType === 'MultiPolygon') geometry = `ST_Multi(${geometry})`;
  // A property left empty takes the column's default, like an API write that leaves it out.
  const values = props.map((p) => (p.type === 'array' ? `COALESCE(s.${ident(p.name)}, '[]'::jsonb)` : `s.${ident(p.name)}`));
  const columns = ['geom', ...props.map((p) => p.name), ...(scenarioId ? ['scenario_id'] : []), 'updated_by'].map(ident);
  const record = [...(points ? ['x double precision', 'y double precision'] : ['g json']), ...props.map((p) => `${ident(p.name)} ${CAST[p.type]}`)];
  const batch = points ? rows.map(({ g, ...values }) => ({ x: (g as Point).coordinates[0], y: (g as Point).coordinates[1], ...values })) : rows;
  // Rows outside the planning area are left out; the caller compares the count with the batch.
  const { rows: result } = await trx.raw(
    `WITH ins AS (
       INSERT INTO ${ident(spec.table)} (${columns.join(', ')})
       SELECT s.geom, ${values.join(', ')}, ${scenarioId ? '?::uuid, ' : ''}?
       FROM (SELECT ${geometry} AS geom, r.* FROM json_to_recordset(?::json) AS r(${record.join(', ')})) s
       WHERE s.geom @ ST_MakeEnvelope(?, ?, ?, ?, 4326)
       RETURNING geom)
     SELECT n, ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1
     FROM (SELECT count(*)::integer AS n, ST_Extent(geom) AS e FROM ins) s`,
    [...(scenarioId ? [scenarioId] : []), user, JSON.stringify(batch), ...AREA],
  );
  const r = result[0];
  return { n: r.n, extent: r.n ? [r.x0, r.y0, r.x1, r.y1] : null };
}

export { setActingUser } from '../ogc/items.repository.js';
