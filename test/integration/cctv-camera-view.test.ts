import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, getJson, sendJson } from '../helpers/http.js';
import { cameraFeature } from '../fixtures/features.js';
import { at, insertBuilding, insertCamera, insertManNode } from '../fixtures/cctv-city.js';
import { areaCacheOf, localLonLat, lonLatOf } from '../../server/src/analyses/camera-view/area-cache.js';
import { toLonLat, toMetric } from '../../server/src/analyses/camera-view/repository.js';

let app: TestApp;
let node: string;
let behind: string;
const json = { 'content-type': 'application/json' };
const view = (inputs: Record<string, unknown>) => sendJson('POST', `${app.url}/ogc/processes/camera-view/execution`, { inputs }, json);

beforeAll(async () => {
  actAs(basicAuth('engineer'));
  app = await startTestApp();
  node = await insertManNode(app.db.knex, 0, -50);
  // A 30 m block 20–30 m east of the camera, ±8 m north and south; the camera looks east.
  await insertBuilding(app.db.knex, 20, -8, 30, 8, 30);
  behind = await insertCamera(app.db.knex, { east: 0, north: 0, heading: 90, hfov: 60, height: 8, manNodeId: node });
});
afterAll(async () => {
  await app?.close();
});

type Ring = [number, number][];
const polygonsOf = (zones: { features: { geometry: { coordinates: Ring[][] } }[] }) => zones.features.flatMap((f) => f.geometry.coordinates.map((p) => p[0]));
function inside(ring: Ring, [x, y]: [number, number]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}
const seen = (zones: { features: { geometry: { coordinates: Ring[][] } }[] }, point: [number, number]) => polygonsOf(zones).some((r) => inside(r, point));

describe('camera-view process', () => {
  it('a_camera_behind_a_building_does_not_see_the_road_behind_it', async () => {
    const { status, body } = await view({ camera: behind });
    expect(status).toBe(200);
    expect(body.zones.type).toBe('FeatureCollection');
    expect(body.zones.features.map((f: { properties: { level: string } }) => f.properties.level)).toEqual(['observation', 'detection']);
    expect(seen(body.zones, at(60, 0))).toBe(false);
    expect(seen(body.zones, at(40, 20))).toBe(true);
    expect(seen(body.zones, at(15, 0))).toBe(true);
    const detection = body.zones.features.at(-1).properties;
    expect(detection.area_m2).toBeLessThan(detection.nominal_area_m2 * 0.85);
    // Recognition would end 10.6 m out, inside the 12.3 m blind zone of an 8 m mast tilted 15°.
    const tan30 = Math.tan(Math.PI / 6);
    const recognitionM = Math.sqrt((1920 / (2 * 125 * tan30)) ** 2 - 64);
    const blindM = 8 / Math.tan(((15 + Math.atan(tan30 * 1080 / 1920) * 180 / Math.PI) * Math.PI) / 180);
    expect(body.optics.hfov_deg).toBe(60);
    expect(body.optics.level_reach_m.recognition).toBeCloseTo(recognitionM, 1);
    expect(body.optics.blind_zone_m).toBeCloseTo(blindM, 1);
    expect(recognitionM).toBeLessThan(blindM);
    expect(body.problems).toEqual([]);
  });

  it('a_heading_override_turns_the_zones_and_reuses_the_cached_buildings', async () => {
    const cache = areaCacheOf(app.db.knex);
    await view({ camera: behind });
    const loads = cache.stats.loads;
    const north = await view({ camera: behind, overrides: { heading_deg: 0 } });
    expect(north.status).toBe(200);
    expect(cache.stats.loads).toBe(loads);
    expect(seen(north.body.zones, at(0, 40))).toBe(true);
    expect(seen(north.body.zones, at(40, 0))).toBe(false);
    expect(north.body.camera.heading_deg).toBe(0);
    // A new building in the area changes its fingerprint: the index is rebuilt and the building hides the ground.
    await insertBuilding(app.db.knex, -8, 20, 8, 30, 30);
    const blocked = await view({ camera: behind, overrides: { heading_deg: 0 } });
    expect(cache.stats.loads).toBe(loads + 1);
    expect(seen(blocked.body.zones, at(0, 50))).toBe(false);
  });

  it('computes_an_unsaved_camera_from_a_feature', async () => {
    const feature = cameraFeature({ heading_deg: 270, man_node_id: node }, at(0, 0));
    const { status, body } = await view({ feature });
    expect(status).toBe(200);
    expect(body.camera.id).toBeNull();
    expect(seen(body.zones, at(-30, 0))).toBe(true);
  });

  it('bad_optics_are_refused_with_the_offending_field', async () => {
    const zero = await view({ camera: behind, overrides: { hfov_deg: 0 } });
    expect(zero.status).toBe(422);
    expect(zero.body.errors).toEqual([{ field: 'inputs.overrides.hfov_deg', message: expect.stringMatching(/more than 0° and less than 180°/) }]);
    expect((await view({ camera: behind, overrides: { hfov_deg: 180 } })).body.errors[0].field).toBe('inputs.overrides.hfov_deg');
    const res = await view({ feature: cameraFeature({ resolution_h: 0, tilt_deg: 120 }, at(0, 0)) });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['inputs.feature.properties.resolution_h', 'inputs.feature.properties.tilt_deg']);
    expect(res.body.detail).toMatch(/resolution_h must be a whole number of pixels, at least 1; it is 0/);
    const missing = await view({ feature: { type: 'Feature', geometry: { type: 'Point', coordinates: at(0, 0) }, properties: { heading_deg: 0 } } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('inputs.feature.properties.mount_height_m');
  });

  it('asks_for_exactly_one_camera_and_an_existing_plan', async () => {
    expect((await view({})).status).toBe(422);
    expect((await view({ camera: behind, feature: cameraFeature() })).status).toBe(422);
    expect((await view({ camera: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    const plan = await view({ camera: behind, scenario: '00000000-0000-4000-8000-000000000000' });
    expect(plan.status).toBe(422);
    expect(plan.body.errors[0].field).toBe('inputs.scenario');
    const thresholds = await view({ camera: behind, thresholds: { recognition: 10 } });
    expect(thresholds.status).toBe(422);
    expect(thresholds.body.errors[0].field).toBe('inputs.thresholds');
  });

  it('a_camera_inside_a_building_sees_nothing_and_one_without_a_man_node_is_warned', async () => {
    await insertBuilding(app.db.knex, 200, -20, 240, 20, 25);
    const walledIn = await insertCamera(app.db.knex, { east: 220, north: 0, heading: 90, manNodeId: node });
    const inside = await view({ camera: walledIn });
    expect(inside.status).toBe(200);
    expect(inside.body.zones.features).toEqual([]);
    expect(inside.body.problems).toEqual([expect.objectContaining({ code: 'inside_building', severity: 'error', field: 'geometry' })]);
    const orphan = await insertCamera(app.db.knex, { east: 0, north: 300, heading: 0, manNodeId: null });
    const warned = await view({ camera: orphan });
    expect(warned.body.zones.features.length).toBeGreaterThan(0);
    expect(warned.body.problems).toEqual([expect.objectContaining({ code: 'no_man_node', severity: 'warning', field: 'man_node_id' })]);
  });

  it('reads_the_camera_as_a_plan_changes_it', async () => {
    const plan = (await sendJson('POST', `${app.url}/api/scenarios`, { name: 'Quay camera' }, { ...json, ...basicAuth('planner') })).body;
    const patched = await sendJson('PATCH', `${app.url}/ogc/collections/cameras/items/${behind}?scenario=${plan.id}`,
      { type: 'Feature', properties: { heading_deg: 180 } }, { 'If-Match': '*', ...basicAuth('planner') });
    expect(patched.status).toBe(201);
    const planned = await view({ camera: behind, scenario: plan.id });
    expect(planned.body.camera.heading_deg).toBe(180);
    expect(seen(planned.body.zones, at(0, -30))).toBe(true);
    expect((await view({ camera: behind })).body.camera.heading_deg).toBe(90);
  });

  it('the_local_linearisation_matches_postgis_within_a_millimetre_2_km_away', async () => {
    const centre = await toMetric(app.db.knex, ...at(0, 0));
    const t = await localLonLat(app.db.knex, centre.x, centre.y);
    const points: [number, number][] = [[centre.x + 1500, centre.y + 1500], [centre.x - 1400, centre.y + 200], [centre.x, centre.y - 1900]];
    const exact = await toLonLat(app.db.knex, points);
    points.forEach(([x, y], k) => {
      const [lon, lat] = lonLatOf(t, x, y);
      expect(Math.abs(lon - exact[k][0]) * 107_000).toBeLessThan(0.001);
      expect(Math.abs(lat - exact[k][1]) * 110_600).toBeLessThan(0.001);
    });
  });

  it('is_listed_with_its_inputs', async () => {
    const { body } = await getJson(`${app.url}/ogc/processes/camera-view`);
    expect(Object.keys(body.inputs)).toEqual(['camera', 'feature', 'overrides', 'preset', 'thresholds', 'scenario']);
  });
});
