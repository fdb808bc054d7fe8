/**
 * "The baseline as a plan changes it", as one SQL condition for any scenario-aware table: the baseline rows the
 * plan does not replace, plus the plan's own rows (its additions and its replacements of baseline rows). The
 * same rule as the OGC items endpoint (items.repository.ts `whereClause`), for analyses that read a whole layer.
 */
import type { Knex } from 'knex';
import { ident } from '../../lib/sql.js';

export interface SqlPart {
  sql: string;
  bindings: Knex.Value[];
}

/** Rows of `table` (aliased `alias`) that make up plan `scenarioId`, or the baseline when it is null. */
export function planRows(table: string, alias: string, scenarioId: string | null): SqlPart {
  const t = ident(alias);
  if (!scenarioId) return { sql: `${t}.scenario_id IS NULL`, bindings: [] };
  return {
    sql: `((${t}.scenario_id IS NULL AND NOT EXISTS (SELECT 1 FROM ${ident(table)} p WHERE p.scenario_id = ?::uuid AND p.replaces_id = ${t}.id)) OR ${t}.scenario_id = ?::uuid)`,
    bindings: [scenarioId, scenarioId],
  };
}
