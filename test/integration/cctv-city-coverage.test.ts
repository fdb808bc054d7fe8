import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { cityCoverageProcess } from '../../server/src/analyses/city-coverage/process.js';
import { JobCancelled } from '../../server/src/analyses/process.js';
import { at, insertBuilding, insertCamera, insertManNode, insertPublicSpace, insertRoad, insertWard } from '../fixtures/cctv-city.js';

/**
 * A two-ward strip: an east–west primary road along north = 0 from −100 to 700 m, a secondary road crossing it at
 * east = 150, a square in ward A. Ward A (east < 300) has one camera looking east along the road; ward B has a
 * camera walled into a building, a faulty one, and one looking south at the road through a building.
 */
let app: TestApp;
let node: string;
let roadId: string;
const json = { 'content-type': 'application/json' };
const asyncJson = { ...json, Prefer: 'respond-async' };

async function runJob(inputs: Record<string, unknown>) {
  const started = await sendJson('POST', `${app.url}/ogc/processes/city-coverage/execution`, { inputs }, asyncJson);
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const location = started.headers.get('location')!;
  const seen: { status: string; progress: number }[] = [];
  for (let i = 0; i < 600; i++) {
    const { body } = await getJson(location);
    seen.push(body);
    if (!['accepted', 'running'].includes(body.status)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(seen.at(-1)!.status, JSON.stringify(seen.at(-1))).toBe('successful');
  return { seen, results: (await getJson(`${location}/results`)).body };
}

beforeAll(async () => {
  actAs(basicAuth('engineer'));
  app = await startTestApp();
  const db = app.db.knex;
  node = await insertManNode(db, 0, -50);
  await insertWard(db, 'A', -150, -250, 300, 250, 12_000);
  await insertWard(db, 'B', 300, -250, 750, 250, 8_000);
  roadId = await insertRoad(db, [-100, 0], [700, 0], 'primary');
  await insertRoad(db, [150, -200], [150, 200], 'secondary');
  await insertPublicSpace(db, 'Quảng trường thử', 200, 50, 280, 130);
  await insertCamera(db, { east: 110, north: 5, heading: 90, hfov: 40, height: 6, tilt: 10, manNodeId: node });
  await insertCamera(db, { east: 240, north: 45, heading: 0, hfov: 90, height: 8, tilt: 30, manNodeId: node });
  // Ward B: walled in (below the roof), faulty, and looking south at the road through a 20 m block.
  await insertBuilding(db, 420, 60, 480, 120, 25);
  await insertCamera(db, { east: 450, north: 90, heading: 180, manNodeId: node });
  await insertCamera(db, { east: 600, north: 5, heading: 270, status: 'faulty', manNodeId: node });
  await insertBuilding(db, 380, 10, 420, 20, 20);
  await insertCamera(db, { east: 400, north: 40, heading: 180, hfov: 60, height: 8, tilt: 40, manNodeId: node });
});
afterAll(async () => {
  await app?.close();
});

describe('city-coverage process', () => {
  let baseline: Record<string, any>;

  it('runs_as_a_job_with_progress_and_measures_the_road_each_camera_watches', async () => {
    const { seen, results } = await runJob({});
    expect(seen.some((s) => s.status === 'running' || s.progress > 0) || seen.length >= 1).toBe(true);
    baseline = results;
    const run = results.coverage.runs[0];
    expect(run.label).toBe('baseline');
    expect(results.coverage.levels).toEqual(['detection', 'observation', 'recognition', 'identification']);
    // Camera 1 sees the road from its blind zone (~15 m) to its detection reach (~105 m): about 90 m.
    const primary = run.roads.by_class.find((c: { road_class: string }) => c.road_class === 'primary');
    expect(primary.total_km).toBeCloseTo(0.8, 2);
    expect(primary.km.detection).toBeGreaterThan(0.085);
    expect(primary.km.detection).toBeLessThan(0.125);
    expect(primary.km.recognition).toBeLessThan(primary.km.observation);
    expect(primary.blind_km).toBeCloseTo(primary.total_km - primary.km.observation, 2);
    expect(run.intersections.total).toBe(1);
    expect(run.intersections.count.detection).toBe(1);
    expect(run.overlap.map((o: { cameras: string }) => o.cameras)).toEqual(['0', '1', '2', '3', '4+']);
    expect(run.public_spaces.spaces[0].pct.observation).toBeGreaterThan(0);
    expect(run.public_spaces.spaces[0].pct.observation).toBeLessThan(100);
  });

  it('a_camera_behind_a_building_does_not_see_the_road', async () => {
    const road = baseline.blindSpots.features.filter((f: any) => f.properties.kind === 'road' && f.properties.feature_id === roadId);
    const covers = (east: number) => road.some((f: any) => {
      const xs = f.geometry.coordinates.map((c: number[]) => c[0]);
      const lon = at(east, 0)[0];
      return Math.min(...xs) <= lon && lon <= Math.max(...xs);
    });
    // Right below the block between the camera at (400, 40) and the road: blind. 30 m in front of camera 1: watched.
    expect(covers(400)).toBe(true);
    expect(covers(140)).toBe(false);
    // Beyond camera 1's observation reach (~42 m) it only detects: still a blind spot.
    expect(covers(180)).toBe(true);
    expect(baseline.blindSpots.features.some((f: any) => f.properties.kind === 'public_space' && f.geometry.type.endsWith('Polygon'))).toBe(true);
  });

  it('problem_cameras_are_listed_and_the_rest_of_the_city_still_computed', async () => {
    const { problems, runs } = baseline.coverage;
    expect(problems.counts).toMatchObject({ inside_building: 1 });
    expect(problems.listed[0]).toMatchObject({ code: 'inside_building', severity: 'error', message: expect.stringMatching(/inside a building/) });
    expect(runs[0].cameras).toMatchObject({ total: 5, computed: 3, faulty: 1, with_errors: 1 });
  });

  it('stores_the_per_ward_figures_for_the_thematic_maps', async () => {
    const runId = baseline.coverage.runs[0].run_id;
    const { rows } = await app.db.knex.raw('SELECT * FROM cctv_coverage_ward_figures WHERE run_id = ? ORDER BY ward_code', [runId]);
    expect(rows.map((r: { ward_code: string }) => r.ward_code)).toEqual(['A', 'B']);
    const [a, b] = rows;
    expect(a).toMatchObject({ cameras: 2, faulty_cameras: 0, faulty_share_pct: 0, population: 12_000 });
    expect(a.cameras_per_km2).toBeCloseTo(2 / 0.225, 1);
    expect(a.cameras_per_10k_people).toBeCloseTo(2 / 1.2, 2);
    expect(b).toMatchObject({ cameras: 3, faulty_cameras: 1 });
    expect(b.faulty_share_pct).toBeCloseTo(33.33, 1);
    expect(a.road_recognition_pct).toBeGreaterThan(0);
    expect(a.road_km).toBeCloseTo(0.8, 2);
    const latest = await app.db.knex.raw('SELECT ward_code FROM cctv_coverage_ward_latest ORDER BY ward_code');
    expect(latest.rows.map((r: { ward_code: string }) => r.ward_code)).toEqual(['A', 'B']);
  });

  it('the_thematic_maps_offer_the_stored_road_coverage_per_ward', async () => {
    const runId = baseline.coverage.runs[0].run_id;
    const { rows } = await app.db.knex.raw(
      'SELECT ward_code, road_recognition_pct, road_observation_pct FROM cctv_coverage_ward_figures WHERE run_id = ?', [runId]);
    const catalogue = (await getJson(`${app.url}/api/statistics`)).body;
    expect(catalogue.indicators.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining(['road_recognition_pct', 'road_observation_pct']));
    for (const id of ['road_recognition_pct', 'road_observation_pct']) {
      const res = await getJson(`${app.url}/api/statistics/indicators/${id}?level=ward`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const value = new Map(res.body.units.map((u: { code: string; value: number }) => [u.code, u.value]));
      for (const row of rows) expect(value.get(row.ward_code), `${id} ${row.ward_code}`).toBeCloseTo(row[id], 6);
    }
  });

  it('compares_a_plan_with_the_baseline_side_by_side', async () => {
    const plan = (await sendJson('POST', `${app.url}/api/scenarios`, { name: 'Thêm camera phường B' }, { ...json, ...basicAuth('planner') })).body;
    await insertCamera(app.db.knex, { east: 520, north: 5, heading: 270, hfov: 40, height: 6, tilt: 10, manNodeId: node, scenarioId: plan.id });
    const { results } = await runJob({ scenario: plan.id, compareWith: 'baseline' });
    const [planRun, base] = results.coverage.runs;
    expect(planRun.label).toBe('Thêm camera phường B');
    expect(base.label).toBe('baseline');
    expect(planRun.cameras.total).toBe(base.cameras.total + 1);
    const row = (figure: string) => results.coverage.comparison.rows.find((r: { figure: string }) => r.figure === figure);
    // The comparison's `a` is the plan (the run asked for), `b` the one compared with.
    expect(row('road_detection_km').a).toBeGreaterThan(row('road_detection_km').b);
    expect(row('cameras').delta).toBe(1);
    expect(results.blindSpots.features.filter((f: any) => f.properties.run_id === planRun.run_id).length).toBeGreaterThan(0);
    const wardB = results.coverage.comparison.wards.find((w: { ward_code: string }) => w.ward_code === 'B');
    expect(wardB.cameras).toEqual({ a: 4, b: 3, delta: 1 });
  });

  it('refuses_viewers_and_unknown_plans_and_can_be_cancelled', async () => {
    const viewer = await sendJson('POST', `${app.url}/ogc/processes/city-coverage/execution`, { inputs: {} }, { ...asyncJson, ...basicAuth('viewer') });
    expect(viewer.status).toBe(403);
    const unknown = await sendJson('POST', `${app.url}/ogc/processes/city-coverage/execution`, { inputs: { compareWith: '00000000-0000-4000-8000-000000000000' } }, asyncJson);
    expect(unknown.status).toBe(201);
    const failed = (await getJson(unknown.headers.get('location')!)).body;
    for (let i = 0; i < 50 && ['accepted', 'running'].includes(failed.status); i++) {
      await new Promise((r) => setTimeout(r, 100));
      Object.assign(failed, (await getJson(unknown.headers.get('location')!)).body);
    }
    expect(failed).toMatchObject({ status: 'failed', message: expect.stringMatching(/no plan/) });
  });

  it('a_dismissed_run_stops_between_cameras_and_writes_nothing', async () => {
    const before = (await app.db.knex.raw('SELECT count(*)::int AS n FROM cctv_coverage_runs')).rows[0].n;
    const controller = new AbortController();
    const user = { id: '00000000-0000-4000-8000-000000000000', username: 'engineer', displayName: 'Engineer', role: 'engineer' as const };
    const messages: string[] = [];
    // Dismissed once the camera pass has started.
    const progress = (_f: number, message?: string) => {
      messages.push(message ?? '');
      if (message?.startsWith('cameras:')) controller.abort();
    };
    await expect(cityCoverageProcess.execute({}, { db: app.db.knex, user, progress, signal: controller.signal })).rejects.toBeInstanceOf(JobCancelled);
    expect(messages).toContain('load-buildings');
    expect((await app.db.knex.raw('SELECT count(*)::int AS n FROM cctv_coverage_runs')).rows[0].n).toBe(before);
    const started = await sendJson('POST', `${app.url}/ogc/processes/city-coverage/execution`, { inputs: {} }, asyncJson);
    const dismissed = await fetchAs(started.headers.get('location')!, { method: 'DELETE' });
    expect(['dismissed', 'successful']).toContain((await dismissed.json()).status);
  });
});
