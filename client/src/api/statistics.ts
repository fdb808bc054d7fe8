/** Client for `/api/statistics`: indicator figures per administrative unit, key figures, heat-map positions. */
import { getJson, withQuery } from './http';
import type { Bilingual } from './collections';

export type AdminLevel = 'city' | 'district' | 'ward';

export interface IndicatorInfo {
  id: string;
  theme: 'population' | 'cctv' | 'iot' | 'radio' | 'network';
  title: Bilingual;
  definition: Bilingual;
  unit: Bilingual;
  decimals: number;
  levels: AdminLevel[];
  higherIsBetter: boolean | null;
}

export interface StatisticsCatalogue {
  indicators: IndicatorInfo[];
  /** Levels the data holds, largest first, with their unit counts. */
  levels: { level: AdminLevel; units: number }[];
  /** Point layers a heat map can show. */
  heatmapLayers: string[];
}

export interface UnitFigure {
  code: string;
  name: string;
  parentCode: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** A point inside the unit, [lon, lat] in degrees. */
  labelPoint: [number, number];
  /** Bounding box [minLon, minLat, maxLon, maxLat], degrees. */
  bbox: [number, number, number, number];
}

export interface IndicatorFigures {
  indicator: string;
  level: AdminLevel;
  scenario: string | null;
  computedMs: number;
  units: UnitFigure[];
}

export interface Figure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface KeyFigures {
  level: AdminLevel | null;
  unit: { code: string; name: string } | null;
  scenario: string | null;
  figures: { indicator: string; baseline: Figure; plan: Figure | null }[];
}

export interface PointPositions {
  collection: string;
  count: number;
  /** Flat [lon, lat, lon, lat, …] in degrees. */
  coordinates: number[];
}

export interface PlanSummary {
  id: string;
  name: string;
  status: 'draft' | 'approved' | 'merged' | 'discarded';
}

export function getCatalogue(signal?: AbortSignal): Promise<StatisticsCatalogue> {
  return getJson('/api/statistics', signal);
}

/** One indicator for every unit of `level`, on the baseline (plan null) or as a plan has it. */
export function getIndicatorFigures(id: string, level: string, plan: string | null, signal?: AbortSignal): Promise<IndicatorFigures> {
  return getJson(withQuery(`/api/statistics/indicators/${encodeURIComponent(id)}`, { level, scenario: plan }), signal);
}

export function getKeyFigures(plan: string | null, signal?: AbortSignal): Promise<KeyFigures> {
  return getJson(withQuery('/api/statistics/key-figures', { scenario: plan }), signal);
}

export function getPointPositions(collectionId: string, plan: string | null, signal?: AbortSignal): Promise<PointPositions> {
  return getJson(withQuery(`/api/statistics/points/${encodeURIComponent(collectionId)}`, { scenario: plan }), signal);
}

/** The plans figures can be computed on (every signed-in user may list them). */
export async function listPlans(signal?: AbortSignal): Promise<PlanSummary[]> {
  return (await getJson<{ scenarios: PlanSummary[] }>('/api/scenarios', signal)).scenarios;
}
