/**
 * Client of the stream-load and cctv-architecture processes (OGC API – Processes, run synchronously: a whole
 * city takes well under a second on the server) and of the plan list the analysis can run on.
 */
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import { getJson } from './http';
import { executeNow } from './processes';

export type LoadLevel = 'ok' | 'near' | 'over' | 'no_capacity' | 'out_of_service' | 'unreachable';

export interface LinkLoad {
  from_node_id: string;
  to_node_id: string;
  status: string;
  capacity_gbps: number | null;
  length_m: number;
  load_mbps: number;
  utilisation_pct: number | null;
  level: LoadLevel;
  cameras: number;
}

export interface NodeLoad {
  name: string;
  kind: string;
  status: string;
  capacity_gbps: number | null;
  storage_tb: number | null;
  load_mbps: number;
  utilisation_pct: number | null;
  level: LoadLevel;
  cameras: number;
  cameras_attached: number;
  sink: boolean;
}

export interface CameraProblem {
  cameraId: string;
  name: string | null;
  owner: string;
  status: string;
  reason: string;
  message: string;
}

export interface NetworkProblem {
  collection: string;
  featureId: string;
  reason: string;
  message: string;
}

export interface StreamLoadTotals {
  cameras: { considered: number; routed: number; private: number; withProblems: number; byStatus: Record<string, number> };
  routedMbps: number;
  storage: { requiredTb: number; capacityTb: number | null; utilisationPct: number | null; level: LoadLevel; overheadPercent: number };
  links: { inService: number; over: number; near: number; maxUtilisationPct: number | null };
  nodes: { inService: number; over: number; near: number; unreachable: number };
  sinks: { id: string; name: string; kind: string; cameras: number; mbps: number; storageTb: number; storageCapacityTb: number | null }[];
}

export interface StreamLoadResult {
  links: FeatureCollection<LineString, LinkLoad>;
  nodes: FeatureCollection<Point, NodeLoad>;
  totals: StreamLoadTotals;
  problems: CameraProblem[];
  networkProblems: NetworkProblem[];
}

export type Tier = 'cameras' | 'access' | 'aggregation' | 'core' | 'data_centre';

export interface TierNode {
  key: string;
  tier: Tier;
  nodeId: string | null;
  name: string;
  direct: boolean;
  ward?: { code: string | null; name: string | null };
  owner?: string;
  cameras: number;
  mbps: number;
  storageTb: number;
  capacityGbps?: number | null;
  utilisationPct?: number | null;
  level?: LoadLevel;
  children: TierNode[];
}

export interface TierSummary {
  tier: Tier;
  elements: number;
  cameras: number;
  mbps: number;
  storageTb: number;
}

export interface ArchitectureResult {
  tiers: TierSummary[];
  tree: TierNode[];
  groups: { wardCode: string | null; wardName: string | null; owner: string; cameras: number; mbps: number; storageTb: number }[];
  totals: { cameras: number; mbps: number; storageTb: number; unrouted: number; private: number };
  problems: CameraProblem[];
}

/** What the analysis runs on and how. */
export interface ArchitectureInputs {
  /** A plan id, or undefined for the baseline. */
  scenario?: string;
  networkStatuses?: string[];
}

export type LinkFeature = Feature<LineString, LinkLoad>;

function inputsOf(inputs: ArchitectureInputs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (inputs.scenario) out.scenario = inputs.scenario;
  if (inputs.networkStatuses) out.networkStatuses = inputs.networkStatuses;
  return out;
}

/** Loads on every MAN link and node, the totals and the cameras that could not be routed. */
export function runStreamLoad(inputs: ArchitectureInputs, signal?: AbortSignal): Promise<StreamLoadResult> {
  return executeNow<StreamLoadResult>('stream-load', inputsOf(inputs), signal);
}

/** The tiers from the cameras to the data centre. */
export function runArchitecture(inputs: ArchitectureInputs, signal?: AbortSignal): Promise<ArchitectureResult> {
  return executeNow<ArchitectureResult>('cctv-architecture', inputsOf(inputs), signal);
}

export interface PlanSummary {
  id: string;
  name: string;
  status: 'draft' | 'approved' | 'merged' | 'discarded';
}

/** Plans the analysis can run on: drafts and approved ones (merged plans are the baseline, discarded ones gone). */
export async function listAnalysablePlans(): Promise<PlanSummary[]> {
  const { scenarios } = await getJson<{ scenarios: PlanSummary[] }>('/api/scenarios');
  return scenarios.filter((s) => s.status === 'draft' || s.status === 'approved');
}
