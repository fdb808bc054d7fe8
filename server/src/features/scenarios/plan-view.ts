/**
 * "The baseline as a plan changes it", as one SQL condition: a plan shows the baseline minus the features it
 * replaces, plus its own features (added ones, and the copies that move, re-attribute or retire baseline ones).
 * Without a plan it is the baseline alone. The OGC items and the analyses read plans through this one rule.
 */
import type { Knex } from 'knex';
import { ident } from '../../lib/sql.js';

/** The WHERE condition (without WHERE) over `alias`, a row of scenario-aware `table`, and its bound values. */
export function planViewCondition(table: string, alias: string, scenarioId: string | null | undefined): { sql: string; bindings: Knex.Value[] } {
  const t = ident(alias);
  if (!scenarioId) return { sql: `${t}.scenario_id IS NULL`, bindings: [] };
  return {
    sql: `((${t}.scenario_id IS NULL AND NOT EXISTS (SELECT 1 FROM ${ident(table)} p WHERE p.scenario_id = ?::uuid AND p.replaces_id = ${t}.id)) OR ${t}.scenario_id = ?::uuid)`,
    bindings: [scenarioId, scenarioId],
  };
}
