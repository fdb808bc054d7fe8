import type { Knex } from 'knex';
import { COLLECTIONS, type CollectionSpec } from '../collections/registry.js';
import { ident } from '../../lib/sql.js';

/** SQL of plans (scenarios). Table and column names come from the registry only; values are bound. */

export interface ScenarioRow {
  id: string;
  name: string;
  description: string | null;
  status: 'draft' | 'approved' | 'merged' | 'discarded';
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
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

/** Sets a plan's status if it is still at `version` (bumped here: scenarios have no version trigger). */
export async function updateScenarioStatus(db: Knex, id: string, version: number, status: ScenarioRow['status'], user: string) {
  const { rows } = await db.raw(
    `UPDATE scenarios SET status = ?, version = version + 1, updated_at = now(), updated_by = ?
     WHERE id = ?::uuid AND version = ? RETURNING *`, [status, user, id, version]);
  return rows[0] as ScenarioRow | undefined;
}

export interface PlanChange {
  collection: string;
  id: string;
  name: string | null;
  status: string;
  replaces_id: string | null;
  replaces_version: number | null;
  /** Current version of the replaced baseline feature (null when it is gone). */
  baseline_version: number | null;
}

/** Every feature a plan adds, changes or retires, per layer. */
export async function selectPlanChanges(db: Knex, scenarioId: string): Promise<PlanChange[]> {
  const changes: PlanChange[] = [];
  for (const spec of PLAN_LAYERS) {
    // man_links have no name: the registry says which layers do.
    const name = spec.properties.some((p) => p.name === 'name') ? 'p.name' : 'NULL::text';
    const { rows } = await db.raw(
      `SELECT ? AS collection, p.id, ${name} AS name, p.status, p.replaces_id, p.replaces_version, b.version AS baseline_version
       FROM ${ident(spec.table)} p LEFT JOIN ${ident(spec.table)} b ON b.id = p.replaces_id
       WHERE p.scenario_id = ?::uuid ORDER BY p.created_at`, [spec.id, scenarioId]);
    changes.push(...rows);
  }
  return changes;
}

/**
 * Applies a plan to the baseline inside `trx`: replaced baseline features take their plan row's geometry and
 * attributes (keeping their id, so references and history stay whole), the plan rows that replaced them go,
 * and the features the plan adds become baseline features.
 */
export async function applyPlan(trx: Knex.Transaction, spec: CollectionSpec, scenarioId: string): Promise<void> {
  const columns = ['geom', ...spec.properties.map((p) => p.name)];
  const sets = columns.map((c) => `${ident(c)} = p.${ident(c)}`).join(', ');
  await trx.raw(
    `UPDATE ${ident(spec.table)} b SET ${sets}, updated_by = p.updated_by FROM ${ident(spec.table)} p
     WHERE p.scenario_id = ?::uuid AND p.replaces_id = b.id`, [scenarioId]);
  await trx.raw(`DELETE FROM ${ident(spec.table)} WHERE scenario_id = ?::uuid AND replaces_id IS NOT NULL`, [scenarioId]);
  await trx.raw(`UPDATE ${ident(spec.table)} SET scenario_id = NULL WHERE scenario_id = ?::uuid`, [scenarioId]);
}

/** Removes every feature of a plan. */
export async function deletePlanFeatures(trx: Knex.Transaction, spec: CollectionSpec, scenarioId: string): Promise<void> {
  await trx.raw(`DELETE FROM ${ident(spec.table)} WHERE scenario_id = ?::uuid`, [scenarioId]);
}
