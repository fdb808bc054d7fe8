import type { Knex } from 'knex';

/**
 * Accounts, sessions and the sign-in audit events (the feature changes are audited by feature_history).
 * One statement per string: the embedded engine runs each as one prepared statement.
 */
const UP = [
  `CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,40}$'),
    display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    role text NOT NULL CHECK (role IN ('viewer','planner','engineer','admin')),
    password_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until timestamptz,
    last_login_at timestamptz,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text
  )`,
  `CREATE TRIGGER users_bump_version BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION bump_feature_version()`,
  `CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  )`,
  `CREATE INDEX sessions_user_idx ON sessions (user_id)`,
  `CREATE TABLE audit_events (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    user_name text,
    action text NOT NULL CHECK (action IN ('login','login_failed','logout','locked','user_created','user_changed')),
    detail jsonb NOT NULL DEFAULT '{}'::jsonb,
    ip text
  )`,
  `CREATE INDEX audit_events_at_idx ON audit_events (at)`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of UP) await knex.raw(sql);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['audit_events', 'sessions', 'users']) await knex.raw(`DROP TABLE IF EXISTS ${table}`);
}
