import type { Knex } from 'knex';
import type { Role } from '../collections/registry.js';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  csrfToken: string;
}

export async function insertSession(db: Knex, tokenHash: string, userId: string, csrfToken: string, hours: number): Promise<void> {
  await db.raw(
    `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES (?, ?::uuid, ?, now() + make_interval(hours => ?))`,
    [tokenHash, userId, csrfToken, hours],
  );
}

/** The signed-in user of a live session on an enabled account, or undefined. */
export async function selectSessionUser(db: Knex, tokenHash: string): Promise<SessionUser | undefined> {
  const { rows } = await db.raw(
    `SELECT u.id, u.username, u.display_name AS "displayName", u.role, s.csrf_token AS "csrfToken"
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.expires_at > now() AND NOT u.disabled`,
    [tokenHash],
  );
  return rows[0];
}

export async function deleteSession(db: Knex, tokenHash: string): Promise<void> {
  await db.raw('DELETE FROM sessions WHERE token_hash = ?', [tokenHash]);
}

export async function deleteExpiredSessions(db: Knex): Promise<void> {
  await db.raw('DELETE FROM sessions WHERE expires_at <= now()');
}
