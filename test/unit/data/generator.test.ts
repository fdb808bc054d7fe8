import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { area } from '@turf/turf';
import { parse } from 'csv-parse/sync';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateCity } from '../../../data/generator/city.js';
import { COLLECTIONS } from '../../../server/src/features/collections/registry.js';
import { registryProblems } from './registry-check.js';

const SOURCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/source');
let city: Record<string, FeatureCollection>;

beforeAll(() => {
  city = generateCity({ scale: 'small' });
});

const features = <G extends Feature['geometry']>(id: string) => city[id].features as Feature<G>[];
const props = (id: string) => city[id].features.map((f) => f.properties ?? {});

describe('determinism', () => {
  it('the_same_seed_gives_the_same_city', () => {
    expect(JSON.stringify(generateCity({ scale: 'small' }))).toBe(JSON.stringify(city));
  });

  it('another_seed_gives_another_city', () => {
    const other = generateCity({ scale: 'small', seed: 'another-seed' });
    expect(JSON.stringify(other.buildings)).not.toBe(JSON.stringify(city.buildings));
    expect(JSON.stringify(other.admin_units)).not.toBe(JSON.stringify(city.admin_units));
  });
});

describe('counts', () => {
  it('the_small_scale_meets_the_minimum_counts', () => {
    expect(city.buildings.features.length).toBeGreaterThanOrEqual(50_000);
    expect(city.cameras.features.length).toBeGreaterThanOrEqual(3_000);
    expect(city.agencies.features.length).toBeGreaterThanOrEqual(190);
    expect(city.admin_units.features.length).toBe(1 + 7 + 56);
    expect(props('iot_gateways').filter((p) => p.technology === 'LoRaWAN')).toHaveLength(8);
    expect(city.sensors.features.length).toBeGreaterThanOrEqual(200);
    expect(city.wifi_aps.features.length).toBeGreaterThan(100);
    const fiveG = props('bts_sites').filter((p) => p.technology === '5G');
    expect(fiveG.length).toBeGreaterThanOrEqual(8);
    expect(fiveG.length).toBeLessThanOrEqual(12);
    expect(fiveG.filter((p) => p.site_type === 'compact')).toHaveLength(6);
    expect(new Set(props('bts_sites').map((p) => p.operator))).toEqual(new Set(['Viettel', 'VinaPhone', 'MobiFone']));
  });

  it('every_collection_of_the_registry_is_generated', () => {
    expect(Object.keys(city).sort()).toEqual(COLLECTIONS.map((c) => c.id).sort());
  });
});

describe('census', () => {
  const census = () =>
    parse(fs.readFileSync(path.join(SOURCE, 'danang-wards-census-2019.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  // The census table writes "Hải Châu I I"; the ward is "Hải Châu II" (the generator's one spelling fix).
  const fixName = (n: string) => (n === 'Hải Châu I I' ? 'Hải Châu II' : n);

  it('all_56_wards_have_their_census_name_type_and_population', () => {
    const wards = props('admin_units').filter((p) => p.level === 'ward');
    const rows = census();
    expect(rows).toHaveLength(56);
    expect(wards.map((w) => w.name).sort()).toEqual(rows.map((r) => fixName(r.ward)).sort());
    for (const r of rows) {
      const w = wards.find((x) => x.name === fixName(r.ward))!;
      expect({ population: w.population, type: w.unit_type, urban: w.urban_population, year: w.population_year }).toEqual({
        population: Number(r.population_2019), type: r.ward_type, urban: Math.round(Number(r.urban_population_2019)), year: 2019,
      });
    }
  });

  it('ward_populations_sum_to_the_city_census_total', () => {
    const total = census().reduce((s, r) => s + Number(r.population_2019), 0);
    expect(total).toBe(1_134_310);
    const units = props('admin_units');
    expect(units.filter((p) => p.level === 'ward').reduce((s, p) => s + (p.population as number), 0)).toBe(total);
    expect(units.find((p) => p.level === 'city')!.population).toBe(total);
    expect(units.filter((p) => p.level === 'district').reduce((s, p) => s + (p.population as number), 0)).toBe(total);
  });

  it('wards_tile_their_district_and_districts_tile_the_city', () => {
    const units = features<MultiPolygon>('admin_units');
    const city_ = units.find((f) => f.properties!.level === 'city')!;
    const districts = units.filter((f) => f.properties!.level === 'district');
    const sum = (list: Feature[]) => list.reduce((s, f) => s + area(f), 0);
    expect(sum(districts) / area(city_)).toBeCloseTo(1, 3);
    for (const d of districts) {
      const wards = units.filter((f) => f.properties!.parent_code === d.properties!.code);
      expect(wards.length).toBeGreaterThan(0);
      expect(sum(wards) / area(d)).toBeCloseTo(1, 3);
    }
  });
});

describe('registry', () => {
  it('every_property_matches_the_registry_names_enums_and_ranges', () => {
    for (const spec of COLLECTIONS) {
      const problems = city[spec.id].features.flatMap((f) => registryProblems(spec, f).map((p) => `${spec.id} ${f.id}: ${p}`));
      expect(problems.slice(0, 10)).toEqual([]);
    }
  });

  it('every_camera_has_a_lens_or_a_field_of_view', () => {
    const missing = props('cameras').filter((p) => p.hfov_deg == null && (p.sensor_width_mm == null || p.focal_length_mm == null));
    expect(missing).toEqual([]);
  });

  it('every_feature_has_a_unique_v4_uuid', () => {
    const ids = Object.values(city).flatMap((fc) => fc.features.map((f) => f.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(String(id)))).toEqual([]);
  });
});
