/**
 * Who may edit what, by the server's rule (server/src/features/ogc/items.routes.ts): in the baseline, the roles
 * of the collection's registry `editRoles`; inside a plan, planners too, on the collections that are planned in
 * plans (`scenarioAware`). Other collections are always written to the baseline, so a plan changes nothing there.
 */
import type { Role } from '../../api/session';

export interface EditableCollection {
  editRoles: readonly string[];
  scenarioAware?: boolean;
}

/** The plan a write to this collection goes into: the active plan for plan layers, else null (the baseline). */
export function scenarioFor(collection: EditableCollection, activePlanId: string | null): string | null {
  return activePlanId && collection.scenarioAware ? activePlanId : null;
}

/** True when a user of `role` may write the collection with `activePlanId` active (null: the baseline). */
export function canEditIn(role: Role | undefined, collection: EditableCollection, activePlanId: string | null): boolean {
  if (!role) return false;
  if (collection.editRoles.includes(role)) return true;
  return role === 'planner' && scenarioFor(collection, activePlanId) !== null;
}
