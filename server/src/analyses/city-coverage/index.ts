/**
 * City coverage: how well the cameras watch the roads, intersections and public spaces, per IEC 62676-4 level.
 * Each camera's occluded view (camera-view) is asked about the sample points near it (samples.ts); every sample
 * keeps the finest level any camera gives it and how many cameras watch it at Observation or better. Several runs
 * (the baseline and a plan) share one pass: a camera counts in each run whose camera set holds it.
 */
import { ZONE_LEVELS, type ZoneLevel } from '../camera-optics/index.js';
import { levelAt, type Viewshed } from '../camera-view/viewshed.js';
import { forEachSampleIn, KIND_INTERSECTION, KIND_ROAD, KIND_SPACE, type SampleSet } from './samples.js';

/** The level from which a place counts as watched (and below which it is a blind spot). */
export const WATCHED_LEVEL: ZoneLevel = 'observation';
export const WATCHED = ZONE_LEVELS.indexOf(WATCHED_LEVEL);
/** The level the per-ward road figure and the placement suggestions aim at. */
export const TARGET_LEVEL: ZoneLevel = 'recognition';
export const TARGET = ZONE_LEVELS.indexOf(TARGET_LEVEL);

/** Per run and per sample: the finest level seen (-1: none) and the number of cameras watching it. */
export class CoverageAccumulator {
  readonly best: Int8Array[];
  readonly watchers: Uint8Array[];

  constructor(readonly samples: SampleSet, readonly runs: number) {
    this.best = Array.from({ length: runs }, () => new Int8Array(samples.size).fill(-1));
    this.watchers = Array.from({ length: runs }, () => new Uint8Array(samples.size));
  }

  /** Adds one camera's view to the runs in `runMask` (bit r set: run r). Returns how many samples it sees. */
  add(shed: Viewshed, runMask: number): number {
    if (shed.farM <= 0 || shed.inside) return 0;
    const r = shed.farM;
    let seen = 0;
    forEachSampleIn(this.samples, shed.x - r, shed.y - r, shed.x + r, shed.y + r, (i) => {
      const level = levelAt(shed, this.samples.x[i], this.samples.y[i]);
      if (level < 0) return;
      seen++;
      for (let run = 0; run < this.runs; run++) {
        if (!(runMask & (1 << run))) continue;
        if (level > this.best[run][i]) this.best[run][i] = level;
        if (level >= WATCHED && this.watchers[run][i] < 255) this.watchers[run][i]++;
      }
    });
    return seen;
  }
}

/** Sums of sample weights by kind and level for one run: road metres per class, space m² per space, intersections. */
export interface LevelSums {
  /** road class → [total m, m at each ZONE_LEVELS index or better…] */
  roadByClass: Map<string, number[]>;
  /** ward code ('' for none) → [total m, m at each level or better…] */
  roadByWard: Map<string, number[]>;
  /** public space index → [total m², m² at each level or better…] */
  spaces: number[][];
  /** [count, count at each level or better…] */
  intersections: number[];
  /** Road metres watched by 0, 1, 2, 3 and 4 or more cameras. */
  overlapM: number[];
}

const emptyRow = () => new Array(ZONE_LEVELS.length + 1).fill(0);

/** Adds up one run's samples. `pieceWard` and `pieceClass` name each road piece's ward and class. */
export function sumLevels(acc: CoverageAccumulator, run: number, pieceClass: readonly string[], pieceWard: readonly (string | null)[], spaceCount: number): LevelSums {
  const s = acc.samples;
  const sums: LevelSums = { roadByClass: new Map(), roadByWard: new Map(), spaces: Array.from({ length: spaceCount }, emptyRow), intersections: emptyRow(), overlapM: [0, 0, 0, 0, 0] };
  const best = acc.best[run], watchers = acc.watchers[run];
  const addTo = (row: number[], i: number) => {
    row[0] += s.weight[i];
    for (let level = 0; level <= best[i]; level++) row[level + 1] += s.weight[i];
  };
  for (let i = 0; i < s.size; i++) {
    if (s.kind[i] === KIND_ROAD) {
      const p = s.owner[i];
      const byClass = sums.roadByClass.get(pieceClass[p]) ?? sums.roadByClass.set(pieceClass[p], emptyRow()).get(pieceClass[p])!;
      const ward = pieceWard[p] ?? '';
      const byWard = sums.roadByWard.get(ward) ?? sums.roadByWard.set(ward, emptyRow()).get(ward)!;
      addTo(byClass, i);
      addTo(byWard, i);
      sums.overlapM[Math.min(4, watchers[i])] += s.weight[i];
    } else if (s.kind[i] === KIND_SPACE) {
      addTo(sums.spaces[s.owner[i]], i);
    } else if (s.kind[i] === KIND_INTERSECTION) {
      addTo(sums.intersections, i);
    }
  }
  return sums;
}
