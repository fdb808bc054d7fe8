/**
 * From cameras and network to routed streams: costs every camera whose status is analysed, routes the network,
 * and keeps the streams whose node reaches a data centre. Shared by the stream load and the architecture view.
 */
import { DEFAULT_BITS_PER_PIXEL, DEFAULT_STORAGE_OVERHEAD_PERCENT, type Codec } from './bitrate.js';
import { costCamera, isPrivateCamera, unreachableProblem, type CameraProblem, type CameraRecord, type CameraStream } from './cameras.js';
import { routeNetwork, type LinkFeature, type NodeFeature, type Route, type RouteBy, type Routing } from './routing.js';

export interface StreamLoadInput {
  cameras: readonly CameraRecord[];
  nodes: readonly NodeFeature[];
  links: readonly LinkFeature[];
}

export interface StreamLoadOptions {
  /** Camera statuses that send a stream (default existing, planned, faulty: the system as designed). */
  cameraStatuses: readonly string[];
  /** Node and link statuses that carry traffic (same default). */
  networkStatuses: readonly string[];
  routeBy: RouteBy;
  /** Utilisation (%) from which a link, node or the storage is flagged as near its capacity. */
  warnAtPercent: number;
  storageOverheadPercent: number;
  bitsPerPixel: Readonly<Record<Codec, number>>;
  /** Storage of the data centres in TB; by default the sum of their `storage_tb`. */
  storageCapacityTb?: number | null;
}

export const DEFAULT_STATUSES = ['existing', 'planned', 'faulty'] as const;

export const DEFAULT_OPTIONS: StreamLoadOptions = {
  cameraStatuses: DEFAULT_STATUSES,
  networkStatuses: DEFAULT_STATUSES,
  routeBy: 'length',
  warnAtPercent: 80,
  storageOverheadPercent: DEFAULT_STORAGE_OVERHEAD_PERCENT,
  bitsPerPixel: DEFAULT_BITS_PER_PIXEL,
  storageCapacityTb: null,
};

export interface RoutedStream extends CameraStream {
  route: Route;
}

export interface Streams {
  routing: Routing;
  routed: RoutedStream[];
  problems: CameraProblem[];
  /** Cameras whose status is analysed, by status. */
  byStatus: Record<string, number>;
  /** Residents' cameras recorded privately (no MAN node): not part of the city's load. */
  privateCameras: number;
}

const REASON_ORDER = ['unreachable', 'no_man_node', 'unknown_man_node', 'man_node_out_of_service', 'unknown_codec', 'zero_resolution', 'bad_frame_rate', 'bad_retention'];

/** Costs and routes every camera; problems come out sorted by reason, then camera name and id. */
export function computeStreams(input: StreamLoadInput, options: StreamLoadOptions): Streams {
  const routing = routeNetwork(input.nodes, input.links, new Set(options.networkStatuses), options.routeBy);
  const known = new Set(input.nodes.map((n) => n.id));
  const nodeState = (id: string): 'in_service' | 'out_of_service' | 'unknown' =>
    (routing.inService.has(id) ? 'in_service' : known.has(id) ? 'out_of_service' : 'unknown');
  const statuses = new Set(options.cameraStatuses);
  const routed: RoutedStream[] = [];
  const problems: CameraProblem[] = [];
  const byStatus: Record<string, number> = {};
  let privateCameras = 0;
  for (const camera of input.cameras) {
    if (!statuses.has(camera.status)) continue;
    byStatus[camera.status] = (byStatus[camera.status] ?? 0) + 1;
    if (isPrivateCamera(camera)) {
      privateCameras++;
      continue;
    }
    const costed = costCamera(camera, options, nodeState);
    if ('reason' in costed) {
      problems.push(costed);
      continue;
    }
    const route = routing.routes.get(costed.nodeId);
    if (route) routed.push({ ...costed, route });
    else problems.push(unreachableProblem(costed, routing.inService.get(costed.nodeId)!.properties.name));
  }
  problems.sort((a, b) => REASON_ORDER.indexOf(a.reason) - REASON_ORDER.indexOf(b.reason)
    || (a.name ?? '').localeCompare(b.name ?? '') || (a.cameraId < b.cameraId ? -1 : 1));
  return { routing, routed, problems, byStatus, privateCameras };
}
