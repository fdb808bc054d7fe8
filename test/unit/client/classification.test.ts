/**
 * Classification of thematic-map values against reference breaks. Each case says which breaks are expected and
 * why; Jenks is also checked against a brute-force search for the partition with the least squared deviation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classBreaks, classCounts, classOf, manualBreaksProblem, ranks, withinClassSquaredDeviations,
} from '../../../client/src/lib/classification';

describe('quantile breaks', () => {
  it('quartiles_of_1_to_10_are_those_of_r_type_7', () => {
    // R: quantile(1:10, c(0, .25, .5, .75, 1)) = 1, 3.25, 5.5, 7.75, 10 (type 7: position (n − 1)·p, interpolated).
    const values = [7, 1, 10, 4, 2, 9, 3, 6, 5, 8];
    const breaks = classBreaks(values, { method: 'quantile', classes: 4 });
    expect(breaks).toEqual([1, 3.25, 5.5, 7.75, 10]);
    // Lower limits included: 1 2 3 | 4 5 | 6 7 | 8 9 10.
    expect(classCounts(values, breaks)).toEqual([3, 2, 2, 3]);
  });

  it('ties_merge_coinciding_breaks_into_fewer_classes', () => {
    // Half the wards have no camera: the 0, 1/4 and 1/2 quantiles are all 0, so one class holds every zero.
    const values = [0, 0, 0, 0, 0, 0, 4, 8];
    const breaks = classBreaks(values, { method: 'quantile', classes: 4 });
    expect(breaks).toEqual([0, 1, 8]); // q(0.75) at position 5.25: 0 + 0.25 × (4 − 0) = 1
    expect(classCounts(values, breaks)).toEqual([6, 2]);
  });
});

describe('equal-interval breaks', () => {
  it('four_classes_from_0_to_20_are_5_wide', () => {
    const values = [0, 3, 10, 20, null];
    const breaks = classBreaks(values, { method: 'equal', classes: 4 });
    expect(breaks).toEqual([0, 5, 10, 15, 20]);
    // 10 sits on a limit and goes up (lower limits included); 20, the maximum, closes the last class.
    expect(classCounts(values, breaks)).toEqual([2, 0, 1, 1]);
  });
});

describe('jenks natural breaks', () => {
  it('three_obvious_groups_are_found', () => {
    const values = [21, 1, 11, 2, 12, 3, 22, 10, 20];
    expect(classBreaks(values, { method: 'jenks', classes: 3 })).toEqual([1, 10, 20, 22]);
  });

  it('an_outlying_maximum_gets_a_class_of_its_own', () => {
    // simple-statistics' documented example: {1 2 4 5} {7 9 10} {20}; squared deviations 10 + 4.67 + 0.
    const values = [1, 2, 4, 5, 7, 9, 10, 20];
    const breaks = classBreaks(values, { method: 'jenks', classes: 3 });
    expect(breaks).toEqual([1, 7, 20, 20]);
    expect(classCounts(values, breaks)).toEqual([4, 3, 1]);
    expect(withinClassSquaredDeviations(values, breaks)).toBeCloseTo(10 + 14 / 3, 9);
  });

  it('jenks_breaks_have_the_least_squared_deviation_of_any_partition', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 6, maxLength: 12 }), fc.integer({ min: 3, max: 5 }), (values, k) => {
        const distinct = [...new Set(values)].sort((a, b) => a - b);
        fc.pre(distinct.length >= k);
        const breaks = classBreaks(values, { method: 'jenks', classes: k });
        expect(withinClassSquaredDeviations(values, breaks)).toBeCloseTo(bestPartition(values, distinct, k), 6);
      }),
      { numRuns: 150, seed: 6 },
    );
  });

  it('fewer_distinct_values_than_classes_give_one_class_per_value', () => {
    const breaks = classBreaks([5, 5, 7, 7, 7], { method: 'jenks', classes: 5 });
    expect(classCounts([5, 5, 7, 7, 7], breaks)).toEqual([2, 3]);
  });
});

/** Least within-class squared deviation over every split of the distinct sorted values into k groups. */
function bestPartition(values: number[], distinct: number[], k: number): number {
  let best = Infinity;
  const search = (start: number, groupsLeft: number, lowers: number[]) => {
    if (groupsLeft === 1) {
      const breaks = [...lowers, distinct[distinct.length - 1]];
      best = Math.min(best, withinClassSquaredDeviations(values, breaks));
      return;
    }
    for (let next = start + 1; next <= distinct.length - groupsLeft + 1; next++) search(next, groupsLeft - 1, [...lowers, distinct[next]]);
  };
  search(0, k, [distinct[0]]);
  return best;
}

describe('manual breaks and class membership', () => {
  it('manual_breaks_take_the_data_range_as_outer_limits', () => {
    const breaks = classBreaks([2, 15, 48, 90], { method: 'manual', classes: 0, manualBreaks: [10, 25, 50] });
    expect(breaks).toEqual([2, 10, 25, 50, 90]);
    expect(classCounts([2, 15, 48, 90], breaks)).toEqual([1, 1, 1, 1]);
  });

  it('bad_manual_breaks_are_named', () => {
    expect(manualBreaksProblem([10, 5])).toBe('order');
    expect(manualBreaksProblem([10])).toBe('count');
    expect(manualBreaksProblem([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBe('count');
    expect(manualBreaksProblem([1, NaN])).toBe('number');
    expect(manualBreaksProblem([1, 2])).toBeNull();
    expect(() => classBreaks([1, 2], { method: 'manual', classes: 3, manualBreaks: [3, 1] })).toThrow(/order/);
  });

  it('no_data_and_values_outside_the_breaks_have_no_class', () => {
    expect(classOf(null, [0, 5, 10])).toBe(-1);
    expect(classOf(11, [0, 5, 10])).toBe(-1);
    expect(classOf(10, [0, 5, 10])).toBe(1);
    expect(classBreaks([null, null], { method: 'jenks', classes: 5 })).toEqual([]);
  });

  it('a_single_value_makes_one_class', () => {
    expect(classBreaks([4, 4, 4], { method: 'quantile', classes: 5 })).toEqual([4, 4]);
    expect(classOf(4, [4, 4])).toBe(0);
  });

  it('the_class_count_is_kept_between_3_and_9', () => {
    const values = Array.from({ length: 40 }, (_, i) => i);
    expect(classBreaks(values, { method: 'equal', classes: 1 })).toHaveLength(4);
    expect(classBreaks(values, { method: 'equal', classes: 20 })).toHaveLength(10);
  });
});

describe('ranks', () => {
  it('the_highest_value_ranks_first_and_ties_share_a_rank', () => {
    const r = ranks(new Map([['a', 5], ['b', 9], ['c', 5], ['d', null], ['e', 1]]));
    expect(Object.fromEntries(r)).toEqual({ b: 1, a: 2, c: 2, e: 4 });
  });
});
