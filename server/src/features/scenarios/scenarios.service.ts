import type { Knex } from 'knex';
import { ProblemError, notFound } from '../../lib/errors.js';
import * as repo from './scenarios.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Statuses in which a plan's features may still change: a draft, or a plan returned for rework. */
export const EDITABLE: readonly repo.ScenarioStatus[] = ['draft', 'returned'];

export async function getScenario(db: Knex, id: string): Promise<repo.ScenarioRow> {
  const scenario = UUID.test(id) ? await repo.selectScenario(db, id) : undefined;
  if (!scenario) throw notFound(`No plan "${id}". See /api/scenarios for the list.`);
  return scenario;
}

/** A plan that may still change (draft or returned); submitted, approved, merged and discarded plans are frozen. */
export async function assertDraft(db: Knex, id: string): Promise<repo.ScenarioRow> {
  const scenario = await getScenario(db, id);
  if (!EDITABLE.includes(scenario.status)) {
    throw new ProblemError(409, 'Conflict', `The plan "${scenario.name}" is ${scenario.status}; only draft or returned plans can change.`,
      [{ field: 'query.scenario', message: `plan is ${scenario.status}` }]);
  }
  return scenario;
}

export async function createScenario(db: Knex, name: string, description: string | null, user: string) {
  const { rows } = await db.raw('SELECT 1 FROM scenarios WHERE name = ?', [name]);
  if (rows.length) throw new ProblemError(409, 'Conflict', `A plan named "${name}" exists.`, [{ field: 'name', message: 'taken' }]);
  return repo.insertScenario(db, name, description, user);
}

export type ChangeKind = 'added' | 'changed' | 'retired';

/** What a plan row does to the baseline, which registry properties it changes, and whether it meets a newer baseline. */
export function classifyChange(c: repo.PlanChange) {
  const retires = c.status === 'decommissioned' && c.baseline_properties?.status !== 'decommissioned';
  const kind: ChangeKind = c.replaces_id === null ? 'added' : retires ? 'retired' : 'changed';
  const before = c.baseline_properties;
  const changedProperties = before
    ? Object.keys(c.properties).filter((k) => JSON.stringify(c.properties[k] ?? null) !== JSON.stringify(before[k] ?? null))
    : [];
  return { ...c, kind, changedProperties, conflict: c.replaces_id !== null && c.baseline_version !== c.replaces_version };
}

/** A plan with what it adds, changes and retires, and which changes meet a baseline changed since. */
export async function scenarioWithChanges(db: Knex, id: string) {
  const scenario = await getScenario(db, id);
  const changes = (await repo.selectPlanChanges(db, id)).map(classifyChange);
  return { ...scenario, changes };
}

const STEPS = {
  submit: { to: 'submitted', from: EDITABLE, stamp: 'submitted' },
  approve: { to: 'approved', from: ['submitted'], stamp: 'reviewed' },
  return: { to: 'returned', from: ['submitted', 'approved'], stamp: 'reviewed' },
  merge: { to: 'merged', from: ['approved'] },
  discard: { to: 'discarded', from: ['draft', 'returned', 'submitted', 'approved'] },
} as const satisfies Record<string, repo.Transition>;

export type ReviewStep = 'submit' | 'approve' | 'return';

/**
 * Submits a plan for review, approves it or returns it for rework (with `note`), at the plan version the user
 * saw. Who may take which step is the route's business; the allowed statuses are checked here.
 */
export async function reviewScenario(db: Knex, id: string, step: ReviewStep, version: number, user: string, note: string | null = null) {
  const plan = await planIn(db, id, step);
  if (step === 'submit' && (await repo.selectPlanChanges(db, id)).length === 0) {
    throw new ProblemError(409, 'Conflict', `The plan "${plan.name}" changes nothing yet; add, move or retire infrastructure in it before submitting it.`,
      [{ field: 'changes', message: 'empty plan' }]);
  }
  const moved = await repo.transitionScenario(db, id, version, { ...STEPS[step], note }, user);
  if (!moved) throw stale(plan.version);
  return moved;
}

/**
 * Merges an approved plan into the baseline in one transaction, at the plan version the admin saw.
 * Refused (409, listing them) when a baseline feature the plan changes was changed since the plan copied it;
 * the same check runs again inside the transaction, so a baseline write racing the merge is not overwritten.
 */
export async function mergeScenario(db: Knex, id: string, version: number, user: string) {
  const plan = await planIn(db, id, 'merge');
  const conflicts = (await scenarioWithChanges(db, id)).changes.filter((c) => c.conflict);
  if (conflicts.length) throw staleBaseline(conflicts);
  return db.transaction(async (trx) => {
    await trx.raw(`SELECT set_config('app.user', ?, true)`, [user]);
    const merged = await repo.transitionScenario(trx, id, version, STEPS.merge, user);
    if (!merged) throw stale(plan.version);
    for (const spec of repo.PLAN_LAYERS) {
      const late = await repo.applyPlan(trx, spec, id);
      if (late.length) throw staleBaseline((await repo.selectPlanChanges(trx, id)).map(classifyChange).filter((c) => late.includes(c.replaces_id!)));
    }
    return merged;
  });
}

/** Discards a plan that is not merged yet, and its features, at the plan version the user saw. */
export async function discardScenario(db: Knex, id: string, version: number, user: string) {
  const plan = await planIn(db, id, 'discard');
  return db.transaction(async (trx) => {
    await trx.raw(`SELECT set_config('app.user', ?, true)`, [user]);
    const discarded = await repo.transitionScenario(trx, id, version, STEPS.discard, user);
    if (!discarded) throw stale(plan.version);
    for (const spec of repo.PLAN_LAYERS) await repo.deletePlanFeatures(trx, spec, id);
    return discarded;
  });
}

/** The plan, if `step` may be taken from its status; else a 409 that says which statuses allow it. */
async function planIn(db: Knex, id: string, step: keyof typeof STEPS): Promise<repo.ScenarioRow> {
  const plan = await getScenario(db, id);
  const from: readonly string[] = STEPS[step].from;
  if (!from.includes(plan.status)) {
    throw new ProblemError(409, 'Conflict', `The plan "${plan.name}" is ${plan.status}; only a plan that is ${from.join(' or ')} can be ${PAST[step]}.`,
      [{ field: 'status', message: `plan is ${plan.status}` }], { planStatus: plan.status });
  }
  return plan;
}

const PAST: Record<keyof typeof STEPS, string> = {
  submit: 'submitted', approve: 'approved', return: 'returned', merge: 'merged', discard: 'discarded',
};

const stale = (current: number) =>
  new ProblemError(412, 'Precondition failed', `The plan changed meanwhile (now version ${current}); reload it.`,
    [{ field: 'version', message: 'stale' }], { currentVersion: current });

type Classified = ReturnType<typeof classifyChange>;

/** 409 naming each baseline feature that moved on since the plan copied it (`conflicts` for the client). */
function staleBaseline(conflicts: Classified[]) {
  return new ProblemError(409, 'Conflict',
    `${conflicts.length} feature(s) changed in the baseline after the plan copied them; review them in the plan before merging.`,
    conflicts.map((c) => ({ field: `${c.collection}/${c.replaces_id}`, message: `baseline is at version ${c.baseline_version ?? 'deleted'}, the plan copied ${c.replaces_version}` })),
    { conflicts: conflicts.map((c) => ({ collection: c.collection, id: c.replaces_id, planFeatureId: c.id, name: c.name, baselineVersion: c.baseline_version, copiedVersion: c.replaces_version })) });
}

export const listScenarios = repo.listScenarios;
