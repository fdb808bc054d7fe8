import type { Knex } from 'knex';
import { ProblemError, notFound } from '../../lib/errors.js';
import * as repo from './scenarios.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getScenario(db: Knex, id: string): Promise<repo.ScenarioRow> {
  const scenario = UUID.test(id) ? await repo.selectScenario(db, id) : undefined;
  if (!scenario) throw notFound(`No plan "${id}". See /api/scenarios for the list.`);
  return scenario;
}

/** A plan that may still change: drafts only (merged and discarded plans are history). */
export async function assertDraft(db: Knex, id: string): Promise<repo.ScenarioRow> {
  const scenario = await getScenario(db, id);
  if (scenario.status !== 'draft') {
    throw new ProblemError(409, 'Conflict', `The plan "${scenario.name}" is ${scenario.status}; only draft plans can change.`,
      [{ field: 'query.scenario', message: `plan is ${scenario.status}` }]);
  }
  return scenario;
}

export async function createScenario(db: Knex, name: string, description: string | null, user: string) {
  const { rows } = await db.raw('SELECT 1 FROM scenarios WHERE name = ?', [name]);
  if (rows.length) throw new ProblemError(409, 'Conflict', `A plan named "${name}" exists.`, [{ field: 'name', message: 'taken' }]);
  return repo.insertScenario(db, name, description, user);
}

/** A plan with what it adds, changes and retires, and which changes meet a baseline changed since. */
export async function scenarioWithChanges(db: Knex, id: string) {
  const scenario = await getScenario(db, id);
  const changes = (await repo.selectPlanChanges(db, id)).map((c) => ({
    ...c,
    kind: c.replaces_id === null ? 'added' : c.status === 'decommissioned' ? 'retired' : 'changed',
    conflict: c.replaces_id !== null && c.baseline_version !== c.replaces_version,
  }));
  return { ...scenario, changes };
}

/**
 * Merges a draft plan into the baseline in one transaction, at the plan version the admin saw.
 * Refused (409, listing them) when a baseline feature the plan changes was changed since the plan copied it.
 */
export async function mergeScenario(db: Knex, id: string, version: number, user: string) {
  const plan = await scenarioWithChanges(db, id);
  await assertDraft(db, id);
  const conflicts = plan.changes.filter((c) => c.conflict);
  if (conflicts.length) {
    throw new ProblemError(409, 'Conflict',
      `${conflicts.length} feature(s) changed in the baseline after the plan copied them; review them in the plan before merging.`,
      conflicts.map((c) => ({ field: `${c.collection}/${c.replaces_id}`, message: `baseline is at version ${c.baseline_version ?? 'deleted'}, the plan copied ${c.replaces_version}` })));
  }
  return db.transaction(async (trx) => {
    await trx.raw(`SELECT set_config('app.user', ?, true)`, [user]);
    const merged = await repo.updateScenarioStatus(trx, id, version, 'merged', user);
    if (!merged) throw stale(plan.version);
    for (const spec of repo.PLAN_LAYERS) await repo.applyPlan(trx, spec, id);
    return merged;
  });
}

/** Discards a draft plan and its features, at the plan version the user saw. */
export async function discardScenario(db: Knex, id: string, version: number, user: string) {
  const plan = await assertDraft(db, id);
  return db.transaction(async (trx) => {
    await trx.raw(`SELECT set_config('app.user', ?, true)`, [user]);
    const discarded = await repo.updateScenarioStatus(trx, id, version, 'discarded', user);
    if (!discarded) throw stale(plan.version);
    for (const spec of repo.PLAN_LAYERS) await repo.deletePlanFeatures(trx, spec, id);
    return discarded;
  });
}

const stale = (current: number) =>
  new ProblemError(412, 'Precondition failed', `The plan changed meanwhile (now version ${current}); reload it.`,
    [{ field: 'version', message: 'stale' }], { currentVersion: current });

export const listScenarios = repo.listScenarios;
