import type { Knex } from 'knex';
import type { CollectionSpec, PropertySpec } from '../collections/registry.js';
import type { CrsInfo } from '../../lib/crs.js';
import type { ItemsQuery } from './items.query.js';
import { ident } from '../../lib/sql.js';
import { planViewCondition } from '../scenarios/plan-view.js';

/**
 * SQL of the OGC items endpoints. Table and column names come from the registry only (checked by `ident`);
 * every value is a bound parameter. Features are serialised to GeoJSON text by PostGIS itself.
 */


const CAST: Record<PropertySpec['type'], string> = {
  string: 'text', integer: 'integer', number: 'double precision', boolean: 'boolean', uuid: 'uuid', array: 'jsonb',
};

/** Decimal digits kept in output coordinates: ~1 cm in degrees, 1 mm in metres. */
function digits(crs: CrsInfo): number {
  return crs.srid === 4326 ? 7 : 3;
}

/** Stored EPSG:4326 geometry expressed in `crs` (axis order included). */
function geometryOut(crs: CrsInfo): string {
  if (crs.srid !== 4326) return `ST_Transform(t.geom, ${crs.srid})`;
  return crs.latitudeFirst ? 'ST_FlipCoordinates(t.geom)' : 't.geom';
}

/** A GeoJSON geometry parameter sent in `crs`, as stored (2D, EPSG:4326, multi where the table is). */
export function geometryIn(spec: CollectionSpec, crs: CrsInfo): string {
  let g = `ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(?)), ${crs.srid})`;
  if (crs.latitudeFirst) g = `ST_FlipCoordinates(${g})`;
  if (crs.srid !== 4326) g = `ST_Transform(${g}, 4326)`;
  return spec.geometryType === 'MultiPolygon' ? `ST_Multi(${g})` : g;
}

function featureJson(spec: CollectionSpec, crs: CrsInfo): string {
  const planColumns = spec.scenarioAware ? ['scenario_id', 'replaces_id'] : [];
  const props = [...spec.properties.map((p) => p.name), ...planColumns].map((name) => `'${name}', t.${ident(name)}`).join(', ');
  return `json_build_object('type', 'Feature', 'id', t.id,
    'geometry', ST_AsGeoJSON(${geometryOut(crs)}, ${digits(crs)}, 0)::json,
    'properties', json_build_object(${props}, 'version', t.version, 'updated_at', t.updated_at, 'updated_by', t.updated_by))::text`;
}

function whereClause(spec: CollectionSpec, query: ItemsQuery): { sql: string; bindings: Knex.Value[] } {
  const parts: string[] = [];
  const bindings: Knex.Value[] = [];
  if (query.bbox) {
    const { minX, minY, maxX, maxY, crs } = query.bbox;
    const envelope = crs.srid === 4326 ? 'ST_MakeEnvelope(?, ?, ?, ?, 4326)' : `ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ${crs.srid}), 4326)`;
    parts.push(`t.geom && ${envelope} AND ST_Intersects(t.geom, ${envelope})`);
    bindings.push(minX, minY, maxX, maxY, minX, minY, maxX, maxY);
  }
  for (const filter of query.filters) {
    const property = spec.properties.find((p) => p.name === filter.column)!;
    parts.push(`t.${ident(filter.column)} = ?::${CAST[property.type]}`);
    bindings.push(filter.value);
  }
  if (spec.scenarioAware) {
    const plan = planViewCondition(spec.table, 't', query.scenarioId);
    parts.push(plan.sql);
    bindings.push(...plan.bindings);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', bindings };
}

/** One page of features as GeoJSON texts, ordered by id so that pages are stable. */
export async function selectFeaturePage(knex: Knex, spec: CollectionSpec, query: ItemsQuery): Promise<string[]> {
  const where = whereClause(spec, query);
  const { rows } = await knex.raw(
    `SELECT ${featureJson(spec, query.crs)} AS feature FROM ${ident(spec.table)} t ${where.sql} ORDER BY t.id LIMIT ? OFFSET ?`,
    [...where.bindings, query.limit, query.offset],
  );
  return rows.map((r: { feature: string }) => r.feature);
}

/** How many features match the query, all pages together. */
export async function countFeatures(knex: Knex, spec: CollectionSpec, query: ItemsQuery): Promise<number> {
  const where = whereClause(spec, query);
  const { rows } = await knex.raw(`SELECT count(*)::integer AS n FROM ${ident(spec.table)} t ${where.sql}`, where.bindings);
  return rows[0].n;
}

/** One feature as GeoJSON text with its version, or undefined. */
export async function selectFeature(knex: Knex, spec: CollectionSpec, id: string, crs: CrsInfo): Promise<{ feature: string; version: number } | undefined> {
  const { rows } = await knex.raw(
    `SELECT ${featureJson(spec, crs)} AS feature, t.version FROM ${ident(spec.table)} t WHERE t.id = ?::uuid`,
    [id],
  );
  return rows[0];
}

/** The current version of a feature, or undefined when it does not exist. */
export async function selectVersion(knex: Knex, spec: CollectionSpec, id: string): Promise<number | undefined> {
  const { rows } = await knex.raw(`SELECT version FROM ${ident(spec.table)} WHERE id = ?::uuid`, [id]);
  return rows[0]?.version;
}

export interface GeometryCheck {
  valid: boolean;
  reason: string | null;
  /** Where the problem is, in the coordinates the client sent. */
  location: [number, number] | null;
  /** Extent of the geometry in lon/lat once transformed. */
  extent: [number, number, number, number] | null;
}

/** Asks PostGIS whether a geometry is valid (OGC simple features) and where it lands in lon/lat. */
export async function checkGeometry(knex: Knex, spec: CollectionSpec, geojson: string, crs: CrsInfo): Promise<GeometryCheck> {
  const { rows } = await knex.raw(
    `WITH raw AS (SELECT ST_IsValidDetail(ST_Force2D(ST_GeomFromGeoJSON(?))) AS d)
     SELECT (d).valid, (d).reason, ST_X((d).location) AS x, ST_Y((d).location) AS y FROM raw`,
    [geojson],
  );
  const r = rows[0];
  const check: GeometryCheck = { valid: r.valid, reason: r.reason, location: r.x === null ? null : [r.x, r.y], extent: null };
  if (!check.valid) return check;
  const { rows: extentRows } = await knex.raw(
    `SELECT ST_XMin(g) AS x0, ST_YMin(g) AS y0, ST_XMax(g) AS x1, ST_YMax(g) AS y1 FROM (SELECT ${geometryIn(spec, crs)} AS g) s`,
    [geojson],
  );
  const e = extentRows[0];
  return { ...check, extent: [e.x0, e.y0, e.x1, e.y1] };
}

/** Which plan a feature belongs to (null: the baseline), or undefined when it does not exist. */
export async function selectPlanOf(knex: Knex, spec: CollectionSpec, id: string): Promise<{ scenario_id: string | null; version: number } | undefined> {
  const { rows } = await knex.raw(`SELECT scenario_id, version FROM ${ident(spec.table)} WHERE id = ?::uuid`, [id]);
  return rows[0];
}

/**
 * Copies a baseline feature into a plan as its replacement there (copy on write), if the baseline feature is
 * still at `expectedVersion`; returns the copy's id, or undefined when the baseline row was missing or stale.
 */
export async function copyIntoPlan(trx: Knex.Transaction, spec: CollectionSpec, id: string, expectedVersion: number | '*', scenarioId: string, user: string) {
  const columns = ['geom', ...spec.properties.map((p) => p.name)].map(ident).join(', ');
  const versionCheck = expectedVersion === '*' ? '' : 'AND version = ?';
  const { rows } = await trx.raw(
    `INSERT INTO ${ident(spec.table)} (${columns}, scenario_id, replaces_id, replaces_version, updated_by)
     SELECT ${columns}, ?::uuid, id, version, ? FROM ${ident(spec.table)} WHERE id = ?::uuid AND scenario_id IS NULL ${versionCheck}
     RETURNING id`,
    [scenarioId, user, id, ...(expectedVersion === '*' ? [] : [expectedVersion])],
  );
  return rows[0]?.id as string | undefined;
}

/** Marks the transaction with the acting user, read by the history trigger. */
export async function setActingUser(trx: Knex.Transaction, user: string): Promise<void> {
  await trx.raw(`SELECT set_config('app.user', ?, true)`, [user]);
}

type Values = Record<string, unknown>;

/** A value that resets a column to its database default (a replace that leaves a property out). */
export const COLUMN_DEFAULT = Symbol('column default');

function bindValue(property: PropertySpec, value: unknown): Knex.Value {
  if (value === null || value === undefined) return null;
  return property.type === 'array' ? JSON.stringify(value) : (value as Knex.Value);
}

/** Inserts a feature; returns its id and version. */
export async function insertFeature(
  trx: Knex.Transaction, spec: CollectionSpec, geojson: string, crs: CrsInfo, values: Values, user: string,
  where: { id?: string; scenarioId?: string } = {},
) {
  const properties = spec.properties.filter((p) => values[p.name] !== undefined && values[p.name] !== null);
  const head: Array<[string, string, Knex.Value]> = [];
  if (where.id) head.push(['id', '?::uuid', where.id]);
  if (where.scenarioId) head.push(['scenario_id', '?::uuid', where.scenarioId]);
  const columns = [...head.map((h) => h[0]), 'geom', ...properties.map((p) => p.name), 'updated_by'].map(ident).join(', ');
  const placeholders = [...head.map((h) => h[1]), geometryIn(spec, crs), ...properties.map((p) => `?::${CAST[p.type]}`), '?'].join(', ');
  const { rows } = await trx.raw(
    `INSERT INTO ${ident(spec.table)} (${columns}) VALUES (${placeholders}) RETURNING id, version`,
    [...head.map((h) => h[2]), geojson, ...properties.map((p) => bindValue(p, values[p.name])), user],
  );
  return rows[0] as { id: string; version: number };
}

/**
 * Updates a feature only if it is still at `expectedVersion` (optimistic locking: no lost update).
 * `values` holds the properties to set (a replace sets all of them, missing ones to NULL); `geojson` may be absent.
 * Returns the new version, or undefined when the row was missing or at another version.
 */
export async function updateFeature(
  trx: Knex.Transaction, spec: CollectionSpec, id: string, expectedVersion: number | '*',
  change: { geojson?: string; crs: CrsInfo; values: Values }, user: string,
): Promise<number | undefined> {
  const sets: string[] = [];
  const bindings: Knex.Value[] = [];
  if (change.geojson !== undefined) {
    sets.push(`geom = ${geometryIn(spec, change.crs)}`);
    bindings.push(change.geojson);
  }
  for (const property of spec.properties) {
    if (!(property.name in change.values)) continue;
    const value = change.values[property.name];
    if (value === COLUMN_DEFAULT) {
      sets.push(`${ident(property.name)} = DEFAULT`);
      continue;
    }
    sets.push(`${ident(property.name)} = ?::${CAST[property.type]}`);
    bindings.push(bindValue(property, value));
  }
  sets.push('updated_by = ?');
  bindings.push(user, id);
  const versionCheck = expectedVersion === '*' ? '' : 'AND version = ?';
  if (expectedVersion !== '*') bindings.push(expectedVersion);
  const { rows } = await trx.raw(
    `UPDATE ${ident(spec.table)} SET ${sets.join(', ')} WHERE id = ?::uuid ${versionCheck} RETURNING version`,
    bindings,
  );
  return rows[0]?.version;
}

/** Deletes a feature if still at `expectedVersion`; true when a row was deleted. */
export async function deleteFeature(trx: Knex.Transaction, spec: CollectionSpec, id: string, expectedVersion: number | '*'): Promise<boolean> {
  const versionCheck = expectedVersion === '*' ? '' : 'AND version = ?';
  const bindings = expectedVersion === '*' ? [id] : [id, expectedVersion];
  const { rows } = await trx.raw(`DELETE FROM ${ident(spec.table)} WHERE id = ?::uuid ${versionCheck} RETURNING id`, bindings);
  return rows.length > 0;
}
