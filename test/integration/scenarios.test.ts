import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { cameraFeature, DRAGON_BRIDGE } from '../fixtures/features.js';
import { applyPlan, PLAN_LAYERS } from '../../server/src/features/scenarios/scenarios.repository.js';

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
const step = (plan: { id: string }, name: string, body: object, auth: Record<string, string>) =>
  sendJson('POST', `${app.url}/api/scenarios/${plan.id}/${name}`, body, { ...json, ...auth });
/** Submits a plan (as the planner) and approves it (as the admin); returns the approved plan. */
async function approve(plan: { id: string; version: number }) {
  const submitted = await step(plan, 'submit', { version: plan.version }, planner);
  expect(submitted.status).toBe(200);
  const approved = await step(submitted.body, 'approve', { version: submitted.body.version }, admin);
  expect(approved.body.status).toBe('approved');
  return approved.body as { id: string; version: number };
}

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
    const approved = await approve(plan);
    const merged = await step(approved, 'merge', { version: approved.version }, admin);
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
    const approved = await approve(plan);
    await sendJson('PATCH', `${cameras()}/${camera}`, { type: 'Feature', properties: { tilt_deg: 5 } }, { 'If-Match': '"v1"' });
    const listed = (await getJson(`${app.url}/api/scenarios/${plan.id}`)).body;
    expect(listed.changes[0]).toMatchObject({ kind: 'changed', conflict: true, baseline_version: 2, replaces_version: 1 });
    const merge = await step(approved, 'merge', { version: approved.version }, admin);
    expect(merge.status).toBe(409);
    expect(merge.body.errors[0].field).toBe(`cameras/${camera}`);
    expect(merge.body.conflicts[0]).toMatchObject({ collection: 'cameras', id: camera, baselineVersion: 2, copiedVersion: 1 });
    expect(merge.body.conflicts[0].name).toBeTruthy();
    expect((await getJson(`${app.url}/api/scenarios/${plan.id}`)).body.status).toBe('approved');
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

  it('a_plan_reaches_the_baseline_only_after_an_administrator_approved_it', async () => {
    const plan = await newPlan('Duyệt trước khi hợp nhất');
    await sendJson('POST', `${cameras()}?scenario=${plan.id}`, cameraFeature({ status: 'planned' }), planner);
    expect((await step(plan, 'merge', { version: plan.version }, admin)).status).toBe(409);
    const submitted = await step(plan, 'submit', { version: plan.version }, planner);
    expect(submitted.body).toMatchObject({ status: 'submitted', submitted_by: 'planner', version: plan.version + 1 });
    expect((await step(submitted.body, 'approve', { version: submitted.body.version }, planner)).status).toBe(403);
    const early = await step(submitted.body, 'merge', { version: submitted.body.version }, admin);
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/only a plan that is approved can be merged/);
    const approved = await step(submitted.body, 'approve', { version: submitted.body.version, note: 'Đồng ý' }, admin);
    expect(approved.body).toMatchObject({ status: 'approved', reviewed_by: 'admin', review_note: 'Đồng ý' });
    expect((await step(approved.body, 'merge', { version: approved.body.version }, admin)).body.status).toBe('merged');
  });

  it('a_submitted_plan_is_frozen_and_a_returned_one_changes_again', async () => {
    const plan = await newPlan('Trả lại để sửa');
    await sendJson('POST', `${cameras()}?scenario=${plan.id}`, cameraFeature({ status: 'planned' }), planner);
    const submitted = (await step(plan, 'submit', { version: plan.version }, planner)).body;
    const frozen = await sendJson('POST', `${cameras()}?scenario=${plan.id}`, cameraFeature(), planner);
    expect(frozen.status).toBe(409);
    expect(frozen.body.detail).toMatch(/submitted/);
    const noNote = await step(submitted, 'return', { version: submitted.version }, admin);
    expect(noNote.status).toBe(422);
    expect(noNote.body.errors[0].field).toBe('note');
    const returned = await step(submitted, 'return', { version: submitted.version, note: 'Thêm camera ở ngã tư' }, admin);
    expect(returned.body).toMatchObject({ status: 'returned', review_note: 'Thêm camera ở ngã tư', reviewed_by: 'admin' });
    expect((await sendJson('POST', `${cameras()}?scenario=${plan.id}`, cameraFeature(), planner)).status).toBe(201);
    expect((await step(returned.body, 'submit', { version: returned.body.version }, planner)).body.status).toBe('submitted');
  });

  it('an_empty_plan_cannot_be_submitted_and_a_stale_version_is_refused', async () => {
    const plan = await newPlan('Trống');
    const empty = await step(plan, 'submit', { version: plan.version }, planner);
    expect(empty.status).toBe(409);
    expect(empty.body.errors[0].field).toBe('changes');
    await sendJson('POST', `${cameras()}?scenario=${plan.id}`, cameraFeature(), planner);
    expect((await step(plan, 'submit', { version: plan.version }, planner)).status).toBe(200);
    const stale = await step(plan, 'discard', { version: plan.version }, planner);
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(plan.version + 1);
  });

  it('the_change_list_carries_geometries_and_what_each_change_does', async () => {
    const [moved, turned, retired] = [await baselineCamera(108.2011), await baselineCamera(108.2012), await baselineCamera(108.2013)];
    const plan = await newPlan('Danh sách thay đổi');
    const inPlan = `?scenario=${plan.id}`;
    await sendJson('POST', `${cameras()}${inPlan}`, cameraFeature({ status: 'planned' }), planner);
    await sendJson('PATCH', `${cameras()}/${moved}${inPlan}`, { type: 'Feature', geometry: { type: 'Point', coordinates: [108.22, 16.06] } }, { ...planner, 'If-Match': '"v1"' });
    await sendJson('PATCH', `${cameras()}/${turned}${inPlan}`, { type: 'Feature', properties: { heading_deg: 200 } }, { ...planner, 'If-Match': '"v1"' });
    await fetchAs(`${cameras()}/${retired}${inPlan}`, { method: 'DELETE', headers: { ...planner, 'If-Match': '"v1"' } });
    const { changes } = (await getJson(`${app.url}/api/scenarios/${plan.id}`)).body;
    const of = (id: string | null) => changes.find((c: { replaces_id: string | null }) => c.replaces_id === id);
    expect(of(null)).toMatchObject({ kind: 'added', moved: null, baseline_geometry: null, changedProperties: [] });
    expect(of(null).geometry.type).toBe('Point');
    expect(of(moved)).toMatchObject({ kind: 'changed', moved: true, changedProperties: [], conflict: false });
    expect(of(moved).geometry.coordinates).toEqual([108.22, 16.06]);
    expect(of(moved).baseline_geometry.coordinates[0]).toBeCloseTo(108.2011, 7);
    expect(of(turned)).toMatchObject({ kind: 'changed', moved: false, changedProperties: ['heading_deg'] });
    expect(of(turned).properties.heading_deg).toBe(200);
    expect(of(turned).baseline_properties.heading_deg).toBe(90);
    expect(of(retired)).toMatchObject({ kind: 'retired', moved: false, changedProperties: ['status'] });
  });

  it('applying_a_plan_over_a_baseline_feature_that_moved_on_writes_nothing', async () => {
    // The merge checks before its transaction; this is the check inside it, for a baseline write racing the merge.
    const camera = await baselineCamera(108.2014);
    const plan = await newPlan('Chạy đua');
    await sendJson('PATCH', `${cameras()}/${camera}?scenario=${plan.id}`, { type: 'Feature', properties: { tilt_deg: 40 } }, { ...planner, 'If-Match': '"v1"' });
    await sendJson('PATCH', `${cameras()}/${camera}`, { type: 'Feature', properties: { tilt_deg: 6 } }, { 'If-Match': '"v1"' });
    const spec = PLAN_LAYERS.find((l) => l.id === 'cameras')!;
    const late = await app.db.knex.transaction((trx) => applyPlan(trx, spec, plan.id));
    expect(late).toEqual([camera]);
    expect((await getJson(`${cameras()}/${camera}`)).body.properties.tilt_deg).toBe(6);
    expect((await getJson(`${app.url}/api/scenarios/${plan.id}`)).body.changes).toHaveLength(1);
  });

  it('dropping_a_conflicting_change_from_a_returned_plan_lets_it_through', async () => {
    const [contested, kept] = [await baselineCamera(108.2015), await baselineCamera(108.2016)];
    const plan = await newPlan('Làm lại thay đổi');
    const inPlan = `?scenario=${plan.id}`;
    await sendJson('PATCH', `${cameras()}/${contested}${inPlan}`, { type: 'Feature', properties: { tilt_deg: 30 } }, { ...planner, 'If-Match': '"v1"' });
    await sendJson('PATCH', `${cameras()}/${kept}${inPlan}`, { type: 'Feature', properties: { tilt_deg: 31 } }, { ...planner, 'If-Match': '"v1"' });
    await sendJson('PATCH', `${cameras()}/${contested}`, { type: 'Feature', properties: { tilt_deg: 7 } }, { 'If-Match': '"v1"' });
    const approved = await approve(plan);
    expect((await step(approved, 'merge', { version: approved.version }, admin)).status).toBe(409);
    const returned = (await step(approved, 'return', { version: approved.version, note: 'Camera đã đổi ở hiện trạng' }, admin)).body;

    const { changes } = (await getJson(`${app.url}/api/scenarios/${plan.id}`)).body;
    const copy = changes.find((c: { replaces_id: string }) => c.replaces_id === contested);
    expect(copy).toMatchObject({ conflict: true, version: 2 });
    const dropped = await fetchAs(`${cameras()}/${copy.id}${inPlan}`, { method: 'DELETE', headers: { ...planner, 'If-Match': `"v${copy.version}"` } });
    expect(dropped.status).toBe(204);
    const after = (await getJson(`${app.url}/api/scenarios/${plan.id}`)).body.changes;
    expect(after.map((c: { replaces_id: string }) => c.replaces_id)).toEqual([kept]);

    const again = await approve(returned);
    expect((await step(again, 'merge', { version: again.version }, admin)).status).toBe(200);
    expect((await getJson(`${cameras()}/${contested}`)).body.properties.tilt_deg).toBe(7);
    expect((await getJson(`${cameras()}/${kept}`)).body.properties.tilt_deg).toBe(31);
  });
});
