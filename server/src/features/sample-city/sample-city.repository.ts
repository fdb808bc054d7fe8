import type { Knex } from 'knex';
import type { CollectionSpec, PropertySpec } from '../collections/registry.js';
import { ident } from '../../lib/sql.js';

/**
 * SQL of the sample-city loader. Table and column names come only from the collection registry; every value
 * is bound. The embedded engine runs each knex.raw as one prepared statement: one statement per call.
 */

/** One row to insert: the feature's uuid, its GeoJSON geometry and its registry properties. */
export interface LayerRow {
  id: string;
  geom: unknown;
  [property: string]: unknown;
}


const SQL_TYPES: Readonly<Record<PropertySpec['type'], string>> = {
  string: 'text',
  integer: 'integer',
  number: 'double precision',
  boolean: 'boolean',
  uuid: 'uuid',
  array: 'jsonb',
};

/** Deletes every row of the layer (plans' rows included). */
export async function deleteRows(db: Knex | Knex.Transaction, spec: CollectionSpec): Promise<void> {
  await db.raw(`DELETE FROM ${ident(spec.table)}`);
}

/** Deletes the change history (and the file imports) of the given collections. */
export async function deleteHistory(db: Knex | Knex.Transaction, collections: string[]): Promise<void> {
  await db.raw('DELETE FROM feature_history WHERE collection = ANY(?::text[])', [collections]);
  await db.raw('DELETE FROM feature_imports WHERE collection = ANY(?::text[])', [collections]);
}

/** Turns the layer's history triggers off or on (a bulk load is the baseline, not a change to record). */
export async function setHistoryTrigger(db: Knex | Knex.Transaction, spec: CollectionSpec, enabled: boolean): Promise<void> {
  // `<table>_history` records updates and deletes, `<table>_history_inserts` inserts (migration 20261124000100).
  for (const trigger of [`${spec.table}_history`, `${spec.table}_history_inserts`]) {
    await db.raw(`ALTER TABLE ${ident(spec.table)} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER ${ident(trigger)}`);
  }
}

/**
 * Inserts a batch of rows in one statement: the batch travels as one jsonb parameter and is unpacked by
 * jsonb_to_recordset, so a few thousand rows cost one round trip.
 */
export async function insertRows(db: Knex | Knex.Transaction, spec: CollectionSpec, rows: LayerRow[], updatedBy: string): Promise<void> {
  if (rows.length === 0) return;
  const columns = spec.properties.map((p) => ident(p.name));
  const recordType = ['"id" uuid', '"geom" jsonb', ...spec.properties.map((p) => `${ident(p.name)} ${SQL_TYPES[p.type]}`)];
  const geometry = `ST_SetSRID(ST_GeomFromGeoJSON(r."geom"::text), 4326)`;
  const sql = `INSERT INTO ${ident(spec.table)} ("id", "geom", ${columns.join(', ')}, "updated_by")
SELECT r."id", ${spec.geometryType === 'MultiPolygon' ? `ST_Multi(${geometry})` : geometry}, ${columns.map((c) => `r.${c}`).join(', ')}, ?
FROM jsonb_to_recordset(?::jsonb) AS r(${recordType.join(', ')})`;
  await db.raw(sql, [updatedBy, JSON.stringify(rows)]);
}

/** Row count of a layer. */
export async function countRows(db: Knex | Knex.Transaction, spec: CollectionSpec): Promise<number> {
  const { rows } = await db.raw(`SELECT count(*)::integer AS n FROM ${ident(spec.table)}`);
  return rows[0].n;
}

/** True when the administrative units table has no row. */
export async function hasNoAdminUnits(db: Knex | Knex.Transaction): Promise<boolean> {
  const { rows } = await db.raw('SELECT NOT EXISTS (SELECT 1 FROM admin_units) AS empty');
  return rows[0].empty === true;
}
