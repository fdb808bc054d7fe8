import type { Knex } from 'knex';

/**
 * Plans (scenarios) change the baseline without touching it: a plan row with `replaces_id` stands in for a
 * baseline feature inside that plan (moved, re-attributed, or retired with status 'decommissioned'), and
 * `replaces_version` remembers which baseline version it was copied from, so that merging can refuse a plan
 * whose baseline feature changed meanwhile. A plan row without `replaces_id` is a feature the plan adds.
 */
const TABLES = ['man_nodes', 'man_links', 'cameras', 'wifi_aps', 'bts_sites', 'iot_gateways', 'sensors'];

export async function up(knex: Knex): Promise<void> {
  for (const t of TABLES) {
    await knex.raw(`ALTER TABLE ${t} ADD COLUMN replaces_id uuid REFERENCES ${t}(id) ON DELETE CASCADE`);
    await knex.raw(`ALTER TABLE ${t} ADD COLUMN replaces_version integer`);
    await knex.raw(`ALTER TABLE ${t} ADD CONSTRAINT ${t}_replacement_in_a_plan CHECK (replaces_id IS NULL OR (scenario_id IS NOT NULL AND replaces_version IS NOT NULL))`);
    await knex.raw(`CREATE UNIQUE INDEX ${t}_one_replacement_per_plan ON ${t} (scenario_id, replaces_id) WHERE replaces_id IS NOT NULL`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TABLES) {
    await knex.raw(`DROP INDEX IF EXISTS ${t}_one_replacement_per_plan`);
    await knex.raw(`ALTER TABLE ${t} DROP CONSTRAINT IF EXISTS ${t}_replacement_in_a_plan`);
    await knex.raw(`ALTER TABLE ${t} DROP COLUMN IF EXISTS replaces_version`);
    await knex.raw(`ALTER TABLE ${t} DROP COLUMN IF EXISTS replaces_id`);
  }
}
