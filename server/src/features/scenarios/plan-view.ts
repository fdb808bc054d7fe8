/**
 * "The baseline as a plan changes it", as one SQL condition: a plan shows the baseline minus the features it
 * replaces, plus its own features (added ones, and the copies that move, re-attribute or retire baseline ones).
 * Without a plan it is the baseline alone. The OGC items and the analyses read plans through this one rule.
 */
import type { Knex } from 'knex';
import { ident } from '../../lib/sql.js';

/**
 * The condition over `alias`, a row of scenario-aware `table`, for the plan whose id the SQL expression `planId`
 * gives (a bound parameter). It holds for the baseline too when that expression is NULL. Statements whose
 * bindings are named (the statistics' SQL files) pass `CAST(:scenario AS uuid)`.
 */
export function planViewSql(table: string, alias: string, planId: string): string {
  const t = ident(alias);
  return `((${t}.scenario_id IS NULL AND NOT EXISTS (SELECT 1 FROM ${ident(table)} p WHERE p.scenario_id = ${planId} AND p.replaces_id = ${t}.id)) OR ${t}.scenario_id = ${planId})`;
}

/** The WHERE condition (without WHERE) over `alias`, a row of scenario-aware `table`, and its bound values. */
export function planViewCondition(table: string, alias: string, scenarioId: string | null | undefined): { sql: string; bindings: Knex.Value[] } {
  if (!scenarioId) return { sql: `${ident(alias)}.scenario_id IS NULL`, bindings: [] };
  return { sql: planViewSql(table, alias, '?::uuid'), bindings: [scenarioId, scenarioId] };
}
