/**
 * The figures of a coverage run, from the level sums: road length per class and level, intersections, public
 * spaces, overlap and the per-ward figures for the thematic maps (cameras per km² and per 10,000 people, share of
 * road length at Recognition or better, faulty cameras and their share). Levels are cumulative ("or better").
 */
import { ZONE_LEVELS, type ZoneLevel } from '../camera-optics/index.js';
import { TARGET, WATCHED, type LevelSums } from './index.js';
import type { PublicSpace } from './samples.js';

export interface Ward {
  code: string;
  name: string;
  areaKm2: number;
  population: number | null;
}

/** What the figures need to know about each camera of the run (every status). */
export interface CameraTally {
  status: string;
  wardCode: string | null;
}

export interface WardFigures {
  ward_code: string;
  ward_name: string;
  area_km2: number;
  population: number | null;
  cameras: number;
  cameras_per_km2: number | null;
  cameras_per_10k_people: number | null;
  road_km: number;
  road_recognition_km: number;
  road_recognition_pct: number | null;
  road_observation_pct: number | null;
  faulty_cameras: number;
  faulty_share_pct: number | null;
}

const r2 = (v: number) => Math.round(v * 100) / 100;
const r3 = (v: number) => Math.round(v * 1000) / 1000;
const pct = (part: number, whole: number) => (whole > 0 ? r2((100 * part) / whole) : null);

/** A level-indexed row → { level: value } for the preset's levels, with `scale` applied. */
function byLevel(row: number[], levels: readonly ZoneLevel[], scale: (v: number) => number): Record<string, number> {
  return Object.fromEntries(levels.map((l) => [l, scale(row[ZONE_LEVELS.indexOf(l) + 1])]));
}

/** Road figures: total and per class, in km and % per level, and the blind length (below Observation). */
export function roadFigures(sums: LevelSums, levels: readonly ZoneLevel[]) {
  const classes = [...sums.roadByClass.entries()].sort((a, b) => b[1][0] - a[1][0]).map(([roadClass, row]) => ({
    road_class: roadClass,
    total_km: r3(row[0] / 1000),
    km: byLevel(row, levels, (v) => r3(v / 1000)),
    pct: byLevel(row, levels, (v) => pct(v, row[0]) ?? 0),
    blind_km: r3((row[0] - row[WATCHED + 1]) / 1000),
  }));
  const total = [...sums.roadByClass.values()].reduce((acc, row) => acc.map((v, k) => v + row[k]), new Array(ZONE_LEVELS.length + 1).fill(0));
  return {
    total_km: r3(total[0] / 1000),
    km: byLevel(total, levels, (v) => r3(v / 1000)),
    pct: byLevel(total, levels, (v) => pct(v, total[0]) ?? 0),
    blind_km: r3((total[0] - total[WATCHED + 1]) / 1000),
    by_class: classes,
  };
}

/** Intersections seen at each level or better. */
export function intersectionFigures(sums: LevelSums, levels: readonly ZoneLevel[]) {
  const row = sums.intersections;
  return { total: row[0], count: byLevel(row, levels, (v) => v), pct: byLevel(row, levels, (v) => pct(v, row[0]) ?? 0) };
}

/** Public spaces: % of area per level, each and together. */
export function publicSpaceFigures(sums: LevelSums, spaces: readonly PublicSpace[], levels: readonly ZoneLevel[]) {
  const total = sums.spaces.reduce((acc, row) => acc.map((v, k) => v + row[k]), new Array(ZONE_LEVELS.length + 1).fill(0));
  return {
    area_m2: Math.round(total[0]),
    pct: byLevel(total, levels, (v) => pct(v, total[0]) ?? 0),
    spaces: spaces.map((s, k) => ({
      id: s.id, name: s.name, kind: s.kind, ward_code: s.wardCode, area_m2: Math.round(sums.spaces[k][0]),
      pct: byLevel(sums.spaces[k], levels, (v) => pct(v, sums.spaces[k][0]) ?? 0),
      blind_pct: pct(sums.spaces[k][0] - sums.spaces[k][WATCHED + 1], sums.spaces[k][0]) ?? 0,
    })),
  };
}

/** Road length by how many cameras watch it at Observation or better. */
export function overlapFigures(sums: LevelSums) {
  const total = sums.overlapM.reduce((a, b) => a + b, 0);
  return ['0', '1', '2', '3', '4+'].map((cameras, k) => ({ cameras, km: r3(sums.overlapM[k] / 1000), pct: pct(sums.overlapM[k], total) ?? 0 }));
}

/** Per-ward figures; cameras count when not decommissioned, faulty ones among them. */
export function wardFigures(sums: LevelSums, wards: readonly Ward[], cameras: readonly CameraTally[]): WardFigures[] {
  const counts = new Map<string, { cameras: number; faulty: number }>();
  for (const c of cameras) {
    if (!c.wardCode || c.status === 'decommissioned') continue;
    const n = counts.get(c.wardCode) ?? counts.set(c.wardCode, { cameras: 0, faulty: 0 }).get(c.wardCode)!;
    n.cameras++;
    if (c.status === 'faulty') n.faulty++;
  }
  return wards.map((w) => {
    const n = counts.get(w.code) ?? { cameras: 0, faulty: 0 };
    const road = sums.roadByWard.get(w.code) ?? new Array(ZONE_LEVELS.length + 1).fill(0);
    return {
      ward_code: w.code,
      ward_name: w.name,
      area_km2: r3(w.areaKm2),
      population: w.population,
      cameras: n.cameras,
      cameras_per_km2: w.areaKm2 > 0 ? r2(n.cameras / w.areaKm2) : null,
      cameras_per_10k_people: w.population ? r2((10_000 * n.cameras) / w.population) : null,
      road_km: r3(road[0] / 1000),
      road_recognition_km: r3(road[TARGET + 1] / 1000),
      road_recognition_pct: pct(road[TARGET + 1], road[0]),
      road_observation_pct: pct(road[WATCHED + 1], road[0]),
      faulty_cameras: n.faulty,
      faulty_share_pct: pct(n.faulty, n.cameras),
    };
  });
}
