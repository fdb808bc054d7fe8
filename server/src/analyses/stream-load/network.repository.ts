/**
 * SQL of the stream-load and architecture analyses: the MAN nodes, links and cameras of the baseline as a plan
 * changes it (the plan-view rule of features/scenarios/plan-view.ts). Values are bound; names are fixed here.
 */
import type { Knex } from 'knex';
import type { Geometry } from 'geojson';
import { planViewCondition } from '../../features/scenarios/plan-view.js';

interface PlanRow {
  id: string;
  /** The baseline feature this plan row stands in for (null for baseline rows and added features). */
  replaces_id: string | null;
}

export interface NodeRow extends PlanRow {
  name: string;
  kind: string;
  status: string;
  capacity_gbps: number;
  storage_tb: number | null;
  geometry: Geometry;
}

export interface LinkRow extends PlanRow {
  from_node_id: string;
  to_node_id: string;
  status: string;
  capacity_gbps: number;
  length_m: number;
  geometry: Geometry;
}

export interface CameraRow {
  id: string;
  name: string | null;
  owner: string;
  status: string;
  codec: string;
  resolution_h: number;
  resolution_v: number;
  frame_rate: number;
  retention_days: number;
  bitrate_mbps: number | null;
  man_node_id: string | null;
  ward_code?: string | null;
  ward_name?: string | null;
}

/** JSON columns arrive parsed from `pg` and as text from some drivers. */
const parsed = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export async function selectNodes(db: Knex, scenarioId: string | null): Promise<NodeRow[]> {
  const plan = planViewCondition('man_nodes', 'n', scenarioId);
  const { rows } = await db.raw(
    `SELECT n.id, n.replaces_id, n.name, n.kind, n.status, n.capacity_gbps, n.storage_tb, ST_AsGeoJSON(n.geom, 7) AS geometry
       FROM man_nodes n WHERE ${plan.sql}`, plan.bindings);
  return rows.map((r: NodeRow) => ({ ...r, geometry: parsed<Geometry>(r.geometry) }));
}

/** Links with their fibre route length in metres on the ellipsoid. */
export async function selectLinks(db: Knex, scenarioId: string | null): Promise<LinkRow[]> {
  const plan = planViewCondition('man_links', 'l', scenarioId);
  const { rows } = await db.raw(
    `SELECT l.id, l.replaces_id, l.from_node_id, l.to_node_id, l.status, l.capacity_gbps,
            ST_Length(l.geom::geography) AS length_m, ST_AsGeoJSON(l.geom, 7) AS geometry
       FROM man_links l WHERE ${plan.sql}`, plan.bindings);
  return rows.map((r: LinkRow) => ({ ...r, geometry: parsed<Geometry>(r.geometry) }));
}

/**
 * The cameras of the given statuses, with the ward each stands in when `withWards` (the first by code, should
 * wards overlap; none outside the wards).
 */
export async function selectCameras(db: Knex, scenarioId: string | null, statuses: readonly string[], withWards: boolean): Promise<CameraRow[]> {
  if (statuses.length === 0) return [];
  const plan = planViewCondition('cameras', 'c', scenarioId);
  const ward = withWards
    ? `LEFT JOIN LATERAL (SELECT w.code, w.name FROM admin_units w
         WHERE w.level = 'ward' AND w.geom && c.geom AND ST_Intersects(w.geom, c.geom) ORDER BY w.code LIMIT 1) w ON true`
    : '';
  const { rows } = await db.raw(
    `SELECT c.id, c.name, c.owner, c.status, c.codec, c.resolution_h, c.resolution_v, c.frame_rate, c.retention_days,
            c.bitrate_mbps, c.man_node_id${withWards ? ', w.code AS ward_code, w.name AS ward_name' : ''}
       FROM cameras c ${ward}
      WHERE ${plan.sql} AND c.status IN (${statuses.map(() => '?').join(', ')})`,
    [...plan.bindings, ...statuses]);
  return rows;
}
