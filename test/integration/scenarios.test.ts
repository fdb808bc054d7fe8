import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { cameraFeature, DRAGON_BRIDGE } from '../fixtures/features.js';

let app: TestApp;
const json = { 'content-type': 'application/json' };
const planner = basicAuth('planner');
const admin = basicAuth('admin');

beforeAll(async () => {
  actAs(basicAuth('engineer'));
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const cameras = () => `${app.url}/ogc/collections/cameras/items`;
const newPlan = async (name: string) => (await sendJson('POST', `${app.url}/api/scenarios`, { name }, { ...json, ...planner })).body;
const baselineCamera = async (lon = DRAGON_BRIDGE.lon) => (await sendJson('POST', cameras(), cameraFeature({}, [lon, DRAGON_BRIDGE.lat]))).body.id as string;
const ids = (page: { features: Array<{ id: string }> }) => page.features.map((f) => f.id);

describe('plans', () => {
  it('a_planner_adds_moves_and_retires_cameras_in_a_plan_without_touching_the_baseline', async () => {
    const [moved, retired] = [await baselineCamera(108.2001), await baselineCamera(108.2002)];
    const plan = await newPlan('Camera Cầu Rồng 2027');
    expect(plan.status).toBe('draft');
    const inPlan = `?scenario=${plan.id}`;
    const added = await sendJson('POST', `${cameras()}${inPlan}`, cameraFeature({ status: 'planned' }), planner);
    expect(added.status).toBe(201);
    const move = await sendJson('PATCH', `${cameras()}/${moved}${inPlan}`,
      { type: 'Feature', geometry: { type: 'Point', coordinates: [108.21, 16.07] } }, { ...planner, 'If-Match': '"v1"' });
    expect(move.status).toBe(201);
    expect(move.body.properties).toMatchObject({ replaces_id: moved, scenario_id: plan.id });
    const retire = await fetchAs(`${cameras()}/${retired}${inPlan}`, { method: 'DELETE', headers: { ...planner, 'If-Match': '"v1"' } });
    expect(retire.status).toBe(201);

    const baseline = (await getJson(`${cameras()}?limit=1000`)).body;
    expect(ids(baseline)).toEqual(expect.arrayContaining([moved, retired]));
    expect(ids(baseline)).not.toContain(added.body.id);
    expect((await getJson(`${cameras()}/${moved}`)).body.geometry.coordinates[0]).toBeCloseTo(108.2001, 7);

    const planView = (await getJson(`${cameras()}?limit=1000&scenario=${plan.id}`)).body;
    expect(ids(planView)).toContain(added.body.id);
    expect(ids(planView)).not.toContain(moved);
    expect(planView.numberMatched).toBe(baseline.numberMatched + 1);

    const listed = (await getJson(`${app.url}/api/scenarios/${plan.id}`)).body;
    expect(listed.changes.map((c: { kind: string }) => c.kind).sort()).toEqual(['added', 'changed', 'retired']);
  });

  it('a_planner_cannot_write_the_baseline_infrastructure_nor_merge', async () => {
    expect((await sendJson('POST', cameras(), cameraFeature(), planner)).status).toBe(403);
    const plan = await newPlan('Không được hợp nhất');
    expect((await sendJson('POST', `${app.url}/api/scenarios/${plan.id}/merge`, { version: plan.version }, { ...json, ...planner })).status).toBe(403);
  });

  it('merging_applies_the_plan_in_one_go_and_keeps_feature_ids', async () => {
    const [moved, retired] = [await baselineCamera(108.2003), await baselineCamera(108.2004)];
    const plan = await newPlan('Hợp nhất');
    const inPlan = `?scenario=${plan.id}`;
    const added = (await sendJson('POST', `${cameras()}${inPlan}`, cameraFeature({ status: 'planned' }), planner)).body.id;
    await sendJson('PATCH', `${cameras()}/${moved}${inPlan}`, { type: 'Feature', properties: { heading_deg: 270 } }, { ...planner, 'If-Match': '"v1"' });
    await fetchAs(`${cameras()}/${retired}${inPlan}`, { method: 'DELETE', headers: { ...planner, 'If-Match': '"v1"' } });
    const merged = await sendJson('POST', `${app.url}/api/scenarios/${plan.id}/merge`, { version: plan.version }, { ...json, ...admin });
    expect(merged.status).toBe(200);
    expect(merged.body.status).toBe('merged');
    expect((await getJson(`${cameras()}/${moved}`)).body.properties).toMatchObject({ heading_deg: 270, version: 2, scenario_id: null });
    expect((await getJson(`${cameras()}/${retired}`)).body.properties.status).toBe('decommissioned');
    expect((await getJson(`${cameras()}/${added}`)).body.properties.scenario_id).toBeNull();
    const late = await sendJson('POST', `${cameras()}${inPlan}`, cameraFeature(), planner);
    expect(late.status).toBe(409);
  });

  it('a_plan_whose_baseline_changed_meanwhile_is_not_merged', async () => {
    const camera = await baselineCamera(108.2005);
    const plan = await newPlan('Xung đột');
    await sendJson('PATCH', `${cameras()}/${camera}?scenario=${plan.id}`, { type: 'Feature', properties: { tilt_deg: 30 } }, { ...planner, 'If-Match': '"v1"' });
    await sendJson('PATCH', `${cameras()}/${camera}`, { type: 'Feature', properties: { tilt_deg: 5 } }, { 'If-Match': '"v1"' });
    const merge = await sendJson('POST', `${app.url}/api/scenarios/${plan.id}/merge`, { version: plan.version }, { ...json, ...admin });
    expect(merge.status).toBe(409);
    expect(merge.body.errors[0].field).toBe(`cameras/${camera}`);
    expect((await getJson(`${cameras()}/${camera}`)).body.properties.tilt_deg).toBe(5);
  });

  it('discarding_removes_the_plan_features_only', async () => {
    const camera = await baselineCamera(108.2006);
    const plan = await newPlan('Bỏ');
    const added = (await sendJson('POST', `${cameras()}?scenario=${plan.id}`, cameraFeature(), planner)).body.id;
    await sendJson('PATCH', `${cameras()}/${camera}?scenario=${plan.id}`, { type: 'Feature', properties: { tilt_deg: 30 } }, { ...planner, 'If-Match': '"v1"' });
    const discarded = await sendJson('POST', `${app.url}/api/scenarios/${plan.id}/discard`, { version: plan.version }, { ...json, ...planner });
    expect(discarded.body.status).toBe('discarded');
    expect((await getJson(`${cameras()}/${added}`)).status).toBe(404);
    expect((await getJson(`${cameras()}/${camera}`)).body.properties.tilt_deg).toBe(15);
  });

  it('bad_plan_requests_are_named', async () => {
    expect((await sendJson('POST', `${cameras()}?scenario=nope`, cameraFeature(), planner)).body.errors[0].field).toBe('query.scenario');
    expect((await sendJson('POST', `${cameras()}?scenario=00000000-0000-4000-8000-000000000000`, cameraFeature(), planner)).status).toBe(404);
    const roads = await sendJson('POST', `${app.url}/ogc/collections/roads/items?scenario=00000000-0000-4000-8000-000000000000`, {}, admin);
    expect(roads.body.errors[0].field).toBe('query.scenario');
    const plan = await newPlan('Trùng tên');
    expect((await sendJson('POST', `${app.url}/api/scenarios`, { name: 'Trùng tên' }, { ...json, ...planner })).status).toBe(409);
    const camera = await baselineCamera(108.2007);
    await sendJson('PATCH', `${cameras()}/${camera}?scenario=${plan.id}`, { type: 'Feature', properties: {} }, { ...planner, 'If-Match': '"v1"' });
    const twice = await sendJson('PATCH', `${cameras()}/${camera}?scenario=${plan.id}`, { type: 'Feature', properties: {} }, { ...planner, 'If-Match': '"v1"' });
    expect(twice.status).toBe(409);
  });
});
