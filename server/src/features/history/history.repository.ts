import type { Knex } from 'knex';

export interface HistoryRow {
  version: number;
  operation: 'insert' | 'update' | 'delete';
  at: Date;
  user_name: string | null;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
}

/** Every recorded version of one feature, oldest first, with its geometry as GeoJSON (lon/lat). */
export async function selectFeatureHistory(db: Knex, collection: string, featureId: string): Promise<HistoryRow[]> {
  const { rows } = await db.raw(
    `SELECT version, operation, at, user_name, properties, ST_AsGeoJSON(geom, 7, 0)::json AS geometry
     FROM feature_history WHERE collection = ? AND feature_id = ?::uuid ORDER BY id`,
    [collection, featureId],
  );
  return rows;
}
