/**
 * Routes every MAN node's traffic to the nearest data centre over the links in service, as the city's network
 * would with a link-state protocol (OSPF/IS-IS) whose link costs are fibre lengths (or hop counts): one
 * Dijkstra search from the data centres (graphology-shortest-path) gives every node its single shortest path.
 * No load balancing over equal paths: a tie goes to the path found first, which is stable for stable input.
 */
import type { Feature, LineString, Point } from 'geojson';
import { MultiUndirectedGraph } from 'graphology';
import { dijkstra } from 'graphology-shortest-path';
import { length as turfLength } from '@turf/turf';

export type NodeKind = 'core' | 'aggregation' | 'access' | 'data_centre' | 'ioc';

export interface NodeProps {
  name: string;
  kind: NodeKind | string;
  status: string;
  capacity_gbps: number | null;
  storage_tb?: number | null;
}

export interface LinkProps {
  from_node_id: string;
  to_node_id: string;
  status: string;
  capacity_gbps: number | null;
  /** Fibre route length in metres; computed from the geometry when absent. */
  length_m?: number | null;
}

export type NodeFeature = Feature<Point, NodeProps> & { id: string };
export type LinkFeature = Feature<LineString, LinkProps> & { id: string };
export type RouteBy = 'length' | 'hops';

export interface NetworkProblem {
  collection: 'man_nodes' | 'man_links';
  featureId: string;
  reason: 'link_endpoint_unknown' | 'link_endpoint_out_of_service' | 'node_unreachable' | 'no_data_centre';
  message: string;
}

export interface Route {
  /** Node ids from the node itself to its data centre, both included. */
  nodes: string[];
  /** Link ids along the way, in the same order. */
  links: string[];
  sink: string;
}

export interface Routing {
  /** Nodes whose status is analysed (in service), by id. */
  inService: Map<string, NodeFeature>;
  /** Links whose status is analysed and whose two ends are in service, by id. */
  usableLinks: Map<string, LinkFeature>;
  /** The data centres (or, without one, the IOCs) in service: where the streams end. */
  sinks: string[];
  /** Route of every node that reaches a data centre. */
  routes: Map<string, Route>;
  problems: NetworkProblem[];
}

const SUPER_SINK = '\u0000sinks';

/** Length of a link in metres: its stored length, else the length of its line on the ellipsoid (turf, WGS 84). */
export function linkLengthM(link: LinkFeature): number {
  const stored = link.properties.length_m;
  if (typeof stored === 'number' && stored > 0) return stored;
  return turfLength(link, { units: 'meters' });
}

/** The data centres in service, or the IOCs when there is no data centre: the streams' destinations. */
export function sinkIds(inService: Map<string, NodeFeature>): string[] {
  const of = (kind: string) => [...inService.values()].filter((n) => n.properties.kind === kind).map((n) => n.id).sort();
  const centres = of('data_centre');
  return centres.length ? centres : of('ioc');
}

function usable(links: readonly LinkFeature[], inService: Map<string, NodeFeature>, all: Set<string>, statuses: ReadonlySet<string>,
  problems: NetworkProblem[]): Map<string, LinkFeature> {
  const out = new Map<string, LinkFeature>();
  for (const link of [...links].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!statuses.has(link.properties.status)) continue;
    const ends = [link.properties.from_node_id, link.properties.to_node_id];
    const unknown = ends.find((id) => !all.has(id));
    const idle = ends.find((id) => all.has(id) && !inService.has(id));
    if (unknown || idle) {
      problems.push({
        collection: 'man_links', featureId: link.id,
        reason: unknown ? 'link_endpoint_unknown' : 'link_endpoint_out_of_service',
        message: unknown
          ? `MAN link ${link.id} ends at node ${unknown}, which does not exist in this network; it carries no traffic.`
          : `MAN link ${link.id} ends at node ${idle}, whose status is left out of this analysis; it carries no traffic.`,
      });
      continue;
    }
    out.set(link.id, link);
  }
  return out;
}

/**
 * Builds the network of the nodes and links whose status is in `statuses` and routes every node to its nearest
 * data centre, by fibre length in metres (`routeBy: 'length'`) or by number of links (`'hops'`).
 */
export function routeNetwork(nodes: readonly NodeFeature[], links: readonly LinkFeature[], statuses: ReadonlySet<string>, routeBy: RouteBy): Routing {
  const problems: NetworkProblem[] = [];
  const sorted = [...nodes].sort((a, b) => (a.id < b.id ? -1 : 1));
  const inService = new Map(sorted.filter((n) => statuses.has(n.properties.status)).map((n) => [n.id, n]));
  const usableLinks = usable(links, inService, new Set(nodes.map((n) => n.id)), statuses, problems);
  const sinks = sinkIds(inService);
  const graph = new MultiUndirectedGraph<Record<string, never>, { weight: number }>();
  for (const id of inService.keys()) graph.addNode(id);
  for (const link of usableLinks.values()) {
    graph.addEdgeWithKey(link.id, link.properties.from_node_id, link.properties.to_node_id,
      { weight: routeBy === 'hops' ? 1 : linkLengthM(link) });
  }
  const routes = new Map<string, Route>();
  if (sinks.length === 0) {
    problems.push({ collection: 'man_nodes', featureId: '', reason: 'no_data_centre', message: 'The network has no data centre (or IOC) node in service: no stream has a destination.' });
    return { inService, usableLinks, sinks, routes, problems };
  }
  graph.addNode(SUPER_SINK);
  for (const sink of sinks) graph.addEdgeWithKey(`${SUPER_SINK}${sink}`, SUPER_SINK, sink, { weight: 0 });
  const paths = dijkstra.singleSource(graph, SUPER_SINK, 'weight');
  for (const [id, path] of Object.entries(paths)) {
    if (id === SUPER_SINK) continue;
    const towardSink = path.slice(1).reverse();
    routes.set(id, { nodes: towardSink, links: linksAlong(graph, towardSink), sink: towardSink[towardSink.length - 1] });
  }
  for (const node of inService.values()) {
    if (routes.has(node.id)) continue;
    problems.push({
      collection: 'man_nodes', featureId: node.id, reason: 'node_unreachable',
      message: `MAN node "${node.properties.name}" has no path of links in service to a data centre.`,
    });
  }
  return { inService, usableLinks, sinks, routes, problems };
}

/** The links between consecutive nodes of a path: of parallel links, the lightest (as Dijkstra took it). */
function linksAlong(graph: MultiUndirectedGraph<Record<string, never>, { weight: number }>, path: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const edges = graph.edges(path[i], path[i + 1]);
    edges.sort((a, b) => graph.getEdgeAttribute(a, 'weight') - graph.getEdgeAttribute(b, 'weight') || (a < b ? -1 : 1));
    out.push(edges[0]);
  }
  return out;
}
