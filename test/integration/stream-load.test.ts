/**
 * The stream-load and architecture processes on the small sample city, through the OGC API – Processes routes,
 * on the baseline and on plans. Figures are checked against independent SQL over the same tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { generateCity } from '../../data/generator/city.js';
import { loadCollections } from '../../server/src/features/sample-city/sample-city.service.js';
import { cameraFeature } from '../fixtures/features.js';

let app: TestApp;
const json = { 'content-type': 'application/json' };
const DESIGN = ['existing', 'planned', 'faulty'];

beforeAll(async () => {
  actAs(basicAuth('engineer'));
  app = await startTestApp();
  await loadCollections(app.db.knex, generateCity({ scale: 'small' }));
});
afterAll(async () => {
  await app?.close();
});

const run = async (id: string, inputs: Record<string, unknown> = {}) => sendJson('POST', `${app.url}/ogc/processes/${id}/execution`, { inputs }, json);
const scalar = async (sql: string, bindings: unknown[] = []) => {
  const { rows } = await app.db.knex.raw(sql, bindings as never[]);
  return Object.values(rows[0])[0] as number | string | null;
};
const newPlan = async (name: string) => (await sendJson('POST', `${app.url}/api/scenarios`, { name }, json)).body as { id: string };

/** Cameras of the analysed statuses attached to a baseline MAN node of the analysed statuses: the SQL way. */
const ROUTABLE = `FROM cameras c JOIN man_nodes n ON n.id = c.man_node_id
  WHERE c.scenario_id IS NULL AND c.status IN ('existing','planned','faulty') AND n.status IN ('existing','planned','faulty')`;

describe('stream-load and cctv-architecture processes', () => {
  let baseline: { totals: Record<string, any>; links: any; nodes: any; problems: any[] };

  it('are_listed_with_their_inputs', async () => {
    const list = (await getJson(`${app.url}/ogc/processes`)).body.processes.map((p: { id: string }) => p.id);
    expect(list).toEqual(expect.arrayContaining(['stream-load', 'cctv-architecture']));
    const one = (await getJson(`${app.url}/ogc/processes/stream-load`)).body;
    expect(Object.keys(one.inputs)).toEqual(expect.arrayContaining(['scenario', 'cameraStatuses', 'networkStatuses', 'routeBy', 'warnAtPercent']));
  });

  it('the_city_total_equals_the_sql_sum_of_the_cameras_bitrates', async () => {
    const res = await run('stream-load');
    expect(res.status).toBe(200);
    baseline = res.body;
    const mbps = Number(await scalar(`SELECT sum(c.bitrate_mbps) ${ROUTABLE}`));
    const count = Number(await scalar(`SELECT count(*) ${ROUTABLE}`));
    expect(count).toBeGreaterThan(1000);
    expect(baseline.totals.routedMbps).toBeCloseTo(mbps, 2);
    expect(baseline.totals.cameras.routed).toBe(count);
    expect(baseline.problems).toEqual([]);
    const privateCount = Number(await scalar(`SELECT count(*) FROM cameras WHERE status IN ('existing','planned','faulty') AND owner = 'resident' AND man_node_id IS NULL`));
    expect(baseline.totals.cameras.private).toBe(privateCount);
  });

  it('storage_equals_the_sql_sum_of_bitrate_times_retention_with_the_overhead', async () => {
    const tb = Number(await scalar(`SELECT sum(c.bitrate_mbps * c.retention_days * 10.8e9 * 1.3125 / 1e12) ${ROUTABLE}`));
    expect(baseline.totals.storage.requiredTb).toBeCloseTo(tb, 1);
    expect(baseline.totals.storage.capacityTb).toBe(Number(await scalar(`SELECT sum(storage_tb) FROM man_nodes WHERE kind = 'data_centre'`)));
  });

  it('every_stream_reaches_the_data_centre_and_each_link_is_a_map_feature', async () => {
    const dc = baseline.nodes.features.find((f: any) => f.properties.kind === 'data_centre');
    expect(dc.properties.load_mbps).toBeCloseTo(baseline.totals.routedMbps, 2);
    expect(baseline.links.features).toHaveLength(Number(await scalar('SELECT count(*) FROM man_links')));
    expect(baseline.links.features[0].geometry.type).toBe('LineString');
    // The data centre's links carry everything between them.
    const intoDc = baseline.links.features.filter((f: any) => [f.properties.from_node_id, f.properties.to_node_id].includes(dc.id));
    expect(intoDc.reduce((s: number, f: any) => s + f.properties.load_mbps, 0)).toBeCloseTo(baseline.totals.routedMbps, 1);
  });

  it('the_tiers_carry_the_same_total_at_every_level', async () => {
    const res = await run('cctv-architecture');
    expect(res.status).toBe(200);
    for (const tier of res.body.tiers) {
      expect(tier.cameras).toBe(baseline.totals.cameras.routed);
      expect(tier.mbps).toBeCloseTo(baseline.totals.routedMbps, 1);
    }
    const wards = Number(await scalar(`SELECT count(DISTINCT w.code) ${ROUTABLE.replace('FROM cameras c', `FROM cameras c JOIN admin_units w ON w.level = 'ward' AND ST_Intersects(w.geom, c.geom)`)}`));
    const codes = new Set(res.body.groups.map((g: { wardCode: string | null }) => g.wardCode));
    codes.delete(null);
    expect(codes.size).toBe(wards);
    // Cameras outside every ward (on the shore, say) form groups without a ward, and are still counted.
    const outside = Number(await scalar(`SELECT count(*) ${ROUTABLE} AND NOT EXISTS (SELECT 1 FROM admin_units w WHERE w.level = 'ward' AND ST_Intersects(w.geom, c.geom))`));
    const inNoWard = res.body.groups.filter((g: { wardCode: string | null }) => g.wardCode === null).reduce((s: number, g: { cameras: number }) => s + g.cameras, 0);
    expect(inNoWard).toBe(outside);
    expect(res.body.tiers.find((t: { tier: string }) => t.tier === 'data_centre').elements).toBe(1);
  });

  it('leaving_planned_nodes_out_lists_their_cameras_as_problems_and_computes_the_rest', async () => {
    const res = await run('stream-load', { networkStatuses: ['existing', 'faulty'] });
    const atPlanned = Number(await scalar(`SELECT count(*) ${ROUTABLE} AND n.status = 'planned'`));
    expect(atPlanned).toBeGreaterThan(0);
    expect(res.body.problems.filter((p: { reason: string }) => p.reason === 'man_node_out_of_service')).toHaveLength(atPlanned);
    // Planned links are left out too: the nodes behind them become unreachable, and their cameras are listed.
    expect(res.body.totals.cameras.routed + res.body.problems.length).toBe(baseline.totals.cameras.routed);
    expect(res.body.totals.routedMbps).toBeLessThan(baseline.totals.routedMbps);
  });

  it('a_plan_that_adds_cameras_adds_their_table_bitrate_and_leaves_the_baseline_alone', async () => {
    const plan = await newPlan('Thêm camera 4K');
    const node = baseline.nodes.features.find((f: any) => f.properties.kind === 'access' && f.properties.status === 'existing');
    for (let i = 0; i < 3; i++) {
      const camera = cameraFeature({ status: 'planned', codec: 'H.265', resolution_h: 3840, resolution_v: 2160, frame_rate: 25, man_node_id: node.id },
        node.geometry.coordinates);
      expect((await sendJson('POST', `${app.url}/ogc/collections/cameras/items?scenario=${plan.id}`, camera)).status).toBe(201);
    }
    const res = await run('stream-load', { scenario: plan.id });
    const added = 3 * (3840 * 2160 * 25 * 0.035) / 1e6;
    expect(res.body.totals.routedMbps).toBeCloseTo(baseline.totals.routedMbps + added, 2);
    const before = baseline.nodes.features.find((f: any) => f.id === node.id).properties.load_mbps;
    expect(res.body.nodes.features.find((f: any) => f.id === node.id).properties.load_mbps).toBeCloseTo(before + added, 2);
    expect((await run('stream-load')).body.totals.routedMbps).toBe(baseline.totals.routedMbps);
  });

  it('a_plan_that_lowers_a_node_capacity_flags_it_and_keeps_its_cameras_routed', async () => {
    const plan = await newPlan('Nút truy nhập nhỏ');
    const busiest = [...baseline.nodes.features].filter((f: any) => f.properties.kind === 'access').sort((a: any, b: any) => b.properties.load_mbps - a.properties.load_mbps)[0];
    const version = (await getJson(`${app.url}/ogc/collections/man_nodes/items/${busiest.id}`)).body.properties.version;
    const patched = await sendJson('PATCH', `${app.url}/ogc/collections/man_nodes/items/${busiest.id}?scenario=${plan.id}`,
      { type: 'Feature', properties: { capacity_gbps: 0.001 } }, { 'If-Match': `"v${version}"` });
    expect(patched.status).toBe(201);
    const res = await run('stream-load', { scenario: plan.id });
    const copy = res.body.nodes.features.find((f: any) => f.id === patched.body.id);
    expect(copy.properties).toMatchObject({ level: 'over', cameras_attached: busiest.properties.cameras_attached });
    expect(res.body.problems).toEqual([]);
    expect(res.body.totals.nodes.over).toBe(1);
  });

  it('a_plan_that_retires_an_access_link_makes_its_cameras_unreachable', async () => {
    const plan = await newPlan('Cắt tuyến truy nhập');
    const node = [...baseline.nodes.features].filter((f: any) => f.properties.kind === 'access' && f.properties.cameras_attached > 0)[0];
    const spurs = baseline.links.features.filter((f: any) => [f.properties.from_node_id, f.properties.to_node_id].includes(node.id));
    for (const spur of spurs) {
      const version = (await getJson(`${app.url}/ogc/collections/man_links/items/${spur.id}`)).body.properties.version;
      const retired = await fetchAs(`${app.url}/ogc/collections/man_links/items/${spur.id}?scenario=${plan.id}`, { method: 'DELETE', headers: { 'If-Match': `"v${version}"` } });
      expect(retired.status).toBe(201);
    }
    const res = await run('stream-load', { scenario: plan.id });
    const unreachable = res.body.problems.filter((p: { reason: string }) => p.reason === 'unreachable');
    expect(unreachable).toHaveLength(node.properties.cameras_attached);
    expect(unreachable[0].message).toContain(node.properties.name);
    expect(res.body.nodes.features.find((f: any) => f.id === node.id).properties.level).toBe('unreachable');
    expect(res.body.totals.cameras.routed).toBe(baseline.totals.cameras.routed - node.properties.cameras_attached);
  });

  it('refuses_an_unknown_plan_and_bad_inputs_naming_them', async () => {
    const unknown = await run('stream-load', { scenario: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'inputs.scenario', message: 'no such plan' }]);
    const bad = await run('cctv-architecture', { warnAtPercent: 0, routeBy: 'cost', cameraStatuses: ['broken'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['inputs.cameraStatuses.0', 'inputs.routeBy', 'inputs.warnAtPercent']);
  });

  it('without_a_data_centre_in_service_it_says_so_once', async () => {
    const res = await run('stream-load', { networkStatuses: ['planned'] });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/no data centre/);
  });

  it('runs_as_a_job_too', async () => {
    const started = await sendJson('POST', `${app.url}/ogc/processes/stream-load/execution`, { inputs: {} }, { ...json, Prefer: 'respond-async' });
    expect(started.status).toBe(201);
    const location = started.headers.get('location')!;
    for (let i = 0; i < 200; i++) {
      const { body } = await getJson(location);
      if (body.status === 'successful') break;
      expect(['accepted', 'running']).toContain(body.status);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await getJson(`${location}/results`)).body.totals.routedMbps).toBe(baseline.totals.routedMbps);
  });
});
