/**
 * Plain-data helpers of the feature history panel: what differs between two versions of a feature, which
 * version is current, and which versions a revert may go back to. Unit-tested without a browser.
 */
import type { FeatureVersion } from '../api/history';

/** One property whose value differs between two versions. */
export interface PropertyChange {
  name: string;
  before: unknown;
  after: unknown;
}

/** Two versions side by side and what differs: `before` is null when `after` is the first version. */
export interface VersionComparison {
  before: FeatureVersion | null;
  after: FeatureVersion;
  properties: PropertyChange[];
  geometryChanged: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The properties of `names` (registry order) whose value differs from `before` to `after`; with no `before`
 * (a first version), every property that has a value.
 */
export function diffProperties(names: readonly string[], before: Record<string, unknown> | null, after: Record<string, unknown>): PropertyChange[] {
  return names
    .filter((n) => (before ? !same(before[n], after[n]) : after[n] !== null && after[n] !== undefined))
    .map((name) => ({ name, before: before ? (before[name] ?? null) : null, after: after[name] ?? null }));
}

/**
 * Compares version `index` (into `versions`, oldest first) with the one before it (`previous`: what that version
 * changed), or with the current state (`current`: what a revert to it would change, the current being the last).
 */
export function compareVersions(
  versions: readonly FeatureVersion[], index: number, against: 'previous' | 'current', names: readonly string[],
): VersionComparison {
  const selected = versions[index];
  const [before, after] = against === 'previous'
    ? [versions[index - 1] ?? null, selected]
    : [selected, versions[versions.length - 1]];
  return {
    before,
    after,
    properties: diffProperties(names, before?.properties ?? null, after.properties),
    geometryChanged: before !== null && !same(before.geometry, after.geometry),
  };
}

/** The version a revert's If-Match names: the last recorded one (also after a delete, which the revert undoes). */
export function currentVersion(versions: readonly FeatureVersion[]): number | null {
  return versions.length ? versions[versions.length - 1].version : null;
}

/** True when the feature was deleted last: it exists no more, and a revert brings it back. */
export function isDeleted(versions: readonly FeatureVersion[]): boolean {
  return versions.length > 0 && versions[versions.length - 1].operation === 'delete';
}

/**
 * True when a revert to version `index` would change something: it is no delete, and it differs from the current
 * state in a property or the geometry (or the feature is deleted now).
 */
export function canRevertTo(versions: readonly FeatureVersion[], index: number, names: readonly string[]): boolean {
  const target = versions[index];
  if (!target || target.operation === 'delete') return false;
  if (isDeleted(versions)) return true;
  const current = versions[versions.length - 1];
  if (current === target) return false;
  return diffProperties(names, current.properties, target.properties).length > 0 || !same(current.geometry, target.geometry);
}
