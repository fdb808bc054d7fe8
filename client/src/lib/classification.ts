/**
 * Classification of a thematic map's values into classes (pure functions, no map or UI).
 *
 * Breaks are k + 1 ascending numbers [b0, b1, …, bk]: class i holds the values with b(i) ≤ v < b(i+1), and the
 * last class also holds v = bk. Lower limits are included because Jenks' natural breaks, as simple-statistics
 * returns them, are the smallest value of each class; the other methods follow the same rule so a legend reads
 * the same whatever the method.
 *
 * - quantile: breaks at the i/k quantiles, linear interpolation between order statistics (type 7 of Hyndman &
 *   Fan 1996, R's and numpy's default), so classes hold about the same number of units;
 * - equal interval: k classes of width (max − min) / k;
 * - Jenks natural breaks: Jenks' optimisation (Fisher's exact dynamic programme), which minimises the sum of
 *   squared deviations of the values from their class means;
 * - manual: the user's interior breaks, with the data's minimum and maximum as the outer limits.
 * Ties can make quantile or Jenks breaks coincide; coinciding lower limits are merged, so fewer classes come out.
 */
import { equalIntervalBreaks, jenks, quantileSorted } from 'simple-statistics';

export type ClassificationMethod = 'quantile' | 'equal' | 'jenks' | 'manual';
export const CLASSIFICATION_METHODS: readonly ClassificationMethod[] = ['quantile', 'equal', 'jenks', 'manual'];
export const MIN_CLASSES = 3;
export const MAX_CLASSES = 9;

export interface ClassificationOptions {
  method: ClassificationMethod;
  /** Wanted number of classes, 3–9 (ignored for manual breaks, whose count gives the classes). */
  classes: number;
  /** Interior breaks for the manual method, ascending. */
  manualBreaks?: readonly number[];
}

/** Why a manual break list cannot be used, or null when it can. */
export function manualBreaksProblem(breaks: readonly number[]): 'count' | 'order' | 'number' | null {
  if (breaks.some((b) => !Number.isFinite(b))) return 'number';
  if (breaks.length < MIN_CLASSES - 1 || breaks.length > MAX_CLASSES - 1) return 'count';
  for (let i = 1; i < breaks.length; i++) if (!(breaks[i] > breaks[i - 1])) return 'order';
  return null;
}

/**
 * The class breaks of `values` (nulls and non-finite values are left out, as "no data"); an empty list when there
 * is no value to classify. Throws on a manual break list that manualBreaksProblem refuses.
 */
export function classBreaks(values: readonly (number | null)[], options: ClassificationOptions): number[] {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  if (options.method === 'manual') {
    const inner = options.manualBreaks ?? [];
    const problem = manualBreaksProblem(inner);
    if (problem) throw new Error(`manual breaks: ${problem}`);
    return [Math.min(min, inner[0]), ...inner, Math.max(max, inner[inner.length - 1])];
  }
  if (min === max) return [min, max];
  const k = clampClasses(options.classes);
  const distinct = new Set(sorted).size;
  let breaks: number[];
  if (options.method === 'quantile') {
    breaks = Array.from({ length: k + 1 }, (_, i) => quantileSorted(sorted, i / k));
  } else if (options.method === 'equal') {
    breaks = equalIntervalBreaks(sorted, k);
  } else {
    // Jenks needs at least as many distinct values as classes.
    breaks = jenks(sorted, Math.min(k, distinct)) ?? [min, max];
  }
  return mergeCoinciding(breaks);
}

/** Keeps the class count within 3–9. */
export function clampClasses(k: number): number {
  return Math.max(MIN_CLASSES, Math.min(MAX_CLASSES, Math.round(Number.isFinite(k) ? k : MIN_CLASSES)));
}

/**
 * Drops lower limits equal to the one before (an empty class). The maximum always closes the list, and may equal
 * the last lower limit: Jenks puts an outlying maximum in a class of its own, [max, max].
 */
function mergeCoinciding(breaks: number[]): number[] {
  const out = [breaks[0]];
  for (const b of breaks.slice(1, -1)) if (b > out[out.length - 1]) out.push(b);
  out.push(breaks[breaks.length - 1]);
  return out;
}

/** Number of classes the breaks make. */
export const classCount = (breaks: readonly number[]): number => Math.max(0, breaks.length - 1);

/**
 * The class (0-based) of a value, or -1 for no data or a value outside the breaks.
 * Lower limits are included; the last class includes its upper limit.
 */
export function classOf(value: number | null, breaks: readonly number[]): number {
  if (value === null || !Number.isFinite(value) || breaks.length < 2) return -1;
  const k = breaks.length - 1;
  if (value < breaks[0] || value > breaks[k]) return -1;
  for (let i = k - 1; i >= 0; i--) if (value >= breaks[i]) return i;
  return -1;
}

/** How many values fall in each class. */
export function classCounts(values: readonly (number | null)[], breaks: readonly number[]): number[] {
  const counts = new Array<number>(classCount(breaks)).fill(0);
  for (const v of values) {
    const c = classOf(v, breaks);
    if (c >= 0) counts[c]++;
  }
  return counts;
}

/**
 * Rank of each unit by value, 1 for the highest; equal values share the best rank ("1224" competition ranking).
 * Units without a value get no rank.
 */
export function ranks(values: ReadonlyMap<string, number | null>): Map<string, number> {
  const entries = [...values].filter((e): e is [string, number] => e[1] !== null && Number.isFinite(e[1]));
  entries.sort((a, b) => b[1] - a[1]);
  const out = new Map<string, number>();
  entries.forEach(([code, value], i) => out.set(code, i > 0 && value === entries[i - 1][1] ? out.get(entries[i - 1][0])! : i + 1));
  return out;
}

/** Sum of squared deviations of the values from their class means (what Jenks minimises). */
export function withinClassSquaredDeviations(values: readonly number[], breaks: readonly number[]): number {
  const groups = new Map<number, number[]>();
  for (const v of values) {
    const c = classOf(v, breaks);
    groups.set(c, [...(groups.get(c) ?? []), v]);
  }
  let total = 0;
  for (const g of groups.values()) {
    const mean = g.reduce((s, v) => s + v, 0) / g.length;
    total += g.reduce((s, v) => s + (v - mean) ** 2, 0);
  }
  return total;
}
