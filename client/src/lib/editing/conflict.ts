/**
 * What the conflict dialog shows when a write meets a newer version (HTTP 412): the other user's version beside
 * the one this user tried to write, attribute by attribute, with the differing ones marked, and whether each side
 * changed the geometry.
 */
import type { FeatureState } from '../../api/editing';

export interface ConflictRow {
  name: string;
  mine: unknown;
  theirs: unknown;
  /** The two versions hold different values. */
  differs: boolean;
}

export interface ConflictSummary {
  rows: ConflictRow[];
  /** The other user's version has another geometry than the one this user started from (or than mine without a base). */
  theirGeometryChanged: boolean;
  /** This user's version changes the geometry (compared with where they started, or with theirs). */
  myGeometryChanged: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Two GeoJSON geometries are the same when every coordinate agrees within `toleranceDeg` (the API rounds to 1e-9°). */
export function sameGeometry(a: unknown, b: unknown, toleranceDeg = 1e-8): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= toleranceDeg;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameGeometry(v, b[i], toleranceDeg));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
    return x.type === y.type && sameGeometry(x.coordinates, y.coordinates, toleranceDeg);
  }
  return a === b;
}

/**
 * Compares my version (null when I was deleting) with theirs, attribute by attribute for `names`; `base` is the
 * version I started from, when known.
 */
export function summariseConflict(names: readonly string[], mine: FeatureState | null, theirs: FeatureState, base?: FeatureState | null): ConflictSummary {
  const rows = names.map((name) => {
    const mineValue = mine ? mine.properties[name] ?? null : null;
    const theirValue = theirs.properties[name] ?? null;
    return { name, mine: mineValue, theirs: theirValue, differs: mine !== null && !same(mineValue, theirValue) };
  });
  const reference = base ?? mine;
  return {
    rows,
    theirGeometryChanged: reference ? !sameGeometry(theirs.geometry, reference.geometry) : false,
    myGeometryChanged: mine ? !sameGeometry(mine.geometry, (base ?? theirs).geometry) : false,
  };
}
