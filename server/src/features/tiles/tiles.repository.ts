import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import type { CollectionSpec } from '../collections/registry.js';
import { ident } from '../../lib/sql.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const NATIVE_SQL = fs.readFileSync(path.join(here, 'sql/tile-native.sql'), 'utf8');
const CLIPPED_SQL = fs.readFileSync(path.join(here, 'sql/tile-clipped.sql'), 'utf8');

/** Fills a tile query's registry placeholders; refuses anything that is not a plain SQL name. */
function fromRegistry(sql: string, spec: CollectionSpec): string {
  return sql
    .replaceAll('{{table}}', ident(spec.table))
    .replaceAll('{{columns}}', spec.tileProperties.map((c) => `, t.${ident(c)}`).join(''))
    .replaceAll('{{column_names}}', spec.tileProperties.map((c) => `, ${ident(c)}`).join(''))
    // Tiles show the baseline; plans are compared through the items API.
    .replaceAll('{{scenario_filter}}', spec.scenarioAware ? 'AND t.scenario_id IS NULL' : '');
}

/** The tile encoded by PostGIS (ST_AsMVT). */
export async function selectNativeTile(knex: Knex, spec: CollectionSpec, z: number, x: number, y: number): Promise<Buffer> {
  const { rows } = await knex.raw(fromRegistry(NATIVE_SQL, spec), [z, x, y, z, x, y, spec.id]);
  return rows[0]?.tile ?? Buffer.alloc(0);
}

export interface ClippedRow {
  id: string;
  geojson: string;
  [property: string]: unknown;
}

/** The tile's features in tile pixel coordinates, for encoding in Node. */
export async function selectClippedFeatures(knex: Knex, spec: CollectionSpec, z: number, x: number, y: number): Promise<ClippedRow[]> {
  const { rows } = await knex.raw(fromRegistry(CLIPPED_SQL, spec), [z, x, y, z, x, y]);
  return rows;
}
