import type { Knex } from 'knex';
import type { Role } from '../collections/registry.js';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | null;
  last_login_at: Date | null;
  version: number;
}

/** Public columns: never the password hash. */
const PUBLIC = 'id, username, display_name, role, disabled, locked_until, last_login_at, version, created_at, updated_at, updated_by';

export async function findByUsername(db: Knex, username: string): Promise<UserRow | undefined> {
  const { rows } = await db.raw('SELECT * FROM users WHERE username = ?', [username]);
  return rows[0];
}

export async function listUsers(db: Knex) {
  const { rows } = await db.raw(`SELECT ${PUBLIC} FROM users ORDER BY username`);
  return rows;
}

export async function countUsers(db: Knex): Promise<number> {
  const { rows } = await db.raw('SELECT count(*)::integer AS n FROM users');
  return rows[0].n;
}

export async function insertUser(db: Knex, user: { username: string; displayName: string; role: Role; passwordHash: string }, by: string) {
  const { rows } = await db.raw(
    `INSERT INTO users (username, display_name, role, password_hash, updated_by) VALUES (?, ?, ?, ?, ?) RETURNING ${PUBLIC}`,
    [user.username, user.displayName, user.role, user.passwordHash, by],
  );
  return rows[0];
}

/** Changes the given fields if the account is still at `version`; undefined when missing or stale. */
export async function updateUser(
  db: Knex, id: string, version: number,
  change: { displayName?: string; role?: Role; disabled?: boolean; passwordHash?: string }, by: string,
) {
  const sets: string[] = ['updated_by = ?'];
  const bindings: Knex.Value[] = [by];
  const columns: Array<[keyof typeof change, string]> = [['displayName', 'display_name'], ['role', 'role'], ['disabled', 'disabled'], ['passwordHash', 'password_hash']];
  for (const [key, column] of columns) {
    if (change[key] === undefined) continue;
    sets.push(`${column} = ?`);
    bindings.push(change[key] as Knex.Value);
  }
  if (change.passwordHash !== undefined) sets.push('failed_logins = 0, locked_until = NULL');
  const { rows } = await db.raw(`UPDATE users SET ${sets.join(', ')} WHERE id = ?::uuid AND version = ? RETURNING ${PUBLIC}`, [...bindings, id, version]);
  return rows[0];
}

export async function recordFailedLogin(db: Knex, id: string, lockAfter: number, lockMinutes: number): Promise<{ failed_logins: number; locked_until: Date | null }> {
  const { rows } = await db.raw(
    `UPDATE users SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN failed_logins + 1 >= ? THEN now() + make_interval(mins => ?) ELSE locked_until END
     WHERE id = ?::uuid RETURNING failed_logins, locked_until`,
    [lockAfter, lockMinutes, id],
  );
  return rows[0];
}

export async function recordSuccessfulLogin(db: Knex, id: string): Promise<void> {
  await db.raw('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = ?::uuid', [id]);
}
