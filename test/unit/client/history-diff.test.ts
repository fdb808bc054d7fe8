import { describe, expect, it } from 'vitest';
import type { FeatureVersion } from '../../../client/src/api/history';
import { canRevertTo, compareVersions, currentVersion, diffProperties, isDeleted } from '../../../client/src/lib/history-diff';

const NAMES = ['name', 'status', 'heading_deg', 'tags'];
const at = [108.22, 16.06];

function version(v: number, operation: FeatureVersion['operation'], properties: Record<string, unknown>, coordinates = at): FeatureVersion {
  return { version: v, operation, at: '2026-11-24T08:00:00Z', user_name: 'engineer', properties, geometry: { type: 'Point', coordinates }, changedProperties: [], geometryChanged: false };
}

/** Created, turned to 180°, moved east: the history test's camera. */
const camera = [
  version(1, 'insert', { name: 'Cầu Rồng', status: 'existing', heading_deg: 90, tags: null }),
  version(2, 'update', { name: 'Cầu Rồng', status: 'existing', heading_deg: 180, tags: null }),
  version(3, 'update', { name: 'Cầu Rồng', status: 'existing', heading_deg: 180, tags: null }, [108.221, 16.06]),
];

describe('feature history diff', () => {
  it('a_version_is_compared_with_the_one_before_it', () => {
    const turned = compareVersions(camera, 1, 'previous', NAMES);
    expect(turned.before?.version).toBe(1);
    expect(turned.properties).toEqual([{ name: 'heading_deg', before: 90, after: 180 }]);
    expect(turned.geometryChanged).toBe(false);
    const movedOnly = compareVersions(camera, 2, 'previous', NAMES);
    expect(movedOnly.properties).toEqual([]);
    expect(movedOnly.geometryChanged).toBe(true);
  });

  it('the_first_version_lists_the_values_it_was_created_with', () => {
    const first = compareVersions(camera, 0, 'previous', NAMES);
    expect(first.before).toBeNull();
    expect(first.properties.map((p) => p.name)).toEqual(['name', 'status', 'heading_deg']);
    expect(first.geometryChanged).toBe(false);
  });

  it('a_version_compared_with_the_current_one_shows_what_changed_since', () => {
    const sinceFirst = compareVersions(camera, 0, 'current', NAMES);
    expect(sinceFirst.before?.version).toBe(1);
    expect(sinceFirst.after.version).toBe(3);
    expect(sinceFirst.properties).toEqual([{ name: 'heading_deg', before: 90, after: 180 }]);
    expect(sinceFirst.geometryChanged).toBe(true);
    const current = compareVersions(camera, 2, 'current', NAMES);
    expect(current.before).toBe(current.after);
    expect(current.properties).toEqual([]);
  });

  it('arrays_and_missing_values_compare_by_content', () => {
    expect(diffProperties(['tags'], { tags: ['a', 'b'] }, { tags: ['a', 'b'] })).toEqual([]);
    expect(diffProperties(['tags'], { tags: ['a'] }, { tags: ['a', 'b'] })).toHaveLength(1);
    expect(diffProperties(['tags'], {}, { tags: null })).toEqual([]);
  });

  it('reverting_is_offered_only_where_it_changes_something', () => {
    expect(canRevertTo(camera, 0, NAMES)).toBe(true);
    expect(canRevertTo(camera, 2, NAMES)).toBe(false);
    const backAgain = [...camera, version(4, 'update', camera[0].properties)];
    expect(canRevertTo(backAgain, 0, NAMES)).toBe(false);
    expect(canRevertTo(backAgain, 1, NAMES)).toBe(true);
  });

  it('a_deleted_feature_can_be_brought_back_but_not_to_its_delete', () => {
    const deleted = [...camera, version(4, 'delete', camera[2].properties, [108.221, 16.06])];
    expect(isDeleted(deleted)).toBe(true);
    expect(canRevertTo(deleted, 2, NAMES)).toBe(true);
    expect(canRevertTo(deleted, 3, NAMES)).toBe(false);
    expect(currentVersion(deleted)).toBe(4);
    expect(currentVersion([])).toBeNull();
  });
});
