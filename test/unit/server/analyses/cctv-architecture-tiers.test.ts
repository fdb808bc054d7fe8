import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { architectureTiers, type TierNode } from '../../../../server/src/analyses/cctv-architecture/index.js';
import { DEFAULT_OPTIONS } from '../../../../server/src/analyses/stream-load/index.js';
import { camera, link, node } from '../../../fixtures/man-network.js';

const options = { ...DEFAULT_OPTIONS, storageOverheadPercent: 0 };
// DC ── core ── agg ─┬─ a1 ; a core node with a camera of its own (the route skips access and aggregation).
//                    └─ a2
const dc = node('dc', 'data_centre', 0, 0, 400);
const core = node('core', 'core', 1, 0, 400);
const agg = node('agg', 'aggregation', 2, 0, 100);
const a1 = node('a1', 'access', 3, 1, 10);
const a2 = node('a2', 'access', 3, -1, 10);
const nodes = [dc, core, agg, a1, a2];
const links = [link('dc-core', dc, core, 100), link('core-agg', core, agg, 40), link('agg-a1', agg, a1, 10), link('agg-a2', agg, a2, 10)];
const inWard = (code: string) => ({ ward_code: code, ward_name: `Phường ${code}` });

function walk(roots: TierNode[], visit: (n: TierNode, depth: number) => void, depth = 0): void {
  for (const n of roots) {
    visit(n, depth);
    walk(n.children, visit, depth + 1);
  }
}

describe('the architecture tiers', () => {
  const cameras = [
    camera('p1', 'a1', 2, { owner: 'police', ...inWard('W1') }),
    camera('p2', 'a1', 3, { owner: 'police', ...inWard('W1') }),
    camera('t1', 'a1', 4, { owner: 'transport', ...inWard('W1') }),
    camera('w2', 'a2', 5, { owner: 'ward', ...inWard('W2') }),
    camera('k', 'core', 6, { owner: 'city', ...inWard('W3') }),
  ];
  const result = architectureTiers({ nodes, links, cameras }, options);

  it('groups_cameras_by_ward_and_owner_under_their_access_node_up_to_the_data_centre', () => {
    expect(result.tree).toHaveLength(1);
    const [root] = result.tree;
    expect(root).toMatchObject({ tier: 'data_centre', nodeId: 'dc', cameras: 5, mbps: 20 });
    const [coreNode] = root.children;
    expect(coreNode).toMatchObject({ tier: 'core', nodeId: 'core', cameras: 5 });
    const aggNode = coreNode.children.find((c) => c.nodeId === 'agg')!;
    expect(aggNode).toMatchObject({ cameras: 4, mbps: 14 });
    const a1Node = aggNode.children.find((c) => c.nodeId === 'a1')!;
    expect(a1Node.children.map((g) => [g.ward?.code, g.owner, g.cameras, g.mbps])).toEqual([['W1', 'police', 2, 5], ['W1', 'transport', 1, 4]]);
  });

  it('a_route_that_skips_a_tier_passes_a_direct_element_there', () => {
    const direct = result.tree[0].children[0].children.find((c) => c.direct)!;
    expect(direct).toMatchObject({ tier: 'aggregation', nodeId: null, cameras: 1, mbps: 6 });
    expect(direct.children[0]).toMatchObject({ tier: 'access', direct: true });
    expect(direct.children[0].children[0]).toMatchObject({ tier: 'cameras', owner: 'city', ward: { code: 'W3', name: 'Phường W3' } });
  });

  it('counts_distinct_elements_per_tier', () => {
    expect(result.tiers.map((t) => [t.tier, t.elements])).toEqual([['cameras', 4], ['access', 2], ['aggregation', 1], ['core', 1], ['data_centre', 1]]);
  });

  it('every_tier_totals_the_sum_of_the_routed_cameras', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ at: fc.constantFrom('a1', 'a2', 'agg', 'core', 'dc'), mbps: fc.double({ min: 0.1, max: 50, noNaN: true }),
        days: fc.integer({ min: 1, max: 90 }), owner: fc.constantFrom('police', 'ward', 'city'), ward: fc.constantFrom('W1', 'W2') }), { maxLength: 40 }),
      (specs) => {
        const cams = specs.map((s, i) => camera(`c${i}`, s.at, s.mbps, { owner: s.owner, retention_days: s.days, ...inWard(s.ward) }));
        const r = architectureTiers({ nodes, links, cameras: cams }, options);
        const mbps = specs.reduce((s, x) => s + x.mbps, 0);
        const tb = specs.reduce((s, x) => s + (x.mbps * 10.8e9 * x.days) / 1e12, 0);
        for (const tier of r.tiers) {
          expect(tier.cameras).toBe(specs.length);
          expect(tier.mbps).toBeCloseTo(mbps, 2);
          expect(tier.storageTb).toBeCloseTo(tb, 2);
        }
        // Each tree node carries exactly what its children carry.
        walk(r.tree, (n) => {
          if (n.children.length) expect(n.children.reduce((s, c) => s + c.cameras, 0)).toBe(n.cameras);
        });
      }));
  });

  it('cameras_that_cannot_be_routed_stay_out_of_the_tiers_and_are_listed', () => {
    const r = architectureTiers({ nodes, links, cameras: [...cameras, camera('x', null, 1), camera('home', null, 1, { owner: 'resident' })] }, options);
    expect(r.totals).toMatchObject({ cameras: 5, unrouted: 1, private: 1 });
    expect(r.problems.map((p) => p.cameraId)).toEqual(['x']);
  });

  it('lists_the_camera_groups_biggest_load_first', () => {
    expect(result.groups.map((g) => [g.wardCode, g.owner, g.cameras, g.mbps])).toEqual([
      ['W3', 'city', 1, 6], ['W1', 'police', 2, 5], ['W2', 'ward', 1, 5], ['W1', 'transport', 1, 4],
    ]);
  });
});
