import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, getJson, sendJson } from '../helpers/http.js';
import { at, insertBuilding, insertCamera, insertManNode, insertPublicSpace, insertRoad, insertWard } from '../fixtures/cctv-city.js';

let app: TestApp;
const json = { 'content-type': 'application/json' };

async function place(inputs: Record<string, unknown>) {
  const started = await sendJson('POST', `${app.url}/ogc/processes/camera-placement/execution`, { inputs }, { ...json, Prefer: 'respond-async' });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const location = started.headers.get('location')!;
  let status: { status: string; message?: string } = { status: 'accepted' };
  for (let i = 0; i < 600 && ['accepted', 'running'].includes(status.status); i++) {
    await new Promise((r) => setTimeout(r, 100));
    status = (await getJson(location)).body;
  }
  return { status, results: status.status === 'successful' ? (await getJson(`${location}/results`)).body : undefined };
}

beforeAll(async () => {
  actAs(basicAuth('engineer'));
  app = await startTestApp();
  const db = app.db.knex;
  const node = await insertManNode(db, 0, -50);
  await insertWard(db, 'A', -150, -250, 300, 250, 12_000);
  await insertRoad(db, [-100, 0], [300, 0], 'primary');
  await insertRoad(db, [150, -200], [150, 200], 'secondary');
  await insertPublicSpace(db, 'Chợ thử', 200, 50, 280, 130);
  await insertBuilding(db, 20, 8, 60, 30, 15);
  // One existing camera already watches the primary road east of x = 110.
  await insertCamera(db, { east: 110, north: 5, heading: 90, hfov: 40, height: 6, tilt: 20, manNodeId: node });
});
afterAll(async () => {
  await app?.close();
});

describe('camera-placement process', () => {
  let first: Record<string, any>;

  it('suggests_k_cameras_with_falling_gains_that_add_up', async () => {
    const { status, results } = await place({ ward: 'A', k: 3 });
    expect(status.status, status.message).toBe('successful');
    first = results!;
    const { suggestions, summary } = first;
    expect(suggestions).toHaveLength(3);
    expect(suggestions.map((s: { rank: number }) => s.rank)).toEqual([1, 2, 3]);
    for (let k = 1; k < 3; k++) expect(suggestions[k].gain_m).toBeLessThanOrEqual(suggestions[k - 1].gain_m);
    expect(suggestions[2].cumulative_gain_m).toBeCloseTo(suggestions.reduce((s: number, x: { gain_m: number }) => s + x.gain_m, 0), 0);
    expect(summary.road_km).toBeCloseTo(0.8, 1);
    expect(summary.covered_before_km).toBeGreaterThan(0);
    expect(summary.covered_after_km).toBeCloseTo(summary.covered_before_km + suggestions[2].cumulative_gain_m / 1000, 2);
    const s = suggestions[0];
    expect(s.zone.type).toBe('MultiPolygon');
    expect(s.zone.coordinates.length).toBeGreaterThan(0);
    expect(s.feature.properties).toMatchObject({ status: 'planned', owner: 'city', resolution_h: 2560, heading_deg: s.heading_deg });
    // No suggestion stands inside the building.
    const [west, south] = at(20, 8), [east, north] = at(60, 30);
    for (const x of suggestions) expect(x.lon > west && x.lon < east && x.lat > south && x.lat < north).toBe(false);
  });

  it('an_accepted_suggestion_goes_into_the_plan_and_its_road_counts_as_covered_there', async () => {
    const plan = (await sendJson('POST', `${app.url}/api/scenarios`, { name: 'Đề xuất camera' }, { ...json, ...basicAuth('planner') })).body;
    const created = await sendJson('POST', `${app.url}/ogc/collections/cameras/items?scenario=${plan.id}`, first.suggestions[0].feature, basicAuth('planner'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { results } = await place({ ward: 'A', k: 1, scenario: plan.id });
    expect(results!.summary.covered_before_km).toBeCloseTo(first.summary.covered_before_km + first.suggestions[0].gain_m / 1000, 2);
    expect(results!.suggestions[0].gain_m).toBeLessThanOrEqual(first.suggestions[0].gain_m);
  });

  it('bad_areas_and_camera_models_are_refused_with_their_field', async () => {
    const both = await sendJson('POST', `${app.url}/ogc/processes/camera-placement/execution`, { inputs: {} }, { ...json, Prefer: 'respond-async' });
    expect(both.status).toBe(201);
    const none = await place({});
    expect(none.status).toMatchObject({ status: 'failed', message: expect.stringMatching(/either `ward`/) });
    expect((await place({ ward: 'ZZ' })).status.message).toMatch(/no ward with code "ZZ"/);
    expect((await place({ ward: 'A', camera: { hfov_deg: 190 } })).status.message).toMatch(/less than 180°/);
    expect((await place({ ward: 'A', camera: { resolution_h: 0 } })).status.message).toMatch(/at least 1/);
    expect((await place({ bbox: [108.3, 16.1, 108.2, 16.0] })).status.message).toMatch(/min < max/);
  });
});
