import type { Knex } from 'knex';

/**
 * Analysis jobs (OGC API – Processes): one row per asynchronous execution, kept after it ends so that its
 * results can be shown again as layers and tables. `results` holds the process's outputs document.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE analysis_jobs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      process_id text NOT NULL,
      status text NOT NULL DEFAULT 'accepted'
        CHECK (status IN ('accepted', 'running', 'successful', 'failed', 'dismissed')),
      progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
      message text,
      inputs jsonb NOT NULL DEFAULT '{}'::jsonb,
      results jsonb,
      created_by uuid REFERENCES users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  await knex.raw('CREATE INDEX analysis_jobs_by_process ON analysis_jobs (process_id, created_at DESC)');
  await knex.raw('CREATE INDEX analysis_jobs_by_creator ON analysis_jobs (created_by, created_at DESC)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS analysis_jobs');
}
