import type { Knex } from 'knex';
import { ident } from '../../lib/sql.js';

export interface HistoryRow {
  version: number;
  operation: 'insert' | 'update' | 'delete';
  at: Date;
  user_name: string | null;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

/**
 * Every version of one feature, oldest first, with its geometry as GeoJSON (lon/lat). A feature still at the
 * version 1 a file import or a bulk load wrote has no history row yet (it is recorded when first superseded, see
 * migration 20261125000100): the live row is that version.
 */
export async function selectFeatureHistory(db: Knex, table: string, featureId: string): Promise<HistoryRow[]> {
  const { rows } = await db.raw(
    `SELECT version, operation, at, user_name, properties, geometry FROM (
       SELECT id AS seq, version, operation, at, user_name, properties, ST_AsGeoJSON(geom, 7, 0)::json AS geometry
       FROM feature_history WHERE collection = ? AND feature_id = ?::uuid
       UNION ALL
       SELECT NULL, 1, 'insert', t.created_at, t.updated_by, to_jsonb(t) - 'geom', ST_AsGeoJSON(t.geom, 7, 0)::json
       FROM ${ident(table)} t
       WHERE t.id = ?::uuid AND t.version = 1 AND NOT EXISTS (
         SELECT 1 FROM feature_history h
         WHERE h.collection = ? AND h.feature_id = t.id AND h.version = 1 AND h.at >= t.created_at)
     ) v ORDER BY seq NULLS LAST`,
    [table, featureId, featureId, table],
  );
  return rows;
}
