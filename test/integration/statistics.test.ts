/**
 * The indicator endpoint on the small sample city, checked against figures computed here another way: the census
 * table the sample was made from, and SQL written independently of the indicator files (a correlated count with
 * ST_Covers instead of a lateral ST_Intersects, areas in the VN-2000 TM-3 plane instead of on the spheroid).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleCity } from '../../server/src/features/sample-city/sample-city.service.js';
import { availableIndicators, indicatorFigures } from '../../server/src/features/statistics/statistics.service.js';
import { INDICATORS, type IndicatorSpec } from '../../server/src/features/statistics/indicators.js';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, anonymous, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { cameraFeature } from '../fixtures/features.js';

let app: TestApp;
const planner = basicAuth('planner');

interface UnitFigure {
  code: string;
  name: string;
  parentCode: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  labelPoint: [number, number];
}

beforeAll(async () => {
  actAs(basicAuth('viewer'));
  app = await startTestApp();
  await loadSampleCity(app.db.knex, { scale: 'small' });
});
afterAll(async () => {
  await app?.close();
});

const figures = async (id: string, query = '') => {
  const res = await getJson(`${app.url}/api/statistics/indicators/${id}${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.units as UnitFigure[];
};
const byCode = (units: UnitFigure[]) => new Map(units.map((u) => [u.code, u]));
const rows = async (sql: string, bindings: unknown[] = []) => (await app.db.knex.raw(sql, bindings as never[])).rows;

/** Independent per-ward counts of a plan-aware layer's baseline features that are not decommissioned. */
async function baselineCounts(table: string, statusFilter = `status <> 'decommissioned'`): Promise<Map<string, number>> {
  const list = await rows(
    `SELECT w.code, (SELECT count(*) FROM ${table} x WHERE x.scenario_id IS NULL AND ${statusFilter} AND ST_Covers(w.geom, x.geom))::int AS n
     FROM admin_units w WHERE w.level = 'ward'`);
  return new Map(list.map((r: { code: string; n: number }) => [r.code, r.n]));
}

async function planarAreasKm2(): Promise<Map<string, number>> {
  const list = await rows(`SELECT code, ST_Area(ST_Transform(geom, 5899)) / 1e6 AS km2 FROM admin_units WHERE level = 'ward'`);
  return new Map(list.map((r: { code: string; km2: number }) => [r.code, Number(r.km2)]));
}

describe('the indicator registry', () => {
  it('lists_every_indicator_with_titles_units_and_the_levels_the_data_holds', async () => {
    const res = await getJson(`${app.url}/api/statistics`);
    expect(res.status).toBe(200);
    // Before any CCTV coverage run, the figures read from its results are not offered.
    expect(res.body.indicators.map((i: { id: string }) => i.id)).toEqual(INDICATORS.filter((i) => !i.requiresTable).map((i) => i.id));
    expect(res.body.levels).toEqual([{ level: 'city', units: 1 }, { level: 'district', units: 7 }, { level: 'ward', units: 56 }]);
    for (const i of res.body.indicators) {
      expect(i.title.vi && i.title.en && i.unit.vi && i.unit.en && i.definition.vi && i.definition.en).toBeTruthy();
      expect(i).not.toHaveProperty('sqlFile');
    }
    expect(res.body.heatmapLayers).toEqual(expect.arrayContaining(['cameras', 'sensors']));
  });

  it('figures_need_a_signed_in_user', async () => {
    expect((await getJson(`${app.url}/api/statistics/indicators/population`, anonymous)).status).toBe(401);
  });
});

describe('figures per ward against independent computations', () => {
  it('population_per_ward_is_the_2019_census_table', async () => {
    const csv = fs.readFileSync(path.resolve(import.meta.dirname, '../../data/source/danang-wards-census-2019.csv'), 'utf8');
    // The census table writes one ward "Hải Châu I I" (see data/README.md); the sample calls it Hải Châu II.
    const census = new Map((parse(csv, { columns: true }) as Record<string, string>[])
      .map((r) => [r.ward.replace('I I', 'II'), Number(r.population_2019)]));
    const units = await figures('population', '?level=ward');
    expect(units).toHaveLength(56);
    for (const u of units) expect(u.value, u.name).toBe(census.get(u.name));
    expect(units.reduce((s, u) => s + (u.value ?? 0), 0)).toBe(1_134_310);
  });

  it('cameras_per_km2_match_a_correlated_count_over_the_planar_area', async () => {
    const [counts, areas, units] = [await baselineCounts('cameras'), await planarAreasKm2(), await figures('cameras_per_km2')];
    for (const u of units) {
      expect(u.numerator, u.name).toBe(counts.get(u.code));
      // The spheroid and the TM-3 plane (scale factor 0.9999 near its meridian) agree to well under 0.1 %.
      expect(u.denominator! / areas.get(u.code)!).toBeCloseTo(1, 3);
      expect(u.value! * areas.get(u.code)!).toBeCloseTo(counts.get(u.code)!, 1);
    }
  });

  it('cameras_per_10k_people_divide_the_count_by_the_census_population', async () => {
    const [counts, units, people] = [await baselineCounts('cameras'), await figures('cameras_per_10k_people'), byCode(await figures('population'))];
    for (const u of units) expect(u.value).toBeCloseTo((1e4 * counts.get(u.code)!) / people.get(u.code)!.value!, 9);
  });

  it('cameras_out_of_service_are_faulty_over_existing_and_faulty', async () => {
    const [faulty, installed] = [await baselineCounts('cameras', `status = 'faulty'`), await baselineCounts('cameras', `status IN ('existing','faulty')`)];
    for (const u of await figures('cameras_out_of_service_pct')) {
      expect([u.numerator, u.denominator]).toEqual([faulty.get(u.code), installed.get(u.code)]);
      // A ward with no installed camera has no share, rather than 0 % or a division by zero.
      if (installed.get(u.code) === 0) expect(u.value).toBeNull();
      else expect(u.value).toBeCloseTo((100 * faulty.get(u.code)!) / installed.get(u.code)!, 9);
    }
  });

  it('sensors_wifi_and_bts_densities_match_independent_counts', async () => {
    const areas = await planarAreasKm2();
    for (const [indicator, table] of [['sensors_per_km2', 'sensors'], ['wifi_aps_per_km2', 'wifi_aps'], ['bts_sites_per_km2', 'bts_sites']]) {
      const counts = await baselineCounts(table);
      for (const u of await figures(indicator)) {
        expect(u.numerator, `${indicator} ${u.name}`).toBe(counts.get(u.code));
        expect(u.value! * areas.get(u.code)!).toBeCloseTo(counts.get(u.code)!, 1);
      }
    }
  });

  it('agencies_on_the_man_match_a_join_on_their_node', async () => {
    const list = await rows(
      `SELECT w.code, count(a.id)::int AS total, count(n.id)::int AS connected
       FROM admin_units w LEFT JOIN agencies a ON ST_Covers(w.geom, a.geom)
       LEFT JOIN man_nodes n ON n.id = a.man_node_id AND n.status <> 'decommissioned'
       WHERE w.level = 'ward' GROUP BY w.code`);
    const expected = new Map(list.map((r: { code: string; total: number; connected: number }) => [r.code, r]));
    const units = await figures('agencies_on_man_pct');
    for (const u of units) {
      const e = expected.get(u.code) as { total: number; connected: number };
      expect([u.numerator, u.denominator]).toEqual([e.connected, e.total]);
    }
    // The sample city is made to match the published figure: 191 of 213 agencies on the MAN (Nov 2023).
    expect(units.reduce((s, u) => s + u.numerator!, 0)).toBe(191);
    expect(units.reduce((s, u) => s + u.denominator!, 0)).toBe(213);
  });

  it('ward_counts_add_up_to_their_district_and_the_city', async () => {
    const [wards, districts, city] = [await figures('cameras'), await figures('cameras', '?level=district'), await figures('cameras', '?level=city')];
    expect(districts).toHaveLength(7);
    for (const d of districts) {
      const sum = wards.filter((w) => w.parentCode === d.code).reduce((s, w) => s + w.value!, 0);
      expect(sum, d.name).toBe(d.value);
    }
    expect(wards.reduce((s, w) => s + w.value!, 0)).toBe(city[0].value);
  });

  it('every_unit_has_a_label_point_inside_it', async () => {
    for (const u of await figures('population_density')) {
      const [inside] = await rows(`SELECT ST_Covers(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326)) AS ok FROM admin_units WHERE code = ?`,
        [u.labelPoint[0], u.labelPoint[1], u.code]);
      expect(inside.ok, u.name).toBe(true);
    }
  });
});

describe('figures as a plan has them', () => {
  it('a_plan_that_adds_retires_and_repairs_cameras_changes_only_its_ward', async () => {
    const before = byCode(await figures('cameras'));
    const ward = [...before.values()].find((u) => u.value! >= 10)!;
    const plan = (await sendJson('POST', `${app.url}/api/scenarios`, { name: 'Thêm camera' }, { 'content-type': 'application/json', ...planner })).body;
    const inPlan = `?scenario=${plan.id}`;
    for (let k = 0; k < 3; k++) {
      const added = await sendJson('POST', `${app.url}/ogc/collections/cameras/items${inPlan}`, cameraFeature({ status: 'planned' }, ward.labelPoint), planner);
      expect(added.status).toBe(201);
    }
    const [existing] = await rows(`SELECT c.id FROM cameras c JOIN admin_units w ON ST_Covers(w.geom, c.geom)
      WHERE w.code = ? AND c.status = 'existing' AND c.scenario_id IS NULL LIMIT 1`, [ward.code]);
    const [faulty] = await rows(`SELECT c.id, c.version FROM cameras c JOIN admin_units w ON ST_Covers(w.geom, c.geom)
      WHERE w.code = ? AND c.status = 'faulty' AND c.scenario_id IS NULL LIMIT 1`, [ward.code]);
    const retired = await fetchAs(`${app.url}/ogc/collections/cameras/items/${existing.id}${inPlan}`, { method: 'DELETE', headers: { ...planner, 'If-Match': '*' } });
    expect(retired.status).toBe(201);
    const repaired = await sendJson('PATCH', `${app.url}/ogc/collections/cameras/items/${faulty.id}${inPlan}`,
      { type: 'Feature', properties: { status: 'existing' } }, { ...planner, 'If-Match': `"v${faulty.version}"` });
    expect(repaired.status).toBe(201);

    const after = byCode(await figures('cameras', inPlan));
    for (const [code, u] of before) expect(after.get(code)!.value, u.name).toBe(code === ward.code ? u.value! + 3 - 1 : u.value);
    const [outBefore, outAfter] = [byCode(await figures('cameras_out_of_service_pct')), byCode(await figures('cameras_out_of_service_pct', inPlan))];
    expect(outAfter.get(ward.code)!.numerator).toBe(outBefore.get(ward.code)!.numerator! - 1);
    // The retired camera was installed; the repaired one stays installed; the planned ones are not installed yet.
    expect(outAfter.get(ward.code)!.denominator).toBe(outBefore.get(ward.code)!.denominator! - 1);
    // The baseline is untouched.
    expect(byCode(await figures('cameras')).get(ward.code)!.value).toBe(ward.value);

    const key = (await getJson(`${app.url}/api/statistics/key-figures${inPlan}`)).body;
    expect(key.level).toBe('city');
    const cameras = key.figures.find((f: { indicator: string }) => f.indicator === 'cameras');
    expect(cameras.plan.value - cameras.baseline.value).toBe(2);
  });

  it('retiring_a_man_node_in_a_plan_disconnects_its_agencies_there_only', async () => {
    const [node] = await rows(`SELECT n.id, n.version, count(a.id)::int AS agencies FROM man_nodes n JOIN agencies a ON a.man_node_id = n.id
      WHERE n.status = 'existing' GROUP BY n.id, n.version ORDER BY count(a.id) DESC LIMIT 1`);
    const plan = (await sendJson('POST', `${app.url}/api/scenarios`, { name: 'Bỏ nút mạng' }, { 'content-type': 'application/json', ...planner })).body;
    const retired = await fetchAs(`${app.url}/ogc/collections/man_nodes/items/${node.id}?scenario=${plan.id}`,
      { method: 'DELETE', headers: { ...basicAuth('engineer'), 'If-Match': `"v${node.version}"` } });
    expect(retired.status).toBe(201);
    const sum = (units: UnitFigure[]) => units.reduce((s, u) => s + u.numerator!, 0);
    expect(sum(await figures('agencies_on_man_pct'))).toBe(191);
    expect(sum(await figures('agencies_on_man_pct', `?scenario=${plan.id}`))).toBe(191 - node.agencies);
  });

  it('heat_map_positions_follow_the_plan', async () => {
    const baseline = (await getJson(`${app.url}/api/statistics/points/sensors`)).body;
    const [{ n }] = await rows(`SELECT count(*)::int AS n FROM sensors WHERE scenario_id IS NULL AND status <> 'decommissioned'`);
    expect(baseline.count).toBe(n);
    expect(baseline.coordinates).toHaveLength(2 * n);
    for (let i = 0; i < baseline.coordinates.length; i += 2) {
      expect(baseline.coordinates[i]).toBeGreaterThan(107.8);
      expect(baseline.coordinates[i + 1]).toBeGreaterThan(15.9);
    }
  });
});

describe('bad requests', () => {
  it('an_unknown_indicator_level_plan_or_parameter_is_refused_with_the_field_named', async () => {
    expect((await getJson(`${app.url}/api/statistics/indicators/camera_density`)).status).toBe(404);
    const level = await getJson(`${app.url}/api/statistics/indicators/population?level=province`);
    expect(level.status).toBe(422);
    expect(level.body.errors[0].field).toBe('query.level');
    const plan = await getJson(`${app.url}/api/statistics/indicators/population?scenario=1;DROP TABLE cameras`);
    expect(plan.status).toBe(422);
    expect(plan.body.errors[0].field).toBe('query.scenario');
    expect((await getJson(`${app.url}/api/statistics/indicators/population?scenario=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const extra = await getJson(`${app.url}/api/statistics/indicators/population?classes=5`);
    expect(extra.status).toBe(422);
    expect((await getJson(`${app.url}/api/statistics/points/buildings`)).status).toBe(404);
  });
});

describe('levels and results tables are data, not code', () => {
  it('an_indicator_from_a_results_table_is_offered_only_once_the_analysis_has_stored_rows', async () => {
    // A registry with an entry that reads an analysis' results table (here reusing an existing SQL file).
    const registry: IndicatorSpec[] = [...INDICATORS, { ...INDICATORS[0], id: 'from_results', requiresTable: 'test_ward_results', levels: ['ward'] }];
    expect((await availableIndicators(app.db.knex, registry)).map((i) => i.id)).not.toContain('from_results');
    await app.db.knex.raw('CREATE TABLE test_ward_results (code text)');
    // An empty results table means the analysis has not run yet: still not offered.
    expect((await availableIndicators(app.db.knex, registry)).map((i) => i.id)).not.toContain('from_results');
    await app.db.knex.raw(`INSERT INTO test_ward_results VALUES ('any')`);
    expect((await availableIndicators(app.db.knex, registry)).map((i) => i.id)).toContain('from_results');
    expect((await indicatorFigures(app.db.knex, 'from_results', {}, registry)).level).toBe('ward');
    await app.db.knex.raw('DROP TABLE test_ward_results');
  });

  it('without_districts_as_after_the_2025_reform_the_levels_are_city_and_ward', async () => {
    await app.db.knex.raw(`DELETE FROM admin_units WHERE level = 'district'`);
    const catalogue = (await getJson(`${app.url}/api/statistics`)).body;
    expect(catalogue.levels.map((l: { level: string }) => l.level)).toEqual(['city', 'ward']);
    expect(catalogue.indicators[0].levels).toEqual(['city', 'ward']);
    const res = await getJson(`${app.url}/api/statistics/indicators/population?level=district`);
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain('city, ward');
  });
});
