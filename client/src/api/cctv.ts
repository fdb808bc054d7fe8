/**
 * Client of the CCTV analyses (OGC processes camera-view, city-coverage, camera-placement) and of what they need
 * around them: the plans (`/api/scenarios`), the wards, and posting an accepted camera into a plan.
 */
import { getJson, request } from './http';
import { executeNow } from './processes';
import type { GeoJsonFeature } from './features';

export type ZoneLevel = 'monitor' | 'detection' | 'observation' | 'recognition' | 'identification' | 'inspect';
export const ZONE_LEVELS: readonly ZoneLevel[] = ['monitor', 'detection', 'observation', 'recognition', 'identification', 'inspect'];

export interface FeatureCollection<P = object> {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id?: string | number; geometry: { type: string; coordinates: unknown }; properties: P }[];
}

export interface ZoneProperties {
  level: ZoneLevel;
  min_ppm: number;
  max_ppm: number | null;
  from_m: number;
  to_m: number;
  area_m2: number;
  nominal_area_m2: number;
}

export interface CameraProblem {
  cameraId?: string;
  cameraName?: string | null;
  field: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface CameraViewResult {
  zones: FeatureCollection<ZoneProperties>;
  camera: { id: string | null; name: string | null; lon: number; lat: number; heading_deg: number; tilt_deg: number; mount_height_m: number };
  optics: { hfov_deg: number; vfov_deg: number; blind_zone_m: number; far_limit_m: number | null; reach_m: number } | null;
  problems: CameraProblem[];
}

export interface CameraViewInputs {
  camera: string;
  scenario?: string | null;
  preset?: string;
  overrides?: Record<string, number>;
}

/** The occluded zones of a stored camera (with overrides such as a dragged heading). */
export function cameraView(inputs: CameraViewInputs, signal?: AbortSignal): Promise<CameraViewResult> {
  const { scenario, ...rest } = inputs;
  return executeNow<CameraViewResult>('camera-view', scenario ? { ...rest, scenario } : rest, signal);
}

type ByLevel = Record<string, number>;

export interface WardFigures {
  ward_code: string;
  ward_name: string;
  area_km2: number;
  population: number | null;
  cameras: number;
  cameras_per_km2: number | null;
  cameras_per_10k_people: number | null;
  road_km: number;
  road_recognition_pct: number | null;
  road_observation_pct: number | null;
  faulty_cameras: number;
  faulty_share_pct: number | null;
}

export interface CoverageRun {
  run_id: string;
  scenario_id: string | null;
  label: string;
  cameras: { total: number; computed: number; faulty: number; with_errors: number };
  roads: { total_km: number; km: ByLevel; pct: ByLevel; blind_km: number; by_class: { road_class: string; total_km: number; km: ByLevel; pct: ByLevel; blind_km: number }[] };
  intersections: { total: number; count: ByLevel; pct: ByLevel };
  public_spaces: { area_m2: number; pct: ByLevel; spaces: { id: string; name: string; kind: string; area_m2: number; pct: ByLevel; blind_pct: number }[] };
  overlap: { cameras: string; km: number; pct: number }[];
  wards: WardFigures[];
}

export interface CoverageResults {
  coverage: {
    levels: ZoneLevel[];
    runs: CoverageRun[];
    problems: { total: number; cameras: number; counts: Record<string, number>; listed: CameraProblem[] };
    comparison: {
      a: string;
      b: string;
      rows: { figure: string; unit: string; a: number | null; b: number | null; delta: number | null }[];
    } | null;
  };
  blindSpots: FeatureCollection<{ run_id: string; kind: 'road' | 'public_space'; name: string | null; road_class: string | null; length_m: number | null; area_m2: number | null }>;
}

export interface Suggestion {
  rank: number;
  kind: 'intersection' | 'pole' | 'public_space';
  lon: number;
  lat: number;
  heading_deg: number;
  tilt_deg: number;
  gain_m: number;
  cumulative_gain_m: number;
  zone: { type: 'MultiPolygon'; coordinates: number[][][][] };
  feature: GeoJsonFeature;
}

export interface PlacementResults {
  suggestions: Suggestion[];
  summary: { area_km2: number; road_km: number; covered_before_km: number; covered_after_km: number; sites: number; views: number };
}

export interface Plan {
  id: string;
  name: string;
  status: 'draft' | 'approved' | 'merged' | 'discarded';
}

/** The plans, newest first. */
export async function listPlans(): Promise<Plan[]> {
  return (await getJson<{ scenarios: Plan[] }>('/api/scenarios')).scenarios;
}

/** Creates a plan. */
export function createPlan(name: string): Promise<Plan> {
  return request<Plan>('POST', '/api/scenarios', { body: { name } });
}

/** Adds a camera feature to a plan; answers the new feature's id. */
export async function addCameraToPlan(planId: string, feature: GeoJsonFeature): Promise<string> {
  const created = await request<GeoJsonFeature>('POST', '/ogc/collections/cameras/items', { body: feature, query: { scenario: planId } });
  return String(created.id);
}

export interface WardOption {
  code: string;
  name: string;
}

/** The wards (code and name), for choosing where to place cameras. */
export async function listWards(): Promise<WardOption[]> {
  const body = await getJson<{ features: GeoJsonFeature[] }>('/ogc/collections/admin_units/items?level=ward&limit=200');
  return body.features
    .map((f) => ({ code: String(f.properties?.code), name: String(f.properties?.name) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
