/**
 * Sums the streams on every node and link they cross and compares each sum with the capacity.
 * A link's capacity (`capacity_gbps`) is what it carries in each direction; camera streams all flow toward the
 * data centre, so the sum is compared with it as it is. A node's capacity is its switching capacity: every stream
 * that enters, leaves or crosses the node counts once.
 */
import type { RoutedStream } from './streams.js';

export type LoadLevel = 'ok' | 'near' | 'over' | 'no_capacity';

export interface Load {
  mbps: number;
  /** Cameras whose streams cross it. */
  cameras: number;
}

export interface Loads {
  nodes: Map<string, Load>;
  links: Map<string, Load>;
  /** Streams starting at each node (the cameras attached to it). */
  attached: Map<string, Load>;
  /** Streams, and their storage in TB, ending at each data centre. */
  sinks: Map<string, Load & { storageTb: number }>;
}

function add(map: Map<string, Load>, id: string, mbps: number, cameras: number): void {
  const load = map.get(id);
  if (load) {
    load.mbps += mbps;
    load.cameras += cameras;
  } else {
    map.set(id, { mbps, cameras });
  }
}

/** Sums the routed streams on nodes and links: first per attaching node, then once along each node's route. */
export function sumLoads(streams: readonly RoutedStream[]): Loads {
  const attached = new Map<string, Load>();
  const sinks = new Map<string, Load & { storageTb: number }>();
  const routeOf = new Map<string, RoutedStream['route']>();
  for (const s of streams) {
    add(attached, s.nodeId, s.mbps, 1);
    routeOf.set(s.nodeId, s.route);
    const sink = sinks.get(s.route.sink) ?? { mbps: 0, cameras: 0, storageTb: 0 };
    sink.mbps += s.mbps;
    sink.cameras += 1;
    sink.storageTb += s.storageTb;
    sinks.set(s.route.sink, sink);
  }
  const nodes = new Map<string, Load>();
  const links = new Map<string, Load>();
  for (const [nodeId, load] of attached) {
    const route = routeOf.get(nodeId)!;
    for (const id of route.nodes) add(nodes, id, load.mbps, load.cameras);
    for (const id of route.links) add(links, id, load.mbps, load.cameras);
  }
  return { nodes, links, attached, sinks };
}

/** Utilisation in percent of a load in Mbit/s on a capacity in Gbit/s; null without a capacity. */
export function utilisationPercent(mbps: number, capacityGbps: number | null | undefined): number | null {
  if (typeof capacityGbps !== 'number' || !(capacityGbps > 0)) return null;
  return (mbps / (capacityGbps * 1000)) * 100;
}

/** Over capacity above 100 %, near it from `warnAtPercent` %, else ok. */
export function levelOf(percent: number | null, warnAtPercent: number): LoadLevel {
  if (percent === null) return 'no_capacity';
  if (percent > 100) return 'over';
  if (percent >= warnAtPercent) return 'near';
  return 'ok';
}
