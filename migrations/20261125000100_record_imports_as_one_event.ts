import type { Knex } from 'knex';

/**
 * A file import is one event, not one history row per feature (issue 4: 100,000 features in one go).
 * - feature_imports: who imported which file into which layer (and plan), when, how many features, where.
 * - While a transaction has set `app.bulk_import` to 'on' (the import's commit does), the statement-level insert
 *   trigger writes no history rows: the inserted rows themselves are their version 1.
 * - Version 1 is then recorded when it is first superseded: the row trigger, on the update or delete of a
 *   version-1 row whose version 1 is not in feature_history yet, first copies the old row in as that version
 *   (at its created_at, by its creator). "Not yet" means no version-1 row from the row's own creation on, so a
 *   feature re-created under its old id (a revert of a delete) is told apart from its earlier life.
 * Layers loaded with their history triggers off (the sample city) get the same: their first edit keeps the
 * loaded state as version 1. The history read shows a never-edited row as version 1 from the live table.
 */
const INSERTS_FUNCTION = (skipBulk: boolean) => `
CREATE OR REPLACE FUNCTION record_feature_inserts() RETURNS trigger AS $$
BEGIN${skipBulk ? `
  IF current_setting('app.bulk_import', true) = 'on' THEN
    RETURN NULL;
  END IF;` : ''}
  INSERT INTO feature_history (collection, feature_id, version, operation, geom, properties, user_name)
  SELECT TG_TABLE_NAME, n.id, n.version, 'insert', n.geom,
         to_jsonb(jsonb_populate_record(n, '{"geom": null}'::jsonb)) - 'geom',
         coalesce(nullif(current_setting('app.user', true), ''), n.updated_by)
  FROM inserted n;
  RETURN NULL;
END $$ LANGUAGE plpgsql`;

const ROW_FUNCTION = (lazyFirstVersion: boolean) => `
CREATE OR REPLACE FUNCTION record_feature_history() RETURNS trigger AS $$
DECLARE
  row_data record;
  row_version integer;
  row_geom geometry;
BEGIN${lazyFirstVersion ? `
  -- TG_TABLE_NAME is a name, collated "C": compared as text in the column's collation, so that the lookup
  -- uses feature_history_feature_idx instead of reading every version 1 of every layer.
  IF TG_OP <> 'INSERT' AND OLD.version = 1 AND NOT EXISTS (
       SELECT 1 FROM feature_history h
       WHERE h.collection = TG_TABLE_NAME::text COLLATE "default" AND h.feature_id = OLD.id AND h.version = 1
         AND h.at >= OLD.created_at) THEN
    row_data := OLD;
    row_geom := row_data.geom;
    row_data.geom := NULL;
    INSERT INTO feature_history (collection, feature_id, version, operation, geom, properties, user_name, at)
    VALUES (TG_TABLE_NAME, row_data.id, 1, 'insert', row_geom, to_jsonb(row_data) - 'geom', row_data.updated_by, row_data.created_at);
  END IF;` : ''}
  IF TG_OP = 'DELETE' THEN
    row_data := OLD;
    row_version := OLD.version + 1;
  ELSE
    row_data := NEW;
    row_version := NEW.version;
  END IF;
  row_geom := row_data.geom;
  row_data.geom := NULL;
  INSERT INTO feature_history (collection, feature_id, version, operation, geom, properties, user_name)
  VALUES (TG_TABLE_NAME, row_data.id, row_version, lower(TG_OP), row_geom,
          to_jsonb(row_data) - 'geom',
          coalesce(nullif(current_setting('app.user', true), ''), row_data.updated_by));
  RETURN NULL;
END $$ LANGUAGE plpgsql`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE TABLE feature_imports (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    collection text NOT NULL,
    scenario_id uuid REFERENCES scenarios(id) ON DELETE SET NULL,
    file_name text CHECK (length(file_name) <= 400),
    features integer NOT NULL CHECK (features >= 0),
    extent double precision[] CHECK (extent IS NULL OR cardinality(extent) = 4),
    user_name text,
    at timestamptz NOT NULL DEFAULT now()
  )`);
  await knex.raw('CREATE INDEX feature_imports_at_idx ON feature_imports (at)');
  await knex.raw(INSERTS_FUNCTION(true));
  await knex.raw(ROW_FUNCTION(true));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(ROW_FUNCTION(false));
  await knex.raw(INSERTS_FUNCTION(false));
  await knex.raw('DROP TABLE feature_imports');
}
