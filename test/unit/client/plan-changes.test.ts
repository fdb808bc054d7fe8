import { describe, expect, it } from 'vitest';
import type { PlanChange } from '../../../client/src/api/scenarios';
import {
  allowedSteps, changeExtentDeg, changeKind, countByKind, groupChanges, isEditable, replacedBaselineIds,
} from '../../../client/src/lib/plan-changes';

let n = 0;
/** A plan change as the server lists it; an added camera unless told otherwise. */
function change(p: Partial<PlanChange> = {}): PlanChange {
  n++;
  return {
    collection: 'cameras', id: `plan-${n}`, version: 1, name: `Camera ${n}`, status: 'planned', kind: 'added',
    replaces_id: null, replaces_version: null, baseline_version: null, conflict: false, moved: null,
    changedProperties: [], geometry: { type: 'Point', coordinates: [108.22, 16.06] }, properties: {},
    baseline_geometry: null, baseline_properties: null, ...p,
  };
}
const moved = (p: Partial<PlanChange> = {}) => change({
  kind: 'changed', moved: true, replaces_id: `base-${n + 1}`, replaces_version: 1, baseline_version: 1,
  baseline_geometry: { type: 'Point', coordinates: [108.2, 16.05] }, ...p,
});

describe('plan changes', () => {
  it('a_changed_feature_the_plan_puts_elsewhere_is_listed_as_moved', () => {
    expect(changeKind(moved())).toBe('moved');
    expect(changeKind(change({ kind: 'changed', moved: false }))).toBe('changed');
    expect(changeKind(change({ kind: 'retired', moved: false }))).toBe('retired');
    expect(changeKind(change())).toBe('added');
  });

  it('changes_are_grouped_by_layer_in_registry_order_with_conflicts_first', () => {
    const link = change({ collection: 'man_links', name: null, kind: 'retired', moved: false, replaces_id: 'l1' });
    const quiet = moved({ name: 'A camera' });
    const clash = moved({ name: 'Z camera', conflict: true, baseline_version: 2 });
    const added = change({ name: 'B camera' });
    const groups = groupChanges([link, quiet, added, clash], ['cameras', 'man_nodes', 'man_links']);
    expect(groups.map((g) => g.collection)).toEqual(['cameras', 'man_links']);
    expect(groups[0].changes.map((c) => c.name)).toEqual(['Z camera', 'B camera', 'A camera']);
    expect(groups[0].counts).toEqual({ added: 1, moved: 2, changed: 0, retired: 0 });
    expect(groups[0].conflicts).toBe(1);
    expect(groups[1].counts.retired).toBe(1);
  });

  it('a_layer_missing_from_the_registry_order_comes_last', () => {
    const groups = groupChanges([change({ collection: 'zeppelins' }), change({ collection: 'wifi_aps' })], ['wifi_aps']);
    expect(groups.map((g) => g.collection)).toEqual(['wifi_aps', 'zeppelins']);
  });

  it('counts_cover_every_kind_even_when_empty', () => {
    expect(countByKind([])).toEqual({ added: 0, moved: 0, changed: 0, retired: 0 });
  });

  it('only_replaced_baseline_features_are_hidden_per_layer', () => {
    const hidden = replacedBaselineIds([
      change(),
      moved({ replaces_id: 'cam-1' }),
      change({ collection: 'wifi_aps', kind: 'retired', replaces_id: 'ap-1' }),
    ]);
    expect([...hidden.keys()]).toEqual(['cameras', 'wifi_aps']);
    expect([...hidden.get('cameras')!]).toEqual(['cam-1']);
  });

  it('the_extent_of_a_move_covers_the_old_and_the_new_position', () => {
    expect(changeExtentDeg(moved())).toEqual([108.2, 16.05, 108.22, 16.06]);
    const line = change({ geometry: { type: 'LineString', coordinates: [[108.1, 16.0], [108.3, 16.1]] } });
    expect(changeExtentDeg(line)).toEqual([108.1, 16.0, 108.3, 16.1]);
    expect(changeExtentDeg(change({ geometry: { type: 'Point', coordinates: [] } }))).toBeNull();
  });
});

describe('plan review steps', () => {
  it('a_planner_submits_a_non_empty_draft_and_may_discard_it_but_never_approves', () => {
    expect(allowedSteps({ status: 'draft' }, 'planner', 2)).toEqual(['submit', 'discard']);
    expect(allowedSteps({ status: 'draft' }, 'planner', 0)).toEqual(['discard']);
    expect(allowedSteps({ status: 'submitted' }, 'planner', 2)).toEqual(['discard']);
    expect(allowedSteps({ status: 'returned' }, 'engineer', 2)).toEqual(['submit', 'discard']);
  });

  it('an_admin_approves_or_returns_a_submitted_plan_and_merges_only_an_approved_one', () => {
    expect(allowedSteps({ status: 'submitted' }, 'admin', 2)).toEqual(['approve', 'return', 'discard']);
    expect(allowedSteps({ status: 'approved' }, 'admin', 2)).toEqual(['return', 'merge', 'discard']);
    expect(allowedSteps({ status: 'draft' }, 'admin', 2)).not.toContain('merge');
  });

  it('viewers_and_closed_plans_offer_no_step', () => {
    expect(allowedSteps({ status: 'draft' }, 'viewer', 2)).toEqual([]);
    expect(allowedSteps({ status: 'merged' }, 'admin', 2)).toEqual([]);
    expect(allowedSteps({ status: 'discarded' }, 'admin', 2)).toEqual([]);
    expect(allowedSteps({ status: 'draft' }, undefined, 2)).toEqual([]);
  });

  it('only_drafts_and_returned_plans_are_editable', () => {
    expect(['draft', 'submitted', 'returned', 'approved', 'merged', 'discarded'].filter((s) => isEditable(s as never))).toEqual(['draft', 'returned']);
  });
});
