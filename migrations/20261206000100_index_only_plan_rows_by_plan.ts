import type { Knex } from 'knex';

/**
 * Each infrastructure layer's index on scenario_id holds plan rows only (WHERE scenario_id IS NOT NULL). Every
 * query it serves names a plan (`scenario_id = ?`: a plan's changes, its merge or discard, the cascade when a
 * plan is deleted), which the planner matches to the partial index; the baseline rows, nearly all of a layer and
 * all NULL there, were entries no query read. Baseline writes and file imports no longer maintain or rebuild
 * them (a 100,000-point import built that index for about 70 ms).
 */
const TABLES = ['man_nodes', 'man_links', 'cameras', 'wifi_aps', 'bts_sites', 'iot_gateways', 'sensors'];

export async function up(knex: Knex): Promise<void> {
  for (const t of TABLES) {
    await knex.raw(`DROP INDEX IF EXISTS ${t}_scenario_idx`);
    await knex.raw(`CREATE INDEX ${t}_scenario_idx ON ${t} (scenario_id) WHERE scenario_id IS NOT NULL`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TABLES) {
    await knex.raw(`DROP INDEX IF EXISTS ${t}_scenario_idx`);
    await knex.raw(`CREATE INDEX ${t}_scenario_idx ON ${t} (scenario_id)`);
  }
}
