import type { Knex } from 'knex';
import type { Role } from '../collections/registry.js';
import { ProblemError, invalidInput, notFound } from '../../lib/errors.js';
import { hashPassword } from '../../lib/passwords.js';
import { recordEvent } from '../audit/audit.repository.js';
import * as repo from './users.repository.js';

export const ROLES: readonly Role[] = ['viewer', 'planner', 'engineer', 'admin'];
export const MIN_PASSWORD_LENGTH = 10;

/** Checks a new password against the policy (length; NIST SP 800-63B favours length over composition rules). */
export function assertPasswordAcceptable(password: unknown): asserts password is string {
  if (typeof password !== 'string' || password.length < MIN_PASSWORD_LENGTH || password.length > 200) {
    throw invalidInput(`The password must be ${MIN_PASSWORD_LENGTH} to 200 characters long.`, [{ field: 'password', message: 'too short or too long' }]);
  }
}

/** Creates an account; the password is hashed with scrypt before it reaches the database. */
export async function createUser(
  db: Knex, input: { username: string; displayName: string; role: Role; password: string }, by: string, costLog2?: number,
) {
  assertPasswordAcceptable(input.password);
  if (await repo.findByUsername(db, input.username)) {
    throw new ProblemError(409, 'Conflict', `The user name "${input.username}" is taken.`, [{ field: 'username', message: 'taken' }]);
  }
  const user = await repo.insertUser(db, { ...input, passwordHash: await hashPassword(input.password, costLog2) }, by);
  await recordEvent(db, { userName: by, action: 'user_created', detail: { username: user.username, role: user.role } });
  return user;
}

/** Changes an account at the version the admin saw (stale → 412). */
export async function changeUser(
  db: Knex, id: string, version: number,
  change: { displayName?: string; role?: Role; disabled?: boolean; password?: string }, by: string,
) {
  if (change.password !== undefined) assertPasswordAcceptable(change.password);
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  const updated = await repo.updateUser(db, id, version, { ...change, passwordHash }, by);
  if (!updated) {
    const exists = (await repo.listUsers(db)).find((u: { id: string }) => u.id === id);
    if (!exists) throw notFound(`No user ${id}.`);
    throw new ProblemError(412, 'Precondition failed', `The account changed meanwhile (now version ${exists.version}); reload it.`, [{ field: 'version', message: 'stale' }]);
  }
  const { password: _password, ...visible } = change;
  await recordEvent(db, { userName: by, action: 'user_changed', detail: { username: updated.username, ...visible, passwordChanged: change.password !== undefined } });
  return updated;
}

export const listUsers = repo.listUsers;
