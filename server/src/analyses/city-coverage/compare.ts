/**
 * Two coverage runs side by side (a plan and the baseline, or two plans): each figure of the run asked for (a), of
 * the one it is compared with (b) and the change a − b (what the plan changes), for the city and per ward.
 */
import type { ZoneLevel } from '../camera-optics/index.js';
import type { WardFigures } from './summary.js';

/** The city figures of a run that are compared (see process.ts for how they are made). */
export interface RunFigures {
  label: string;
  cameras: { total: number; computed: number; faulty: number };
  roads: { total_km: number; km: Record<string, number>; pct: Record<string, number>; blind_km: number };
  intersections: { total: number; pct: Record<string, number> };
  public_spaces: { pct: Record<string, number> };
  overlap: { cameras: string; km: number }[];
  wards: WardFigures[];
}

export interface ComparisonRow {
  figure: string;
  unit: string;
  a: number | null;
  b: number | null;
  delta: number | null;
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round((a - b) * 1000) / 1000);
const row = (figure: string, unit: string, a: number | null, b: number | null): ComparisonRow => ({ figure, unit, a, b, delta: diff(a, b) });

/** City-wide figures of two runs with their differences (a − b). */
export function compareRuns(a: RunFigures, b: RunFigures, levels: readonly ZoneLevel[]) {
  const rows: ComparisonRow[] = [
    row('cameras', 'count', a.cameras.total, b.cameras.total),
    row('cameras_computed', 'count', a.cameras.computed, b.cameras.computed),
    row('faulty_cameras', 'count', a.cameras.faulty, b.cameras.faulty),
    ...levels.map((l) => row(`road_${l}_pct`, '%', a.roads.pct[l], b.roads.pct[l])),
    ...levels.map((l) => row(`road_${l}_km`, 'km', a.roads.km[l], b.roads.km[l])),
    row('road_blind_km', 'km', a.roads.blind_km, b.roads.blind_km),
    ...levels.map((l) => row(`intersections_${l}_pct`, '%', a.intersections.pct[l], b.intersections.pct[l])),
    ...levels.map((l) => row(`public_spaces_${l}_pct`, '%', a.public_spaces.pct[l], b.public_spaces.pct[l])),
    row('road_watched_by_2_or_more_km', 'km', overlapOf(a, 2), overlapOf(b, 2)),
  ];
  const wardsB = new Map(b.wards.map((w) => [w.ward_code, w]));
  const wards = a.wards.map((w) => {
    const other = wardsB.get(w.ward_code);
    return {
      ward_code: w.ward_code, ward_name: w.ward_name,
      cameras: { a: w.cameras, b: other?.cameras ?? null, delta: diff(w.cameras, other?.cameras ?? null) },
      road_recognition_pct: { a: w.road_recognition_pct, b: other?.road_recognition_pct ?? null, delta: diff(w.road_recognition_pct, other?.road_recognition_pct ?? null) },
    };
  });
  return { a: a.label, b: b.label, rows, wards };
}

function overlapOf(f: RunFigures, atLeast: number): number {
  return Math.round(f.overlap.filter((o) => Number.parseInt(o.cameras, 10) >= atLeast).reduce((s, o) => s + o.km, 0) * 1000) / 1000;
}
