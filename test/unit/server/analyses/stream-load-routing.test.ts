import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, streamLoad, type StreamLoadOptions } from '../../../../server/src/analyses/stream-load/index.js';
import { routeNetwork } from '../../../../server/src/analyses/stream-load/routing.js';
import { camera, link, node } from '../../../fixtures/man-network.js';

const options = (o: Partial<StreamLoadOptions> = {}): StreamLoadOptions => ({ ...DEFAULT_OPTIONS, storageOverheadPercent: 0, ...o });
const props = <T extends { id?: string | number; properties: unknown }>(features: T[], id: string) =>
  features.find((f) => f.id === id)!.properties as Record<string, unknown>;

// DC ── core ── agg ─┬─ a1
//                    └─ a2
const dc = node('dc', 'data_centre', 0, 0, 400, { storage_tb: 1 });
const core = node('core', 'core', 1, 0, 400);
const agg = node('agg', 'aggregation', 2, 0, 100);
const a1 = node('a1', 'access', 3, 1, 10);
const a2 = node('a2', 'access', 3, -1, 10);
const tree = [link('dc-core', dc, core, 100), link('core-agg', core, agg, 0.02), link('agg-a1', agg, a1, 10), link('agg-a2', agg, a2, 0.008)];

describe('routing streams to the data centre', () => {
  it('loads_are_summed_on_the_links_the_streams_share', () => {
    const r = streamLoad({ nodes: [dc, core, agg, a1, a2], links: tree, cameras: [camera('c1', 'a1', 3), camera('c2', 'a1', 4), camera('c3', 'a2', 10)] }, options());
    expect(props(r.links.features, 'agg-a1')).toMatchObject({ load_mbps: 7, cameras: 2 });
    expect(props(r.links.features, 'agg-a2')).toMatchObject({ load_mbps: 10, cameras: 1 });
    expect(props(r.links.features, 'core-agg')).toMatchObject({ load_mbps: 17, cameras: 3 });
    expect(props(r.links.features, 'dc-core')).toMatchObject({ load_mbps: 17, cameras: 3 });
    // A node counts every stream that enters, leaves or crosses it.
    expect(props(r.nodes.features, 'agg')).toMatchObject({ load_mbps: 17, cameras: 3, cameras_attached: 0 });
    expect(props(r.nodes.features, 'dc')).toMatchObject({ load_mbps: 17, sink: true });
    expect(r.totals.routedMbps).toBe(17);
  });

  it('a_link_over_its_capacity_is_flagged_overloaded_and_one_above_the_threshold_near', () => {
    const r = streamLoad({ nodes: [dc, core, agg, a1, a2], links: tree, cameras: [camera('c1', 'a1', 7), camera('c3', 'a2', 10)] }, options());
    // 10 Mbit/s on 8 Mbit/s: 125 %. 17 Mbit/s on 20 Mbit/s: 85 % ≥ 80 %.
    expect(props(r.links.features, 'agg-a2')).toMatchObject({ utilisation_pct: 125, level: 'over' });
    expect(props(r.links.features, 'core-agg')).toMatchObject({ utilisation_pct: 85, level: 'near' });
    expect(props(r.links.features, 'agg-a1')).toMatchObject({ level: 'ok' });
    expect(r.totals.links).toMatchObject({ over: 1, near: 1, maxUtilisationPct: 125 });
  });

  it('a_node_with_no_path_to_the_data_centre_is_reported_and_its_cameras_listed', () => {
    const island = node('island', 'access', 9, 9);
    const r = streamLoad({ nodes: [dc, core, agg, a1, a2, island], links: tree, cameras: [camera('c1', 'a1', 3), camera('lost', 'island', 5)] }, options());
    expect(props(r.nodes.features, 'island')).toMatchObject({ level: 'unreachable' });
    expect(r.networkProblems).toEqual([expect.objectContaining({ featureId: 'island', reason: 'node_unreachable' })]);
    expect(r.problems).toEqual([expect.objectContaining({ cameraId: 'lost', reason: 'unreachable' })]);
    expect(r.problems[0].message).toMatch(/Node island/);
    // The rest of the city is still computed.
    expect(r.totals.routedMbps).toBe(3);
    expect(r.totals.cameras).toMatchObject({ routed: 1, withProblems: 1 });
  });

  it('the_shortest_path_by_length_avoids_a_link_left_out_by_status', () => {
    // A ring: the short way round (a1 → c1 → dc, 2 km) or the long way (a1 → c2 → c3 → dc, 3 km).
    const c1 = node('c1', 'core', 1, 1);
    const c2 = node('c2', 'core', 1, -1);
    const c3 = node('c3', 'core', 0, -1);
    const ring = [link('a1-c1', a1, c1, 10), link('c1-dc', dc, c1, 10, 1000, 'faulty'), link('a1-c2', a1, c2, 10), link('c2-c3', c2, c3, 10), link('c3-dc', c3, dc, 10)];
    const input = { nodes: [dc, c1, c2, c3, a1], links: ring, cameras: [camera('x', 'a1', 5)] };
    const design = streamLoad(input, options());
    expect(props(design.links.features, 'c1-dc')).toMatchObject({ load_mbps: 5 });
    expect(props(design.links.features, 'c3-dc')).toMatchObject({ load_mbps: 0 });
    const running = streamLoad(input, options({ networkStatuses: ['existing'] }));
    expect(props(running.links.features, 'c1-dc')).toMatchObject({ level: 'out_of_service', load_mbps: 0 });
    expect(props(running.links.features, 'c3-dc')).toMatchObject({ load_mbps: 5 });
  });

  it('routing_by_hops_ignores_length', () => {
    const far = node('far', 'core', 5, 5);
    const links = [link('a1-dc', a1, dc, 10, 9000), link('a1-far', a1, far, 10, 10), link('far-core', far, core, 10, 10), link('core-dc', core, dc, 10, 10)];
    expect(routeNetwork([dc, core, far, a1], links, new Set(['existing']), 'length').routes.get('a1')!.links).toEqual(['a1-far', 'far-core', 'core-dc']);
    expect(routeNetwork([dc, core, far, a1], links, new Set(['existing']), 'hops').routes.get('a1')!.links).toEqual(['a1-dc']);
  });

  it('each_node_goes_to_its_nearest_data_centre', () => {
    const dc2 = node('dc2', 'data_centre', 4, 0, 400, { storage_tb: 2 });
    // a1: 1.5 km to dc2 against 3 km to dc; a2: 3 km to dc against 2 + 1.5 km to dc2.
    const links = [...tree, link('a1-dc2', a1, dc2, 10, 1500)];
    const r = streamLoad({ nodes: [dc, dc2, core, agg, a1, a2], links, cameras: [camera('c1', 'a1', 3), camera('c3', 'a2', 1)] }, options());
    expect(r.totals.sinks.map((s) => [s.id, s.cameras, s.mbps])).toEqual([['dc', 1, 1], ['dc2', 1, 3]]);
    expect(r.totals.storage.capacityTb).toBe(3);
  });

  it('total_storage_is_compared_with_the_data_centre_storage', () => {
    // 10 Mbit/s × 30 days = 3.24 TB against 1 TB.
    const r = streamLoad({ nodes: [dc, core, agg, a1, a2], links: tree, cameras: [camera('c1', 'a1', 10)] }, options());
    expect(r.totals.storage).toMatchObject({ requiredTb: 3.24, capacityTb: 1, utilisationPct: 324, level: 'over' });
    const given = streamLoad({ nodes: [dc, core, agg, a1, a2], links: tree, cameras: [camera('c1', 'a1', 10)] }, options({ storageCapacityTb: 4 }));
    expect(given.totals.storage).toMatchObject({ utilisationPct: 81, level: 'near' });
  });

  it('a_link_to_a_node_out_of_service_carries_nothing_and_says_why', () => {
    const retired = node('old', 'access', 5, 5, 10, { status: 'decommissioned' });
    const r = streamLoad({ nodes: [dc, core, agg, a1, a2, retired], links: [...tree, link('agg-old', agg, retired, 10)], cameras: [camera('c', 'old', 2)] }, options());
    expect(r.networkProblems).toEqual([expect.objectContaining({ featureId: 'agg-old', reason: 'link_endpoint_out_of_service' })]);
    expect(r.problems).toEqual([expect.objectContaining({ cameraId: 'c', reason: 'man_node_out_of_service' })]);
    expect(props(r.nodes.features, 'old')).toMatchObject({ level: 'out_of_service' });
  });

  it('a_network_without_a_data_centre_reports_it_once', () => {
    const r = streamLoad({ nodes: [core, agg], links: [link('core-agg', core, agg, 1)], cameras: [camera('c', 'agg', 1)] }, options());
    expect(r.networkProblems.map((p) => p.reason)).toContain('no_data_centre');
    expect(r.totals.routedMbps).toBe(0);
  });
});
