import type { Knex } from 'knex';
import { invalidInput, notFound } from '../../lib/errors.js';
import { COLLECTIONS } from '../collections/registry.js';
import { getScenario } from '../scenarios/scenarios.service.js';
import { ADMIN_LEVELS, INDICATORS, findIndicator, type AdminLevel, type IndicatorSpec } from './indicators.js';
import * as repo from './statistics.repository.js';

/** Point layers a heat map can show: plan-aware point collections of the registry (cameras, sensors, radio…). */
export const HEATMAP_LAYERS = COLLECTIONS.filter((c) => c.scenarioAware && c.geometryType === 'Point').map((c) => c.id);

export interface LevelInfo {
  level: AdminLevel;
  units: number;
}

/** The levels the data holds, largest first (after the 2025 reform a data set may have no districts). */
export async function presentLevels(db: Knex): Promise<LevelInfo[]> {
  const rows = await repo.selectLevels(db);
  return ADMIN_LEVELS.flatMap((level) => {
    const row = rows.find((r) => r.level === level);
    return row ? [{ level, units: row.units }] : [];
  });
}

/** The indicators on offer: those whose results table (if any) exists, at the levels the data holds. */
export async function availableIndicators(db: Knex, registry: readonly IndicatorSpec[] = INDICATORS) {
  const levels = (await presentLevels(db)).map((l) => l.level);
  const tables = await repo.selectExistingTables(db, registry.flatMap((i) => (i.requiresTable ? [i.requiresTable] : [])));
  return registry
    .filter((i) => !i.requiresTable || tables.has(i.requiresTable))
    .map((i) => ({ ...i, levels: i.levels.filter((l) => levels.includes(l)) }))
    .filter((i) => i.levels.length > 0);
}

/** The registry as the client needs it: indicators (without their SQL file names), levels, heat-map layers. */
export async function catalogue(db: Knex, registry: readonly IndicatorSpec[] = INDICATORS) {
  const indicators = (await availableIndicators(db, registry)).map(({ sqlFile: _sql, requiresTable: _table, ...info }) => info);
  return { indicators, levels: await presentLevels(db), heatmapLayers: HEATMAP_LAYERS };
}

/** A plan id checked to exist, or null for the baseline. */
async function planOrBaseline(db: Knex, scenarioId: string | undefined): Promise<string | null> {
  if (!scenarioId) return null;
  return (await getScenario(db, scenarioId)).id;
}

async function indicatorOrThrow(db: Knex, id: string, registry: readonly IndicatorSpec[]): Promise<IndicatorSpec> {
  const spec = findIndicator(id, registry);
  if (!spec) throw notFound(`No indicator "${id}". See /api/statistics for the list.`);
  const offered = (await availableIndicators(db, registry)).find((i) => i.id === id);
  if (!offered) {
    throw notFound(`The indicator "${id}" is not available yet: ${spec.requiresTable ? `its analysis has not stored results (${spec.requiresTable})` : 'no level of it exists in the data'}.`);
  }
  return offered;
}

export interface UnitFigure {
  code: string;
  name: string;
  parentCode: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** A point inside the unit (for symbols and labels), [lon, lat] in degrees. */
  labelPoint: [number, number];
  /** The unit's bounding box [minLon, minLat, maxLon, maxLat], degrees. */
  bbox: [number, number, number, number];
}

/**
 * One indicator for every unit of a level, on the baseline or as a plan has it. `level` defaults to the smallest
 * level the data holds (wards).
 */
export async function indicatorFigures(db: Knex, id: string, query: { level?: string; scenario?: string },
  registry: readonly IndicatorSpec[] = INDICATORS) {
  const spec = await indicatorOrThrow(db, id, registry);
  const level = query.level ?? spec.levels[spec.levels.length - 1];
  if (!spec.levels.includes(level as AdminLevel)) {
    throw invalidInput(`The indicator "${id}" exists at the levels ${spec.levels.join(', ')}; choose one of them.`,
      [{ field: 'query.level', message: `one of ${spec.levels.join(', ')}` }]);
  }
  const scenarioId = await planOrBaseline(db, query.scenario);
  const started = performance.now();
  const rows = await repo.selectIndicator(db, spec, level, scenarioId);
  const units: UnitFigure[] = rows.map((r) => ({
    code: r.code,
    name: r.name,
    parentCode: r.parent_code,
    value: finiteOrNull(r.value),
    numerator: finiteOrNull(r.numerator),
    denominator: finiteOrNull(r.denominator),
    labelPoint: [Number(r.label_lon), Number(r.label_lat)],
    bbox: [Number(r.min_lon), Number(r.min_lat), Number(r.max_lon), Number(r.max_lat)],
  }));
  return { indicator: spec.id, level, scenario: scenarioId, computedMs: Math.round(performance.now() - started), units };
}

/**
 * Key figures of the largest unit (the city) for every indicator: the baseline's and, when a plan is given, the
 * plan's, so the dashboard can show the change.
 */
export async function keyFigures(db: Knex, query: { scenario?: string }, registry: readonly IndicatorSpec[] = INDICATORS) {
  const scenarioId = await planOrBaseline(db, query.scenario);
  const top = (await presentLevels(db))[0]?.level;
  if (!top) return { level: null, unit: null, scenario: scenarioId, figures: [] };
  const indicators = (await availableIndicators(db, registry)).filter((i) => i.levels.includes(top));
  // In parallel: the server engine spreads them over its pool (the embedded one runs them in turn).
  const results = await Promise.all(indicators.map(async (spec) => {
    const baseline = await repo.selectIndicator(db, spec, top, null);
    const plan = scenarioId ? await repo.selectIndicator(db, spec, top, scenarioId) : null;
    return { spec, baseline, plan };
  }));
  const first = results[0]?.baseline[0];
  return {
    level: top,
    unit: first ? { code: first.code, name: first.name } : null,
    scenario: scenarioId,
    figures: results.map(({ spec, baseline, plan }) => ({
      indicator: spec.id, baseline: figureOf(baseline[0]), plan: plan ? figureOf(plan[0]) : null,
    })),
  };
}

function figureOf(row: repo.UnitFigureRow | undefined) {
  return { value: finiteOrNull(row?.value), numerator: finiteOrNull(row?.numerator), denominator: finiteOrNull(row?.denominator) };
}

/** Positions of a point layer for a heat map, on the baseline or as a plan has it. */
export async function pointPositions(db: Knex, collectionId: string, query: { scenario?: string }) {
  if (!HEATMAP_LAYERS.includes(collectionId)) {
    throw notFound(`No point layer "${collectionId}" for heat maps; use one of ${HEATMAP_LAYERS.join(', ')}.`);
  }
  const scenarioId = await planOrBaseline(db, query.scenario);
  const coordinates = await repo.selectPointPositions(db, collectionId, scenarioId);
  return { collection: collectionId, scenario: scenarioId, count: coordinates.length / 2, coordinates };
}

function finiteOrNull(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}
