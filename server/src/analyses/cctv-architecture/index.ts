/**
 * The camera system as tiers, from the lens to the data centre: cameras grouped by ward and owner → access
 * node → aggregation node → core node → data centre (or IOC), with the cameras, Mbit/s and TB at each tier.
 * Each camera's place comes from its stream's route (stream-load): at each tier, the first node of that kind on
 * the way to the data centre. A route that skips a tier (a camera on a core node, say) passes a "direct" element
 * there, so every tier carries every routed camera and each tier's totals equal the sum over the cameras.
 * Pure: the same input as stream-load, a tree and tables out.
 */
import { levelOf, sumLoads, utilisationPercent, type LoadLevel } from '../stream-load/loads.js';
import { computeStreams, type RoutedStream, type StreamLoadInput, type StreamLoadOptions } from '../stream-load/streams.js';
import type { CameraProblem } from '../stream-load/cameras.js';
import type { NetworkProblem, NodeFeature } from '../stream-load/routing.js';

export const TIERS = ['cameras', 'access', 'aggregation', 'core', 'data_centre'] as const;
export type Tier = (typeof TIERS)[number];
const NETWORK_TIERS = ['core', 'aggregation', 'access'] as const;

export interface TierNode {
  /** Unique within the tree: the path of keys from the data centre. */
  key: string;
  tier: Tier;
  /** The MAN node (null for camera groups and for a tier the route skips). */
  nodeId: string | null;
  name: string;
  /** A tier the route skips. */
  direct: boolean;
  ward?: { code: string | null; name: string | null };
  owner?: string;
  cameras: number;
  mbps: number;
  storageTb: number;
  /** The node's whole load against its capacity (transit traffic included), for network tiers. */
  capacityGbps?: number | null;
  utilisationPct?: number | null;
  level?: LoadLevel;
  children: TierNode[];
}

export interface TierSummary {
  tier: Tier;
  /** Distinct elements at the tier: MAN nodes (a skipped tier counts none) or ward × owner groups. */
  elements: number;
  cameras: number;
  mbps: number;
  storageTb: number;
}

export interface CameraGroup {
  wardCode: string | null;
  wardName: string | null;
  owner: string;
  cameras: number;
  mbps: number;
  storageTb: number;
}

export interface ArchitectureResult {
  tiers: TierSummary[];
  tree: TierNode[];
  groups: CameraGroup[];
  totals: { cameras: number; mbps: number; storageTb: number; unrouted: number; private: number };
  problems: CameraProblem[];
  networkProblems: NetworkProblem[];
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;
const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

/** The MAN node of each network tier on a stream's route (undefined where the route skips the tier). */
function tierNodes(s: RoutedStream, nodes: Map<string, NodeFeature>): Record<(typeof NETWORK_TIERS)[number], string | undefined> {
  const along = s.route.nodes.slice(0, -1);
  const first = (kind: string) => along.find((id) => nodes.get(id)?.properties.kind === kind);
  return { core: first('core'), aggregation: first('aggregation'), access: first('access') };
}

/**
 * The tree as it grows: tree nodes by key (the path of MAN node ids from the data centre), the roots apart.
 * `place` adds one routed camera along its chain of tiers.
 */
class TierTree {
  readonly roots: TierNode[] = [];
  readonly index = new Map<string, TierNode>();

  constructor(private readonly nodes: Map<string, NodeFeature>, private readonly loads: Map<string, { mbps: number }>, private readonly warnAtPercent: number) {}

  place(s: RoutedStream): void {
    const ids = tierNodes(s, this.nodes);
    let key = s.route.sink;
    const chain = [this.networkNode(key, 'data_centre', s.route.sink, undefined)];
    for (const tier of NETWORK_TIERS) {
      key = `${key}/${ids[tier] ?? `direct-${tier}`}`;
      chain.push(this.networkNode(key, tier, ids[tier], chain[chain.length - 1]));
    }
    const ward = { code: s.camera.ward_code ?? null, name: s.camera.ward_name ?? null };
    chain.push(this.child(`${key}/${ward.code ?? '-'}|${s.camera.owner}`, chain[chain.length - 1], (k) => ({
      key: k, tier: 'cameras', nodeId: null, name: `${ward.name ?? '-'} · ${s.camera.owner}`, direct: false, ward, owner: s.camera.owner,
      cameras: 0, mbps: 0, storageTb: 0, children: [],
    })));
    for (const node of chain) {
      node.cameras += 1;
      node.mbps += s.mbps;
      node.storageTb += s.storageTb;
    }
  }

  private networkNode(key: string, tier: Tier, nodeId: string | undefined, parent: TierNode | undefined): TierNode {
    return this.child(key, parent, (k) => {
      const feature = nodeId ? this.nodes.get(nodeId) : undefined;
      const pct = feature ? utilisationPercent(this.loads.get(feature.id)?.mbps ?? 0, feature.properties.capacity_gbps) : null;
      return {
        key: k, tier, nodeId: nodeId ?? null, name: feature?.properties.name ?? '', direct: !nodeId, cameras: 0, mbps: 0, storageTb: 0, children: [],
        ...(feature ? { capacityGbps: feature.properties.capacity_gbps, utilisationPct: r2(pct), level: levelOf(pct, this.warnAtPercent) } : {}),
      };
    });
  }

  private child(key: string, parent: TierNode | undefined, make: (key: string) => TierNode): TierNode {
    let node = this.index.get(key);
    if (!node) {
      node = make(key);
      this.index.set(key, node);
      (parent ? parent.children : this.roots).push(node);
    }
    return node;
  }
}

/** Builds the tier tree, the per-tier totals and the ward × owner groups (Mbit/s, TB). */
export function architectureTiers(input: StreamLoadInput, options: StreamLoadOptions): ArchitectureResult {
  const streams = computeStreams(input, options);
  const tree = new TierTree(streams.routing.inService, sumLoads(streams.routed).nodes, options.warnAtPercent);
  for (const s of streams.routed) tree.place(s);
  const all = [...tree.index.values()];
  const tiers = TIERS.map((tier) => summarise(tier, all));
  const order = (a: TierNode, b: TierNode) => Number(a.direct) - Number(b.direct) || a.name.localeCompare(b.name) || (a.key < b.key ? -1 : 1);
  for (const node of all) {
    node.mbps = r3(node.mbps);
    node.storageTb = r3(node.storageTb);
    node.children.sort(order);
  }
  tree.roots.sort(order);
  return {
    tiers,
    tree: tree.roots,
    groups: cameraGroups(streams.routed),
    totals: {
      cameras: streams.routed.length,
      mbps: r3(streams.routed.reduce((s, x) => s + x.mbps, 0)),
      storageTb: r3(streams.routed.reduce((s, x) => s + x.storageTb, 0)),
      unrouted: streams.problems.length,
      private: streams.privateCameras,
    },
    problems: streams.problems,
    networkProblems: streams.routing.problems,
  };
}

/** One tier's totals, summed over its elements in the tree (before rounding); distinct elements counted. */
function summarise(tier: Tier, all: TierNode[]): TierSummary {
  const at = all.filter((n) => n.tier === tier);
  const real = at.filter((n) => !n.direct);
  const elements = tier === 'cameras' ? new Set(real.map((n) => `${n.ward?.code}|${n.owner}`)).size : new Set(real.map((n) => n.nodeId)).size;
  return {
    tier, elements,
    cameras: at.reduce((s, n) => s + n.cameras, 0),
    mbps: r3(at.reduce((s, n) => s + n.mbps, 0)),
    storageTb: r3(at.reduce((s, n) => s + n.storageTb, 0)),
  };
}

/** Cameras per ward and owner, biggest load first. */
function cameraGroups(routed: RoutedStream[]): CameraGroup[] {
  const groups = new Map<string, CameraGroup>();
  for (const s of routed) {
    const key = `${s.camera.ward_code ?? ''}|${s.camera.owner}`;
    const g = groups.get(key) ?? { wardCode: s.camera.ward_code ?? null, wardName: s.camera.ward_name ?? null, owner: s.camera.owner, cameras: 0, mbps: 0, storageTb: 0 };
    g.cameras += 1;
    g.mbps += s.mbps;
    g.storageTb += s.storageTb;
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, mbps: r3(g.mbps), storageTb: r3(g.storageTb) }))
    .sort((a, b) => b.mbps - a.mbps || (a.wardName ?? '').localeCompare(b.wardName ?? '') || a.owner.localeCompare(b.owner));
}
