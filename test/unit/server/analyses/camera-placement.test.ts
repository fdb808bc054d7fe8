import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { greedyPicks, poleSites, type CandidateView } from '../../../../server/src/analyses/camera-placement/index.js';
import { buildSamples } from '../../../../server/src/analyses/city-coverage/samples.js';

/** A straight 100 m road sampled every metre: sample i stands for metre i. */
const samples = buildSamples([{ roadId: 'r', roadClass: 'primary', wardCode: null, coords: [[0, 0], [100, 0]] }], [], [], { roadSpacingM: 1 });
const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, k) => from + k);
const view = (site: number, cover: Int32Array): CandidateView => ({ site, headingDeg: 0, samples: cover });

/** Plain greedy, re-evaluating every candidate each round. */
function naive(candidates: CandidateView[], covered: Uint8Array, k: number): number[] {
  const gains: number[] = [];
  for (let round = 0; round < k; round++) {
    let best = -1, bestGain = 0;
    candidates.forEach((c, index) => {
      const g = c.samples.reduce((s, i) => s + (covered[i] ? 0 : samples.weight[i]), 0);
      if (g > bestGain + 1e-9) [best, bestGain] = [index, g];
    });
    if (best < 0) break;
    for (const i of candidates[best].samples) covered[i] = 1;
    gains.push(bestGain);
  }
  return gains;
}

describe('greedy camera placement', () => {
  it('takes_the_largest_uncovered_gain_first_and_does_not_count_overlap_twice', () => {
    const candidates = [view(0, range(0, 40)), view(1, range(30, 60)), view(2, range(70, 90))];
    const picks = greedyPicks(candidates, samples, new Uint8Array(samples.size), 3);
    expect(picks.map((p) => p.candidate.site)).toEqual([0, 1, 2]);
    expect(picks.map((p) => Math.round(p.gainM))).toEqual([40, 20, 20]);
    expect(Math.round(picks[2].cumulativeGainM)).toBe(80);
  });

  it('road_already_covered_by_existing_cameras_is_worth_nothing', () => {
    const covered = new Uint8Array(samples.size);
    range(0, 50).forEach((i) => (covered[i] = 1));
    const picks = greedyPicks([view(0, range(0, 45)), view(1, range(40, 60))], samples, covered, 2);
    expect(picks.map((p) => p.candidate.site)).toEqual([1]);
    expect(Math.round(picks[0].gainM)).toBe(10);
  });

  it('the_lazy_queue_picks_the_same_gains_as_plain_greedy', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 40 })), { minLength: 1, maxLength: 25 }),
      fc.integer({ min: 1, max: 8 }),
      (spans, k) => {
        const candidates = spans.map(([from, len], site) => view(site, range(from, Math.min(100, from + len))));
        const lazy = greedyPicks(candidates, samples, new Uint8Array(samples.size), k).map((p) => p.gainM);
        const plain = naive(candidates, new Uint8Array(samples.size), k);
        expect(lazy.map((g) => g.toFixed(6))).toEqual(plain.map((g) => g.toFixed(6)));
      },
    ));
  });

  it('poles_alternate_sides_and_look_both_ways_along_the_road_toward_it', () => {
    const sites = poleSites([{ roadId: 'r', roadClass: 'primary', wardCode: null, coords: [[0, 0], [0, 100]] }],
      { poleSpacingM: 30, poleOffsetM: 5, edgeSpacingM: 40, headings: 4, toeInDeg: 14 });
    expect(sites.map((s) => [Math.round(s.x), Math.round(s.y)])).toEqual([[5, 15], [-5, 45], [5, 75]]);
    // East of a northbound road, looking north turns west (toward the road): 346°; looking south: 194°.
    expect(sites[0].headings.slice(0, 2)).toEqual([346, 194]);
    expect(sites[1].headings.slice(0, 2)).toEqual([14, 166]);
    expect(sites[0].headings.slice(2)).toEqual([0, 90, 180, 270]);
  });
});
