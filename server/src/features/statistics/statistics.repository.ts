import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { findCollection, type CollectionSpec } from '../collections/registry.js';
import { ident } from '../../lib/sql.js';
import { planViewSql } from '../scenarios/plan-view.js';
import type { IndicatorSpec } from './indicators.js';

/** SQL of the statistics: indicator figures per administrative unit, unit levels, point positions. */

const here = path.dirname(fileURLToPath(import.meta.url));
// Comments are dropped: a named binding quoted in a comment would otherwise become a parameter.
const readSql = (file: string) => fs.readFileSync(path.join(here, 'sql', file), 'utf8').replace(/--[^\n]*/g, '');
const UNITS_SQL = readSql('units.sql');
const indicatorSql = new Map<string, string>();

/**
 * A plan-aware layer as one plan sees it, by the rule the items and the analyses use (scenarios/plan-view.ts);
 * with a NULL plan id it is the baseline.
 */
function planView(spec: CollectionSpec): string {
  return `(SELECT t.* FROM ${ident(spec.table)} t WHERE ${planViewSql(spec.table, 't', 'CAST(:scenario AS uuid)')})`;
}

/** Expands `{{plan:<collection>}}`; refuses collections that are not plan-aware registry layers. */
function expandPlanViews(sql: string, file: string): string {
  return sql.replace(/\{\{plan:([a-z_]+)\}\}/g, (_m, id: string) => {
    const spec = findCollection(id);
    if (!spec?.scenarioAware) throw new Error(`${file}: {{plan:${id}}} names no plan-aware collection`);
    return planView(spec);
  });
}

/** The full statement of an indicator (its SQL file inside the units frame), read once. */
function statementOf(spec: IndicatorSpec): string {
  let sql = indicatorSql.get(spec.sqlFile);
  if (sql === undefined) {
    if (!/^[a-z0-9_]+$/.test(spec.sqlFile)) throw new Error(`Refusing indicator SQL file name "${spec.sqlFile}"`);
    const file = `indicators/${spec.sqlFile}.sql`;
    const body = expandPlanViews(readSql(file), file).trim().replace(/;$/, '');
    sql = UNITS_SQL.replace('{{indicator}}', () => body);
    indicatorSql.set(spec.sqlFile, sql);
  }
  return sql;
}

export interface UnitFigureRow {
  code: string;
  name: string;
  parent_code: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  label_lon: number;
  label_lat: number;
  min_lon: number;
  min_lat: number;
  max_lon: number;
  max_lat: number;
}

/** One indicator for every unit of `level`, on the baseline (scenarioId null) or as a plan has it. */
export async function selectIndicator(db: Knex, spec: IndicatorSpec, level: string, scenarioId: string | null): Promise<UnitFigureRow[]> {
  const { rows } = await db.raw(statementOf(spec), { level, scenario: scenarioId });
  return rows;
}

/** The administrative levels present, with their unit counts. */
export async function selectLevels(db: Knex): Promise<{ level: string; units: number }[]> {
  const { rows } = await db.raw('SELECT level, count(*)::integer AS units FROM admin_units GROUP BY level');
  return rows;
}

/** Which of the given tables exist (results tables of analyses appear when the analysis first runs). */
/** The tables of `tables` that exist and hold at least one row (an analysis has stored results in them). */
export async function selectExistingTables(db: Knex, tables: readonly string[]): Promise<Set<string>> {
  if (tables.length === 0) return new Set();
  const { rows } = await db.raw(
    `SELECT t AS name FROM unnest(CAST(? AS text[])) AS t WHERE to_regclass(t) IS NOT NULL`, [tables as string[]]);
  const filled = new Set<string>();
  for (const { name } of rows as { name: string }[]) {
    const { rows: any } = await db.raw(`SELECT EXISTS (SELECT 1 FROM ${ident(name)}) AS filled`);
    if (any[0].filled) filled.add(name);
  }
  return filled;
}

/**
 * Positions of a plan-aware point layer's features that are not decommissioned, as a plan (or the baseline) has
 * them: a flat [lon, lat, lon, lat, …] array in degrees rounded to 1e-6 (about 0.1 m), for heat maps.
 */
export async function selectPointPositions(db: Knex, collectionId: string, scenarioId: string | null): Promise<number[]> {
  const spec = findCollection(collectionId);
  if (!spec?.scenarioAware || spec.geometryType !== 'Point') throw new Error(`${collectionId} is not a plan-aware point layer`);
  const { rows } = await db.raw(
    `SELECT array_agg(round(ST_X(v.geom)::numeric, 6)::float8) AS xs, array_agg(round(ST_Y(v.geom)::numeric, 6)::float8) AS ys
     FROM ${planView(spec)} v WHERE v.status <> 'decommissioned'`,
    { scenario: scenarioId });
  const xs: number[] = rows[0]?.xs ?? [];
  const ys: number[] = rows[0]?.ys ?? [];
  const out = new Array<number>(xs.length * 2);
  xs.forEach((x, i) => {
    out[2 * i] = Number(x);
    out[2 * i + 1] = Number(ys[i]);
  });
  return out;
}
