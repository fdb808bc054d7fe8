/**
 * Placement suggestions: greedy maximal coverage (Church & ReVelle's maximal covering location problem, solved
 * greedily, which keeps at least 1 − 1/e of the best possible gain). Each candidate is a position and heading;
 * what it covers is the set of road samples it sees at Recognition or better (IEC 62676-4, 125 px/m) that no
 * existing camera covers yet. K times, the candidate adding the most uncovered road length is taken. Gains only
 * shrink as cameras are added, so stale gains are upper bounds and a lazy priority queue (CELF) re-evaluates only
 * the candidates that might win.
 */
import { insideBuilding, buildingsIn, type BuildingSet } from '../camera-view/buildings.js';
import { levelAt, type Viewshed } from '../camera-view/viewshed.js';
import { forEachSampleIn, KIND_ROAD, type RoadPiece, type SampleSet } from '../city-coverage/samples.js';
import { pointAlong, polylineLength } from '../city-coverage/samples.js';

export type CandidateKind = 'intersection' | 'pole' | 'public_space';

/** A place a camera could go, with the headings worth trying there (degrees). */
export interface CandidateSite {
  kind: CandidateKind;
  x: number;
  y: number;
  headings: number[];
}

export interface SiteOptions {
  /** Distance between poles along a road (m). */
  poleSpacingM: number;
  /** Poles stand this far from the road's centre line (m), alternating sides. */
  poleOffsetM: number;
  /** Distance between candidate points along a public space's edge (m). */
  edgeSpacingM: number;
  /** Evenly spread headings tried everywhere, besides the road directions at poles. */
  headings: number;
  /** Toe-in (°) of a pole camera looking along its road, so that the road stays in view near the pole. */
  toeInDeg: number;
}

const bearing = (dx: number, dy: number) => ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
const evenly = (n: number) => Array.from({ length: n }, (_, k) => (360 * k) / n);

/** Poles every `poleSpacingM` along each road piece, offset to alternate sides, looking both ways along it. */
export function poleSites(pieces: readonly RoadPiece[], o: SiteOptions): CandidateSite[] {
  const sites: CandidateSite[] = [];
  let side = 1;
  for (const piece of pieces) {
    const length = polylineLength(piece.coords);
    for (let s = o.poleSpacingM / 2; s < length; s += o.poleSpacingM) {
      const [x0, y0] = pointAlong(piece.coords, Math.max(0, s - 1));
      const [x1, y1] = pointAlong(piece.coords, Math.min(length, s + 1));
      const [x, y] = pointAlong(piece.coords, s);
      const len = Math.hypot(x1 - x0, y1 - y0) || 1;
      const nx = (y1 - y0) / len, ny = -(x1 - x0) / len;
      const along = bearing(x1 - x0, y1 - y0);
      // Standing on the right (side 1) of the road's direction, a camera looking forward turns left to face it.
      const toe = side * o.toeInDeg;
      sites.push({
        kind: 'pole', x: x + side * o.poleOffsetM * nx, y: y + side * o.poleOffsetM * ny,
        headings: [(along - toe + 360) % 360, (along + 180 + toe) % 360, ...evenly(o.headings)],
      });
      side = -side;
    }
  }
  return sites;
}

/** Masts at the intersections, every heading. */
export function intersectionSites(points: readonly [number, number][], o: SiteOptions): CandidateSite[] {
  return points.map(([x, y]) => ({ kind: 'intersection', x, y, headings: evenly(o.headings) }));
}

/** Points along the outer edge of each public space, every heading. */
export function publicSpaceSites(rings: readonly [number, number][][], o: SiteOptions): CandidateSite[] {
  const sites: CandidateSite[] = [];
  for (const ring of rings) {
    const length = polylineLength(ring);
    for (let s = 0; s < length; s += o.edgeSpacingM) {
      const [x, y] = pointAlong(ring, s);
      sites.push({ kind: 'public_space', x, y, headings: evenly(o.headings) });
    }
  }
  return sites;
}

/** Leaves out sites standing inside a building footprint. */
export function outsideBuildings(sites: CandidateSite[], buildings: BuildingSet): CandidateSite[] {
  return sites.filter((s) => !buildingsIn(buildings, s.x, s.y, s.x, s.y).some((b) => insideBuilding(buildings, b, s.x, s.y)));
}

/** The road samples a view sees at `minLevel` or better that are not covered yet. */
export function coveredSamples(shed: Viewshed, samples: SampleSet, covered: Uint8Array, minLevel: number): Int32Array {
  const out: number[] = [];
  const r = shed.farM;
  forEachSampleIn(samples, shed.x - r, shed.y - r, shed.x + r, shed.y + r, (i) => {
    if (samples.kind[i] !== KIND_ROAD || covered[i]) return;
    if (levelAt(shed, samples.x[i], samples.y[i]) >= minLevel) out.push(i);
  });
  return Int32Array.from(out);
}

export interface CandidateView {
  site: number;
  headingDeg: number;
  samples: Int32Array;
}

export interface Pick {
  candidate: CandidateView;
  gainM: number;
  cumulativeGainM: number;
}

/** Lazy greedy: up to k candidates, each adding the most road length (m) not yet covered. */
export function greedyPicks(candidates: readonly CandidateView[], samples: SampleSet, covered: Uint8Array, k: number): Pick[] {
  const gain = (c: CandidateView) => {
    let sum = 0;
    for (const i of c.samples) if (!covered[i]) sum += samples.weight[i];
    return sum;
  };
  const heap = new MaxHeap(candidates.map((c, index) => ({ index, gain: gain(c), round: 0 })));
  const picks: Pick[] = [];
  let total = 0;
  while (picks.length < k && heap.size) {
    const top = heap.pop()!;
    if (top.gain <= 0) break;
    if (top.round !== picks.length) {
      heap.push({ ...top, gain: gain(candidates[top.index]), round: picks.length });
      continue;
    }
    const chosen = candidates[top.index];
    for (const i of chosen.samples) covered[i] = 1;
    total += top.gain;
    picks.push({ candidate: chosen, gainM: top.gain, cumulativeGainM: total });
  }
  return picks;
}

interface HeapItem {
  index: number;
  gain: number;
  /** Number of picks made when `gain` was computed. */
  round: number;
}

/** A binary max-heap on gain (ties: the earlier candidate, so results do not depend on heap internals). */
class MaxHeap {
  private readonly items: HeapItem[] = [];

  constructor(items: HeapItem[]) {
    for (const item of items) this.push(item);
  }

  get size(): number {
    return this.items.length;
  }

  private above(a: HeapItem, b: HeapItem): boolean {
    return a.gain > b.gain || (a.gain === b.gain && a.index < b.index);
  }

  push(item: HeapItem): void {
    const h = this.items;
    h.push(item);
    for (let k = h.length - 1; k > 0; ) {
      const parent = (k - 1) >> 1;
      if (!this.above(h[k], h[parent])) break;
      [h[k], h[parent]] = [h[parent], h[k]];
      k = parent;
    }
  }

  pop(): HeapItem | undefined {
    const h = this.items;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let k = 0; ; ) {
        const l = 2 * k + 1, r = l + 1;
        let best = k;
        if (l < h.length && this.above(h[l], h[best])) best = l;
        if (r < h.length && this.above(h[r], h[best])) best = r;
        if (best === k) break;
        [h[k], h[best]] = [h[best], h[k]];
        k = best;
      }
    }
    return top;
  }
}
