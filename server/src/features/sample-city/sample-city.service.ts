import type { FeatureCollection } from 'geojson';
import type { Knex } from 'knex';
import { generateCity, type Scale } from '../../../../data/generator/city.js';
import { findCollection, type CollectionSpec } from '../collections/registry.js';
import { countRows, deleteHistory, deleteRows, hasNoAdminUnits, insertRows, setHistoryTrigger, type LayerRow } from './sample-city.repository.js';

/**
 * Loads the generated sample city (data/generator) into the layer tables, replacing what they hold. The sample
 * is the baseline: every row starts at version 1 with no history entry (the history triggers are off during
 * the load), and the layers' earlier history is cleared with their rows.
 */

/** Insertion order: referenced tables first (man_nodes before agencies, cameras and links; gateways before sensors). */
export const LOAD_ORDER = [
  'admin_units', 'land_use', 'roads', 'buildings', 'public_spaces', 'man_nodes', 'agencies', 'man_links',
  'cameras', 'wifi_aps', 'bts_sites', 'iot_gateways', 'sensors',
] as const;

/** Rows per INSERT statement: large enough to be fast, small enough to keep each parameter a few MB. */
const BATCH_ROWS = 4000;
export const SAMPLE_USER = 'sample-city';

export interface LoadOptions {
  scale?: Scale;
  seed?: string;
}

/** Generates the sample city and loads it; returns the row count per collection. */
export async function loadSampleCity(knex: Knex, options: LoadOptions = {}): Promise<Record<string, number>> {
  const collections = generateCity({ scale: options.scale ?? 'small', seed: options.seed });
  return loadCollections(knex, collections);
}

/** Replaces every layer's rows by the given collections, in one transaction (all or nothing). */
export async function loadCollections(knex: Knex, collections: Record<string, FeatureCollection>): Promise<Record<string, number>> {
  const specs = LOAD_ORDER.map((id) => {
    const spec = findCollection(id);
    if (!spec) throw new Error(`collection ${id} is not in the registry`);
    if (!collections[id]) throw new Error(`the sample has no collection ${id}`);
    return spec;
  });
  return knex.transaction(async (trx) => {
    for (const spec of specs) await setHistoryTrigger(trx, spec, false);
    for (const spec of [...specs].reverse()) await deleteRows(trx, spec);
    await deleteHistory(trx, specs.map((s) => s.id));
    const counts: Record<string, number> = {};
    for (const spec of specs) {
      const rows = collections[spec.id].features.map((f) => toRow(spec, f));
      for (let i = 0; i < rows.length; i += BATCH_ROWS) await insertRows(trx, spec, rows.slice(i, i + BATCH_ROWS), SAMPLE_USER);
      counts[spec.id] = await countRows(trx, spec);
    }
    for (const spec of specs) await setHistoryTrigger(trx, spec, true);
    return counts;
  });
}

function toRow(spec: CollectionSpec, f: FeatureCollection['features'][number]): LayerRow {
  if (typeof f.id !== 'string') throw new Error(`${spec.id}: a feature has no uuid id`);
  const row: LayerRow = { id: f.id, geom: f.geometry };
  for (const p of spec.properties) row[p.name] = f.properties?.[p.name] ?? null;
  return row;
}

/** True when the database holds no administrative unit (a fresh database, ready for the sample). */
export async function isDatabaseEmpty(knex: Knex): Promise<boolean> {
  return hasNoAdminUnits(knex);
}
