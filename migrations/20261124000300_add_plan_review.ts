import type { Knex } from 'knex';

/**
 * Plans go through a review before they reach the baseline: a draft is submitted, an administrator approves it
 * or returns it for rework (with a note), and only an approved plan is merged. Submitted and approved plans are
 * frozen; a returned plan is edited again like a draft. Who submitted and who reviewed, and when, are kept.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE scenarios DROP CONSTRAINT IF EXISTS scenarios_status_check`);
  await knex.raw(`ALTER TABLE scenarios
    ADD CONSTRAINT scenarios_status_check CHECK (status IN ('draft','submitted','returned','approved','merged','discarded')),
    ADD COLUMN submitted_by text,
    ADD COLUMN submitted_at timestamptz,
    ADD COLUMN reviewed_by text,
    ADD COLUMN reviewed_at timestamptz,
    ADD COLUMN review_note text CHECK (length(review_note) <= 4000)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`UPDATE scenarios SET status = 'draft' WHERE status IN ('submitted','returned')`);
  await knex.raw(`ALTER TABLE scenarios DROP CONSTRAINT IF EXISTS scenarios_status_check`);
  await knex.raw(`ALTER TABLE scenarios
    DROP COLUMN IF EXISTS review_note,
    DROP COLUMN IF EXISTS reviewed_at,
    DROP COLUMN IF EXISTS reviewed_by,
    DROP COLUMN IF EXISTS submitted_at,
    DROP COLUMN IF EXISTS submitted_by,
    ADD CONSTRAINT scenarios_status_check CHECK (status IN ('draft','approved','merged','discarded'))`);
}
