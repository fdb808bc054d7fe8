import type { Knex } from 'knex';
import { COLLECTIONS, type CollectionSpec } from '../collections/registry.js';
import { ident } from '../../lib/sql.js';

/** SQL of plans (scenarios). Table and column names come from the registry only; values are bound. */

export type ScenarioStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'merged' | 'discarded';

export interface ScenarioRow {
  id: string;
  name: string;
  description: string | null;
  status: ScenarioStatus;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  updated_by: string | null;
  submitted_by: string | null;
  submitted_at: Date | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
}

export const PLAN_LAYERS = COLLECTIONS.filter((c) => c.scenarioAware);

export async function listScenarios(db: Knex): Promise<ScenarioRow[]> {
  const { rows } = await db.raw('SELECT * FROM scenarios ORDER BY created_at DESC');
  return rows;
}

export async function selectScenario(db: Knex, id: string): Promise<ScenarioRow | undefined> {
  const { rows } = await db.raw('SELECT * FROM scenarios WHERE id = ?::uuid', [id]);
  return rows[0];
}

export async function insertScenario(db: Knex, name: string, description: string | null, user: string): Promise<ScenarioRow> {
  const { rows } = await db.raw(
    'INSERT INTO scenarios (name, description, created_by, updated_by) VALUES (?, ?, ?, ?) RETURNING *', [name, description, user, user]);
  return rows[0];
}

export interface Transition {
  to: ScenarioStatus;
  /** Statuses the plan may move from; the update does nothing from any other. */
  from: readonly ScenarioStatus[];
  /** Record the acting user as the submitter (a submission) or the reviewer (an approval or a return). */
  stamp?: 'submitted' | 'reviewed';
  /** The reviewer's note (reviews only). */
  note?: string | null;
}

/**
 * Moves a plan to another status if it is still at `version` and in one of the `from` statuses; bumps the
 * version (scenarios have no version trigger). Undefined when the plan moved on meanwhile.
 */
export async function transitionScenario(db: Knex, id: string, version: number, t: Transition, user: string) {
  const stamp = t.stamp === 'submitted'
    ? ', submitted_by = ?, submitted_at = now()'
    : t.stamp === 'reviewed' ? ', reviewed_by = ?, reviewed_at = now(), review_note = ?' : '';
  const stampValues = t.stamp === 'submitted' ? [user] : t.stamp === 'reviewed' ? [user, t.note ?? null] : [];
  const { rows } = await db.raw(
    `UPDATE scenarios SET status = ?, version = version + 1, updated_at = now(), updated_by = ? ${stamp}
     WHERE id = ?::uuid AND version = ? AND status IN (${t.from.map(() => '?').join(', ')}) RETURNING *`,
    [t.to, user, ...stampValues, id, version, ...t.from]);
  return rows[0] as ScenarioRow | undefined;
}

type Geometry = { type: string; coordinates: unknown };

export interface PlanChange {
  collection: string;
  id: string;
  /** The plan row's own version (If-Match to change or drop it). */
  version: number;
  name: string | null;
  status: string;
  replaces_id: string | null;
  replaces_version: number | null;
  /** Current version of the replaced baseline feature (null when it is gone, or for an added feature). */
  baseline_version: number | null;
  /** The plan row's geometry and registry properties (GeoJSON, lon/lat). */
  geometry: Geometry;
  properties: Record<string, unknown>;
  /** The replaced baseline feature as it is now (null for an added feature). */
  baseline_geometry: Geometry | null;
  baseline_properties: Record<string, unknown> | null;
  /** True when the plan puts the feature elsewhere than the baseline has it now (null for an added one). */
  moved: boolean | null;
}

function propertiesJson(spec: CollectionSpec, alias: string): string {
  return `json_build_object(${spec.properties.map((p) => `'${p.name}', ${alias}.${ident(p.name)}`).join(', ')})`;
}

/** Every feature a plan adds, changes or retires, per layer, with the baseline feature it stands in for. */
export async function selectPlanChanges(db: Knex, scenarioId: string): Promise<PlanChange[]> {
  const changes: PlanChange[] = [];
  for (const spec of PLAN_LAYERS) {
    // man_links have no name: the registry says which layers do.
    const name = spec.properties.some((p) => p.name === 'name') ? 'p.name' : 'NULL::text';
    const { rows } = await db.raw(
      `SELECT ? AS collection, p.id, p.version, ${name} AS name, p.status, p.replaces_id, p.replaces_version, b.version AS baseline_version,
         ST_AsGeoJSON(p.geom, 7, 0)::json AS geometry, ${propertiesJson(spec, 'p')} AS properties,
         ST_AsGeoJSON(b.geom, 7, 0)::json AS baseline_geometry,
         CASE WHEN b.id IS NULL THEN NULL ELSE ${propertiesJson(spec, 'b')} END AS baseline_properties,
         CASE WHEN b.id IS NULL THEN NULL ELSE NOT ST_OrderingEquals(p.geom, b.geom) END AS moved
       FROM ${ident(spec.table)} p LEFT JOIN ${ident(spec.table)} b ON b.id = p.replaces_id
       WHERE p.scenario_id = ?::uuid ORDER BY p.created_at, p.id`, [spec.id, scenarioId]);
    changes.push(...rows);
  }
  return changes;
}

/**
 * Applies a plan to the baseline inside `trx`: replaced baseline features take their plan row's geometry and
 * attributes (keeping their id, so references and history stay whole), the plan rows that replaced them go,
 * and the features the plan adds become baseline features. The replaced baseline rows are locked first; if any
 * of them is no longer at the version the plan copied, nothing is written and their ids are returned.
 */
export async function applyPlan(trx: Knex.Transaction, spec: CollectionSpec, scenarioId: string): Promise<string[]> {
  const table = ident(spec.table);
  const { rows: locked } = await trx.raw(
    `SELECT b.id, b.version <> p.replaces_version AS late FROM ${table} b JOIN ${table} p ON p.replaces_id = b.id
     WHERE p.scenario_id = ?::uuid FOR UPDATE OF b`, [scenarioId]);
  const late = (locked as Array<{ id: string; late: boolean }>).filter((r) => r.late).map((r) => r.id);
  if (late.length) return late;
  const columns = ['geom', ...spec.properties.map((p) => p.name)];
  const sets = columns.map((c) => `${ident(c)} = p.${ident(c)}`).join(', ');
  await trx.raw(
    `UPDATE ${table} b SET ${sets}, updated_by = p.updated_by FROM ${table} p
     WHERE p.scenario_id = ?::uuid AND p.replaces_id = b.id`, [scenarioId]);
  await trx.raw(`DELETE FROM ${table} WHERE scenario_id = ?::uuid AND replaces_id IS NOT NULL`, [scenarioId]);
  await trx.raw(`UPDATE ${table} SET scenario_id = NULL WHERE scenario_id = ?::uuid`, [scenarioId]);
  return [];
}

/** Removes every feature of a plan. */
export async function deletePlanFeatures(trx: Knex.Transaction, spec: CollectionSpec, scenarioId: string): Promise<void> {
  await trx.raw(`DELETE FROM ${ident(spec.table)} WHERE scenario_id = ?::uuid`, [scenarioId]);
}
