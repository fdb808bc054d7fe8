import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/engine.js';
import { generateCity } from '../../data/generator/city.js';
import { isDatabaseEmpty, loadCollections, LOAD_ORDER, SAMPLE_USER } from '../../server/src/features/sample-city/sample-city.service.js';
import { openTestDatabase } from '../helpers/test-database.js';

let db: Database;
let city: Record<string, FeatureCollection>;
let counts: Record<string, number>;
let emptyBefore: boolean;
let loadSeconds: number;

beforeAll(async () => {
  db = await openTestDatabase();
  city = generateCity({ scale: 'small' });
  emptyBefore = await isDatabaseEmpty(db.knex);
  const started = performance.now();
  counts = await loadCollections(db.knex, city);
  loadSeconds = (performance.now() - started) / 1000;
  console.log(`sample city (small) loaded in ${loadSeconds.toFixed(1)} s on ${db.description}`);
});
afterAll(async () => {
  await db?.close();
});

const scalar = async (sql: string, bindings: unknown[] = []) => {
  const { rows } = await db.knex.raw(sql, bindings as never[]);
  return Object.values(rows[0])[0];
};

describe('loading the sample city', () => {
  it('an_empty_database_reports_empty_and_a_loaded_one_does_not', async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(db.knex)).toBe(false);
  });

  it('every_generated_feature_is_in_the_database', async () => {
    for (const id of LOAD_ORDER) {
      expect(counts[id]).toBe(city[id].features.length);
      expect(Number(await scalar(`SELECT count(*) FROM ${id}`))).toBe(city[id].features.length);
    }
  });

  it('the_small_sample_loads_in_well_under_a_minute', () => {
    expect(loadSeconds).toBeLessThan(60);
  });

  it('no_building_is_invalid_in_postgis', async () => {
    expect(Number(await scalar('SELECT count(*) FROM buildings WHERE NOT ST_IsValid(geom)'))).toBe(0);
  });

  it('wards_tile_the_city_within_one_percent', async () => {
    const city_ = Number(await scalar(`SELECT ST_Area(geom::geography) FROM admin_units WHERE level = 'city'`));
    const wards = Number(await scalar(`SELECT sum(ST_Area(geom::geography)) FROM admin_units WHERE level = 'ward'`));
    const gap = Number(await scalar(
      `SELECT ST_Area(ST_SymDifference((SELECT ST_Union(geom) FROM admin_units WHERE level = 'ward'), geom)::geography) FROM admin_units WHERE level = 'city'`));
    expect(Math.abs(wards - city_) / city_).toBeLessThan(0.01);
    expect(gap / city_).toBeLessThan(0.01);
  });

  it('the_sample_is_the_baseline_at_version_1_without_history', async () => {
    expect(Number(await scalar('SELECT count(*) FROM feature_history'))).toBe(0);
    expect(Number(await scalar('SELECT max(version) FROM cameras'))).toBe(1);
    expect(await scalar('SELECT DISTINCT updated_by FROM buildings')).toBe(SAMPLE_USER);
  });

  it('references_hold_in_the_database', async () => {
    const broken = await scalar(`SELECT count(*) FROM cameras c WHERE c.man_node_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM man_nodes n WHERE n.id = c.man_node_id AND n.kind = 'access')`);
    expect(Number(broken)).toBe(0);
    expect(Number(await scalar('SELECT count(*) FROM agencies WHERE man_node_id IS NOT NULL'))).toBe(191);
  });

  it('a_reload_replaces_the_rows_and_turns_history_back_on', async () => {
    const again = await loadCollections(db.knex, city);
    expect(again.buildings).toBe(city.buildings.features.length);
    expect(Number(await scalar('SELECT count(*) FROM buildings'))).toBe(city.buildings.features.length);
    await db.knex.raw(`UPDATE cameras SET status = 'faulty' WHERE id = ?`, [city.cameras.features[0].id as string]);
    // The first edit keeps the loaded state as version 1, then records itself as version 2.
    const { rows } = await db.knex.raw(`SELECT version, operation, properties->>'status' AS status FROM feature_history WHERE collection = 'cameras' ORDER BY id`);
    expect(rows).toEqual([{ version: 1, operation: 'insert', status: city.cameras.features[0].properties!.status }, { version: 2, operation: 'update', status: 'faulty' }]);
  });
});
