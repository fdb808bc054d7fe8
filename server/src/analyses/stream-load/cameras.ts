/**
 * Which cameras send a stream, and what each costs. A camera whose attributes cannot give a bitrate, or that is
 * not attached to the network, becomes a problem with a message saying what to fix; the others go on.
 */
import { isCodec, storageTb, tableBitrateMbps, type Codec } from './bitrate.js';

/** A camera's attributes as stored (cameras collection); numbers may be null or absurd in bad input. */
export interface CameraRecord {
  id: string;
  name?: string | null;
  owner: string;
  status: string;
  codec: string | null;
  resolution_h: number | null;
  resolution_v: number | null;
  frame_rate: number | null;
  retention_days: number | null;
  /** The camera's own bitrate, Mbit/s; overrides the table. */
  bitrate_mbps?: number | null;
  man_node_id?: string | null;
  /** For the architecture view (filled by the loader from the wards). */
  ward_code?: string | null;
  ward_name?: string | null;
}

/** A camera whose stream can be costed (routing decides later whether it reaches a data centre). */
export interface CameraStream {
  camera: CameraRecord;
  nodeId: string;
  mbps: number;
  storageTb: number;
  bitrateFrom: 'camera' | 'table';
}

export type ProblemReason =
  | 'no_man_node' | 'unknown_man_node' | 'man_node_out_of_service' | 'unreachable'
  | 'unknown_codec' | 'zero_resolution' | 'bad_frame_rate' | 'bad_retention';

export interface CameraProblem {
  cameraId: string;
  name: string | null;
  owner: string;
  status: string;
  reason: ProblemReason;
  message: string;
}

export interface CostOptions {
  bitsPerPixel: Readonly<Record<Codec, number>>;
  storageOverheadPercent: number;
}

/** Residents' cameras with no MAN node are private (recorded at home): left out of the city's load, not a fault. */
export function isPrivateCamera(c: CameraRecord): boolean {
  return c.owner === 'resident' && !c.man_node_id;
}

const label = (c: CameraRecord) => (c.name ? `Camera "${c.name}" (${c.id})` : `Camera ${c.id}`);
const positive = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** The camera's bitrate in Mbit/s and where it came from, or the problem that prevents one. */
function bitrateOf(c: CameraRecord, options: CostOptions): { mbps: number; from: 'camera' | 'table' } | { reason: ProblemReason; message: string } {
  if (positive(c.bitrate_mbps)) return { mbps: c.bitrate_mbps, from: 'camera' };
  if (!isCodec(c.codec)) {
    return { reason: 'unknown_codec', message: `${label(c)} has codec "${c.codec ?? ''}", which the bitrate table does not know (H.264, H.265, MJPEG); set its codec or its bitrate_mbps.` };
  }
  if (!positive(c.resolution_h) || !positive(c.resolution_v)) {
    return { reason: 'zero_resolution', message: `${label(c)} has a resolution of ${c.resolution_h ?? 0} × ${c.resolution_v ?? 0} pixels; set resolution_h and resolution_v (or its bitrate_mbps).` };
  }
  if (!positive(c.frame_rate)) {
    return { reason: 'bad_frame_rate', message: `${label(c)} has a frame rate of ${c.frame_rate ?? 0} fps; set frame_rate (or its bitrate_mbps).` };
  }
  return { mbps: tableBitrateMbps(c.codec, c.resolution_h, c.resolution_v, c.frame_rate, options.bitsPerPixel), from: 'table' };
}

/**
 * Costs one camera: its stream (bitrate in Mbit/s, storage in TB) at its MAN node, or a problem.
 * `nodeState(id)` says whether the node exists in the network being analysed and is in service.
 */
export function costCamera(c: CameraRecord, options: CostOptions, nodeState: (id: string) => 'in_service' | 'out_of_service' | 'unknown'):
  CameraStream | CameraProblem {
  const problem = (reason: ProblemReason, message: string): CameraProblem =>
    ({ cameraId: c.id, name: c.name ?? null, owner: c.owner, status: c.status, reason, message });
  const bitrate = bitrateOf(c, options);
  if ('reason' in bitrate) return problem(bitrate.reason, bitrate.message);
  if (!positive(c.retention_days)) {
    return problem('bad_retention', `${label(c)} keeps its recordings ${c.retention_days ?? 0} days; set retention_days (1 or more).`);
  }
  if (!c.man_node_id) {
    return problem('no_man_node', `${label(c)} is not attached to a MAN node; set man_node_id to the access node it connects to.`);
  }
  const state = nodeState(c.man_node_id);
  if (state === 'unknown') {
    return problem('unknown_man_node', `${label(c)} is attached to MAN node ${c.man_node_id}, which does not exist in this network; attach it to an existing node.`);
  }
  if (state === 'out_of_service') {
    return problem('man_node_out_of_service', `${label(c)} is attached to MAN node ${c.man_node_id}, whose status is left out of this analysis; attach it to a node in service or include that status.`);
  }
  return {
    camera: c, nodeId: c.man_node_id, mbps: bitrate.mbps, bitrateFrom: bitrate.from,
    storageTb: storageTb(bitrate.mbps, c.retention_days, options.storageOverheadPercent),
  };
}

/** The problem of a costed camera whose node has no path to any data centre. */
export function unreachableProblem(s: CameraStream, nodeName: string): CameraProblem {
  const c = s.camera;
  return {
    cameraId: c.id, name: c.name ?? null, owner: c.owner, status: c.status, reason: 'unreachable',
    message: `${label(c)} is attached to MAN node "${nodeName}", which has no path of links in service to a data centre; connect that node or attach the camera elsewhere.`,
  };
}
