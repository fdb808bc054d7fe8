/**
 * Plain-data helpers of the plans (scenarios) UI: what a change does as the user reads it, the change list
 * grouped by layer, which review steps a user may take, and the extent of a change. No Vue, no OpenLayers:
 * unit-tested without a browser.
 */
import type { Geometry, Plan, PlanChange, PlanStatus, PlanStep } from '../api/scenarios';
import type { Role } from '../api/session';

/** What a change does, as listed: a feature added, moved (maybe re-attributed too), re-attributed, or retired. */
export type ChangeKind = 'added' | 'moved' | 'changed' | 'retired';
export const CHANGE_KINDS: readonly ChangeKind[] = ['added', 'moved', 'changed', 'retired'];

/** The kind shown for a change: a changed feature that the plan puts elsewhere is "moved". */
export function changeKind(change: Pick<PlanChange, 'kind' | 'moved'>): ChangeKind {
  if (change.kind === 'changed' && change.moved) return 'moved';
  return change.kind;
}

export interface ChangeGroup {
  collection: string;
  changes: PlanChange[];
  counts: Record<ChangeKind, number>;
  conflicts: number;
}

/** How many changes of each kind. */
export function countByKind(changes: readonly PlanChange[]): Record<ChangeKind, number> {
  const counts = { added: 0, moved: 0, changed: 0, retired: 0 };
  for (const c of changes) counts[changeKind(c)]++;
  return counts;
}

/**
 * The changes grouped by layer, layers in `collectionOrder` (the registry's order; unknown ones last, by name),
 * and within a layer conflicts first, then added, moved, changed, retired, each by name.
 */
export function groupChanges(changes: readonly PlanChange[], collectionOrder: readonly string[]): ChangeGroup[] {
  const byCollection = new Map<string, PlanChange[]>();
  for (const c of changes) byCollection.set(c.collection, [...(byCollection.get(c.collection) ?? []), c]);
  const rank = (id: string) => {
    const i = collectionOrder.indexOf(id);
    return i < 0 ? collectionOrder.length : i;
  };
  const ids = [...byCollection.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return ids.map((collection) => {
    const list = [...byCollection.get(collection)!].sort(
      (a, b) =>
        Number(b.conflict) - Number(a.conflict) ||
        CHANGE_KINDS.indexOf(changeKind(a)) - CHANGE_KINDS.indexOf(changeKind(b)) ||
        (a.name ?? '').localeCompare(b.name ?? '') ||
        a.id.localeCompare(b.id),
    );
    return { collection, changes: list, counts: countByKind(list), conflicts: list.filter((c) => c.conflict).length };
  });
}

/** The baseline features a plan stands in for (moved, re-attributed or retired there), by layer. */
export function replacedBaselineIds(changes: readonly PlanChange[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of changes) {
    if (!c.replaces_id) continue;
    if (!out.has(c.collection)) out.set(c.collection, new Set());
    out.get(c.collection)!.add(c.replaces_id);
  }
  return out;
}

const PLANNING_ROLES: readonly Role[] = ['planner', 'engineer', 'admin'];
const EDITABLE: readonly PlanStatus[] = ['draft', 'returned'];
const OPEN: readonly PlanStatus[] = ['draft', 'returned', 'submitted', 'approved'];

/** True while a plan's features may change (a draft, or a plan returned for rework). */
export function isEditable(status: PlanStatus): boolean {
  return EDITABLE.includes(status);
}

/** True until a plan is merged or discarded. */
export function isOpen(status: PlanStatus): boolean {
  return OPEN.includes(status);
}

/**
 * The review steps a user of `role` may take on a plan with `changeCount` changes, in the server's rules:
 * planners, engineers and admins submit a non-empty draft and discard an open plan; admins approve a submitted
 * plan, return a submitted or approved one, and merge an approved one.
 */
export function allowedSteps(plan: Pick<Plan, 'status'>, role: Role | undefined, changeCount: number): PlanStep[] {
  if (!role || !PLANNING_ROLES.includes(role)) return [];
  const steps: PlanStep[] = [];
  const admin = role === 'admin';
  if (isEditable(plan.status) && changeCount > 0) steps.push('submit');
  if (admin && plan.status === 'submitted') steps.push('approve');
  if (admin && (plan.status === 'submitted' || plan.status === 'approved')) steps.push('return');
  if (admin && plan.status === 'approved') steps.push('merge');
  if (isOpen(plan.status)) steps.push('discard');
  return steps;
}

/** [minLon, minLat, maxLon, maxLat] in degrees of a change: where the plan puts it and where the baseline has it. */
export function changeExtentDeg(change: Pick<PlanChange, 'geometry' | 'baseline_geometry'>): [number, number, number, number] | null {
  const box = [Infinity, Infinity, -Infinity, -Infinity] as [number, number, number, number];
  for (const g of [change.geometry, change.baseline_geometry]) if (g) extend(box, g);
  return box[0] <= box[2] ? box : null;
}

function extend(box: [number, number, number, number], geometry: Geometry): void {
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number' && typeof c[1] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
      return;
    }
    c.forEach(visit);
  };
  visit(geometry.coordinates);
}
