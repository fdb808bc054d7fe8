/**
 * Which layers a user may import into, and where the features go: the same rights as the server's writes.
 * Urban layers go into the baseline for their editors. Infrastructure layers go into the active plan when one is
 * open (planners may write them only there); without a plan, into the baseline for their editors.
 */
import type { CollectionInfo } from '../api/collections';
import type { Role } from '../api/session';

export interface ImportTarget {
  collection: CollectionInfo;
  /** Where the features go; undefined when the user may not import into it now. */
  into?: 'baseline' | 'plan';
  /** Why not (an i18n key), when `into` is undefined. */
  reason?: 'needsPlan' | 'noRight';
}

/** Every collection with where an import by `role` would write it, given the active plan (null: the baseline). */
export function importTargets(collections: readonly CollectionInfo[], role: Role | undefined, activePlanId: string | null): ImportTarget[] {
  return collections.map((collection) => {
    const editor = role !== undefined && collection.editRoles.includes(role);
    if (!collection.scenarioAware) return editor ? { collection, into: 'baseline' } : { collection, reason: 'noRight' };
    if (activePlanId) return editor || role === 'planner' ? { collection, into: 'plan' } : { collection, reason: 'noRight' };
    if (editor) return { collection, into: 'baseline' };
    return { collection, reason: role === 'planner' ? 'needsPlan' : 'noRight' };
  });
}

/** True when `role` may import into at least one layer (with or without a plan): planners, engineers, admins. */
export function mayImport(collections: readonly CollectionInfo[], role: Role | undefined): boolean {
  return role !== undefined && (role === 'planner' || collections.some((c) => c.editRoles.includes(role)));
}
