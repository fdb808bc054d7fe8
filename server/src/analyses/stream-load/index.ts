/**
 * Stream load: what the cameras' video costs the MAN and the data centre. Each camera's bitrate (its own, or
 * from the codec table) is routed from its MAN node to the nearest data centre; loads are summed on every node
 * and link and compared with their capacities, and the recordings' storage with the data centre's.
 * Pure: cameras, nodes and links in (GeoJSON features and plain records), GeoJSON and figures out.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { CameraProblem } from './cameras.js';
import { levelOf, sumLoads, utilisationPercent, type Load, type LoadLevel, type Loads } from './loads.js';
import { linkLengthM, type NetworkProblem } from './routing.js';
import { computeStreams, type StreamLoadInput, type StreamLoadOptions, type Streams } from './streams.js';

export { DEFAULT_OPTIONS, DEFAULT_STATUSES, computeStreams, type StreamLoadInput, type StreamLoadOptions } from './streams.js';

export type ElementLevel = LoadLevel | 'out_of_service' | 'unreachable';

export interface LinkLoadProps {
  from_node_id: string;
  to_node_id: string;
  status: string;
  capacity_gbps: number | null;
  length_m: number;
  load_mbps: number;
  utilisation_pct: number | null;
  level: ElementLevel;
  cameras: number;
}

export interface NodeLoadProps {
  name: string;
  kind: string;
  status: string;
  capacity_gbps: number | null;
  storage_tb: number | null;
  load_mbps: number;
  utilisation_pct: number | null;
  level: ElementLevel;
  /** Cameras whose streams cross the node, and those attached to it. */
  cameras: number;
  cameras_attached: number;
  sink: boolean;
}

export interface SinkTotals {
  id: string;
  name: string;
  kind: string;
  cameras: number;
  mbps: number;
  storageTb: number;
  storageCapacityTb: number | null;
}

export interface StreamLoadTotals {
  cameras: { considered: number; routed: number; private: number; withProblems: number; byStatus: Record<string, number> };
  routedMbps: number;
  storage: { requiredTb: number; capacityTb: number | null; utilisationPct: number | null; level: LoadLevel; overheadPercent: number };
  links: { inService: number; over: number; near: number; maxUtilisationPct: number | null };
  nodes: { inService: number; over: number; near: number; unreachable: number };
  sinks: SinkTotals[];
}

export interface StreamLoadResult {
  links: FeatureCollection<LineString, LinkLoadProps>;
  nodes: FeatureCollection<Point, NodeLoadProps>;
  totals: StreamLoadTotals;
  problems: CameraProblem[];
  networkProblems: NetworkProblem[];
}

/** Rounds Mbit/s and TB to 1e-3, percentages to 1e-2: stable figures for output and fixtures. */
const r3 = (v: number) => Math.round(v * 1000) / 1000;
const r2 = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);
const NONE: Load = { mbps: 0, cameras: 0 };

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : 1);

function linkFeatures(input: StreamLoadInput, streams: Streams, loads: Loads, warn: number): Feature<LineString, LinkLoadProps>[] {
  return [...input.links].sort(byId).map((link) => {
    const inService = streams.routing.usableLinks.has(link.id);
    const load = loads.links.get(link.id) ?? NONE;
    const pct = inService ? utilisationPercent(load.mbps, link.properties.capacity_gbps) : null;
    return {
      type: 'Feature', id: link.id, geometry: link.geometry,
      properties: {
        from_node_id: link.properties.from_node_id, to_node_id: link.properties.to_node_id, status: link.properties.status,
        capacity_gbps: link.properties.capacity_gbps, length_m: Math.round(linkLengthM(link) * 10) / 10,
        load_mbps: r3(load.mbps), utilisation_pct: r2(pct), level: inService ? levelOf(pct, warn) : 'out_of_service', cameras: load.cameras,
      },
    };
  });
}

function nodeFeatures(input: StreamLoadInput, streams: Streams, loads: Loads, warn: number): Feature<Point, NodeLoadProps>[] {
  const { routing } = streams;
  return [...input.nodes].sort(byId).map((node) => {
    const load = loads.nodes.get(node.id) ?? NONE;
    const inService = routing.inService.has(node.id);
    const pct = inService ? utilisationPercent(load.mbps, node.properties.capacity_gbps) : null;
    const level: ElementLevel = !inService ? 'out_of_service' : !routing.routes.has(node.id) ? 'unreachable' : levelOf(pct, warn);
    return {
      type: 'Feature', id: node.id, geometry: node.geometry,
      properties: {
        name: node.properties.name, kind: node.properties.kind, status: node.properties.status,
        capacity_gbps: node.properties.capacity_gbps, storage_tb: node.properties.storage_tb ?? null,
        load_mbps: r3(load.mbps), utilisation_pct: r2(pct), level, cameras: load.cameras,
        cameras_attached: (loads.attached.get(node.id) ?? NONE).cameras, sink: routing.sinks.includes(node.id),
      },
    };
  });
}

/** Streams, load and storage per data centre, and the storage of all of them against their capacity (TB). */
function storageTotals(streams: Streams, loads: Loads, options: StreamLoadOptions) {
  const sinks: SinkTotals[] = streams.routing.sinks.map((id) => {
    const node = streams.routing.inService.get(id)!;
    const load = loads.sinks.get(id) ?? { mbps: 0, cameras: 0, storageTb: 0 };
    return { id, name: node.properties.name, kind: node.properties.kind, cameras: load.cameras, mbps: r3(load.mbps), storageTb: r3(load.storageTb), storageCapacityTb: node.properties.storage_tb ?? null };
  });
  const requiredTb = streams.routed.reduce((s, x) => s + x.storageTb, 0);
  const known = sinks.filter((s) => s.storageCapacityTb !== null);
  const capacityTb = options.storageCapacityTb ?? (known.length ? known.reduce((s, x) => s + x.storageCapacityTb!, 0) : null);
  const pct = capacityTb ? (requiredTb / capacityTb) * 100 : null;
  const storage = { requiredTb: r3(requiredTb), capacityTb, utilisationPct: r2(pct), level: levelOf(pct, options.warnAtPercent), overheadPercent: options.storageOverheadPercent };
  return { sinks, storage };
}

const count = <T extends { properties: { level: string } }>(features: T[], level: string) => features.filter((f) => f.properties.level === level).length;

/** Computes the stream load of the network (see the module comment); Mbit/s, Gbit/s, TB and percent. */
export function streamLoad(input: StreamLoadInput, options: StreamLoadOptions): StreamLoadResult {
  const streams = computeStreams(input, options);
  const loads = sumLoads(streams.routed);
  const links = linkFeatures(input, streams, loads, options.warnAtPercent);
  const nodes = nodeFeatures(input, streams, loads, options.warnAtPercent);
  const { sinks, storage } = storageTotals(streams, loads, options);
  const inServiceLinks = links.filter((f) => f.properties.level !== 'out_of_service');
  const pcts = inServiceLinks.map((f) => f.properties.utilisation_pct).filter((p): p is number => p !== null);
  return {
    links: { type: 'FeatureCollection', features: links },
    nodes: { type: 'FeatureCollection', features: nodes },
    totals: {
      cameras: {
        considered: Object.values(streams.byStatus).reduce((s, n) => s + n, 0), routed: streams.routed.length,
        private: streams.privateCameras, withProblems: streams.problems.length, byStatus: streams.byStatus,
      },
      routedMbps: r3(streams.routed.reduce((s, x) => s + x.mbps, 0)),
      storage,
      links: { inService: inServiceLinks.length, over: count(links, 'over'), near: count(links, 'near'), maxUtilisationPct: pcts.length ? Math.max(...pcts) : null },
      nodes: { inService: streams.routing.inService.size, over: count(nodes, 'over'), near: count(nodes, 'near'), unreachable: count(nodes, 'unreachable') },
      sinks,
    },
    problems: streams.problems,
    networkProblems: streams.routing.problems,
  };
}
