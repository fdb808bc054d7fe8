import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import type { Geometry, Point } from 'geojson';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CollectionSpec, PropertySpec } from '../collections/registry.js';
import { ident } from '../../lib/sql.js';
import { PLANNING_AREA, inPlanningArea } from '../../lib/planning-area.js';
import { streamsCopy } from '../../db/engine.js';

/**
 * SQL of the import. Batches travel as one JSON parameter unpacked by json_to_recordset (one statement and
 * one round trip per batch, on both engines), or, for lon/lat points on the server engine, as COPY data;
 * table and column names come only from the registry.
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

/** The columns an import writes, quoted, in the order of its values: geometry, properties, plan, user. */
function writtenColumns(spec: CollectionSpec, scenarioId: string | undefined): string[] {
  return ['geom', ...spec.properties.map((p) => p.name), ...(scenarioId ? ['scenario_id'] : []), 'updated_by'].map(ident);
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
  const columns = writtenColumns(spec, scenarioId);
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

/**
 * Whether rows for `spec` in `srid` can be written by copyPoints: lon/lat points (GeoJSON, or CSV with lon/lat
 * columns), which need no PostGIS to place, on the server engine, whose connection streams COPY.
 */
export function copiesPoints(trx: Knex.Transaction, spec: CollectionSpec, srid: number): boolean {
  return spec.geometryType === 'Point' && srid === 4326 && streamsCopy(trx);
}

/** Lines of COPY data per write to the stream: few, mid-sized writes. */
const COPY_CHUNK_LINES = 1000;

/**
 * Writes lon/lat points as insertBatch does, with one COPY … FROM STDIN instead of JSON parameters
 * (PostgreSQL 15 manual §14.4.2 "Use COPY"): the server parses no JSON and stores the rows in multi-row
 * batches. COPY does that only when no column default is volatile, so the ids are made here (UUID v4, as
 * gen_random_uuid() makes them). The table's CHECKs, references and statement triggers apply as to an INSERT.
 * The lines are made as the stream asks for them, so this process writes the next ones while the server stores
 * the last. Points outside the planning area are left out, like insertBatch's area filter; the caller compares
 * counts.
 */
export async function copyPoints(
  trx: Knex.Transaction, spec: CollectionSpec, rows: Array<{ geometry: Geometry; properties: Record<string, unknown> }>, user: string, scenarioId: string | undefined,
): Promise<{ n: number; extent: [number, number, number, number] | null }> {
  const props = spec.properties;
  const columns = [ident('id'), ...writtenColumns(spec, scenarioId)];
  const tail = `${scenarioId ? `${copyValue(scenarioId, 'uuid')}\t` : ''}${copyValue(user, 'string')}\n`;
  const ids = randomUuidsHex(rows.length);
  let [n, x0, y0, x1, y1] = [0, Infinity, Infinity, -Infinity, -Infinity];
  function* chunks(): Generator<string> {
    for (let k = 0; k < rows.length; k += COPY_CHUNK_LINES) {
      let chunk = '';
      for (let i = k; i < Math.min(k + COPY_CHUNK_LINES, rows.length); i++) {
        const { geometry, properties } = rows[i];
        const [x, y] = (geometry as Point).coordinates;
        if (!inPlanningArea(x, y)) continue;
        n++;
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x);
        y1 = Math.max(y1, y);
        chunk += `${ids.slice(32 * i, 32 * i + 32)}\t${pointEwkbHex(x, y)}`;
        for (const p of props) chunk += `\t${copyValue(properties[p.name], p.type)}`;
        chunk += `\t${tail}`;
      }
      if (chunk) yield chunk;
    }
  }
  const connection = (await trx.client.acquireConnection()) as PoolClient;
  const copy = connection.query(copyFrom(`COPY ${ident(spec.table)} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(chunks(), copy);
  return { n, extent: n ? [x0, y0, x1, y1] : null };
}

/**
 * `n` random UUIDs, version 4 (RFC 9562 §5.4, what gen_random_uuid() makes), as one string of 32 hex digits
 * each: a form PostgreSQL's uuid input takes. Filled in one call: a call per id costs more than the COPY itself.
 */
function randomUuidsHex(n: number): string {
  const bytes = randomFillSync(Buffer.allocUnsafe(16 * n));
  for (let k = 0; k < bytes.length; k += 16) {
    bytes[k + 6] = (bytes[k + 6] & 0x0f) | 0x40;
    bytes[k + 8] = (bytes[k + 8] & 0x3f) | 0x80;
  }
  return bytes.toString('hex');
}

/**
 * A lon/lat point as hex EWKB, PostGIS's text input for geometry: little-endian, type Point (1) with the SRID
 * flag (0x20000000), SRID 4326, then x and y (OGC Simple Features 1.2.1 §8.2 WKB, with PostGIS's SRID extension).
 */
function pointEwkbHex(x: number, y: number): string {
  POINT_WKB.writeDoubleLE(x, 9);
  POINT_WKB.writeDoubleLE(y, 17);
  return POINT_WKB.toString('hex');
}
const POINT_WKB = Buffer.alloc(25);
POINT_WKB.writeUInt8(1, 0);
POINT_WKB.writeUInt32LE(0x20000001, 1);
POINT_WKB.writeUInt32LE(4326, 5);

/**
 * One value in COPY's text format (PostgreSQL 15 manual, COPY "Text Format"): \N for null, backslash escapes for
 * the backslash and the characters that end a column or a line. An absent array is the column's '[]', as in
 * insertBatch.
 */
function copyValue(value: unknown, type: PropertySpec['type']): string {
  if (value === null || value === undefined) return type === 'array' ? '[]' : '\\N';
  const text = type === 'array' ? JSON.stringify(value) : typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
  return COPY_SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : text;
}
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Whether the layer table holds at most `limit` rows (its own rows, plans included). Reads no more than
 * limit + 1 of them, so a large layer costs no full count.
 */
export async function layerHoldsAtMost(db: Knex, spec: CollectionSpec, limit: number): Promise<boolean> {
  const { rows } = await db.raw(`SELECT count(*)::integer AS n FROM (SELECT 1 FROM ${ident(spec.table)} LIMIT ?) s`, [limit + 1]);
  return rows[0].n <= limit;
}

/**
 * Takes the layer table for this transaction alone (ACCESS EXCLUSIVE), waiting at most `timeoutMs` for the
 * transactions before it; new readers of the layer queue behind that wait. Returns false, with nothing taken,
 * when they did not finish in time or waiting would deadlock.
 */
export async function lockLayerForBulkLoad(trx: Knex.Transaction, spec: CollectionSpec, timeoutMs: number): Promise<boolean> {
  try {
    await trx.transaction(async (sp) => {
      await sp.raw(`SELECT set_config('lock_timeout', ?, true)`, [`${Math.round(timeoutMs)}ms`]);
      await sp.raw(`LOCK TABLE ${ident(spec.table)} IN ACCESS EXCLUSIVE MODE`);
    });
  } catch (err) {
    // lock_not_available (the wait ran out) or deadlock_detected: the savepoint gave back the request and the
    // timeout; the import then inserts with the keys and indexes in place.
    const code = (err as { code?: string }).code;
    if (code === '55P03' || code === '40P01') return false;
    throw err;
  }
  await trx.raw('SET LOCAL lock_timeout TO DEFAULT');
  return true;
}

/**
 * Takes off the layer table what a bulk load is faster without (PostgreSQL 15 manual §14.4.3 "Remove Indexes",
 * §14.4.4 "Remove Foreign Key Constraints"), touching no other table: its foreign keys to itself (a plan copy's
 * replaces_id), its primary key unless another table's foreign key rests on it, and its indexes that no
 * constraint or uniqueness rests on. Foreign keys to other tables stay: dropping one would lock the table it
 * refers to (plans, MAN nodes, gateways) for the whole import. Returns the statements that put everything back,
 * in order, for restoreAfterBulkLoad: the primary key is rebuilt from the rows (its uniqueness checked again),
 * then the indexes, then the foreign keys, each checked over every row in one query.
 */
export async function liftForBulkLoad(trx: Knex.Transaction, spec: CollectionSpec): Promise<string[]> {
  const table = ident(spec.table);
  const { rows: constraints } = await trx.raw(
    `SELECT quote_ident(c.conname) AS name, c.contype AS type, pg_get_constraintdef(c.oid) AS definition
     FROM pg_constraint c
     WHERE c.conrelid = ?::regclass AND (
       (c.contype = 'f' AND c.confrelid = c.conrelid AND c.convalidated)
       OR (c.contype = 'p' AND NOT EXISTS (
         SELECT 1 FROM pg_constraint r WHERE r.contype = 'f' AND r.confrelid = c.conrelid AND r.conrelid <> c.conrelid)))
     ORDER BY c.contype, c.conname`,
    [spec.table],
  ) as { rows: Array<{ name: string; type: 'f' | 'p'; definition: string }> };
  const { rows: indexes } = await trx.raw(
    `SELECT i.oid::regclass::text AS name, pg_get_indexdef(i.oid) AS definition
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = ?::regclass AND NOT x.indisunique AND NOT x.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
     ORDER BY 1`,
    [spec.table],
  ) as { rows: Array<{ name: string; definition: string }> };
  // The table's own foreign keys first: they rest on its primary key.
  const ordered = [...constraints.filter((c) => c.type === 'f'), ...constraints.filter((c) => c.type === 'p')];
  if (ordered.length) await trx.raw(`ALTER TABLE ${table} ${ordered.map((c) => `DROP CONSTRAINT ${c.name}`).join(', ')}`);
  for (const index of indexes) await trx.raw(`DROP INDEX ${index.name}`);
  const add = (type: 'f' | 'p') => constraints.filter((c) => c.type === type).map((c) => `ALTER TABLE ${table} ADD CONSTRAINT ${c.name} ${c.definition}`);
  return [...add('p'), ...indexes.map((i) => i.definition), ...add('f')];
}

/** Puts back what liftForBulkLoad took off; a foreign key a new row breaks fails here (23503), and the import with it. */
export async function restoreAfterBulkLoad(trx: Knex.Transaction, statements: string[]): Promise<void> {
  for (const statement of statements) await trx.raw(statement);
}

/**
 * Marks the transaction as a file import: the insert history trigger then writes no row per feature (the import
 * is recorded once, by insertImportEvent). Transaction-local, like the acting user.
 */
export async function startBulkImport(trx: Knex.Transaction): Promise<void> {
  await trx.raw(`SELECT set_config('app.bulk_import', 'on', true)`);
}

/** Records one import: which file went into which layer (and plan), by whom, how many features and where. */
export async function insertImportEvent(trx: Knex.Transaction, event: {
  collection: string; scenarioId: string | undefined; fileName: string; features: number; extent: [number, number, number, number] | null; user: string;
}): Promise<void> {
  await trx.raw(
    'INSERT INTO feature_imports (collection, scenario_id, file_name, features, extent, user_name) VALUES (?, ?::uuid, ?, ?, ?::double precision[], ?)',
    [event.collection, event.scenarioId ?? null, event.fileName.slice(0, 400), event.features, event.extent ? `{${event.extent.join(',')}}` : null, event.user],
  );
}

export { setActingUser } from '../ogc/items.repository.js';
