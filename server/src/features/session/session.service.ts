import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { ProblemError } from '../../lib/errors.js';
import { hashPassword, verifyPassword } from '../../lib/passwords.js';
import { recordEvent } from '../audit/audit.repository.js';
import * as users from '../users/users.repository.js';
import * as repo from './session.repository.js';
import type { LoginLimiter } from './login-limiter.js';

/** Account lockout (docs/security.md): 10 consecutive failures lock the account for 15 minutes. */
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MINUTES = 15;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Same answer for an unknown user and a wrong password, so user names cannot be probed. */
const badCredentials = () =>
  new ProblemError(401, 'Unauthorized', 'The user name or the password is wrong.', [{ field: 'password', message: 'wrong user name or password' }]);

/**
 * A hash to check passwords against when the account does not exist, so that an unknown user name costs the
 * same time as a known one (no user-name probing by timing). Made once, at the default cost.
 */
let dummyHash: Promise<string> | undefined;

/**
 * Checks a user name and password, with throttling and lockout, and records the attempt.
 * A locked account is only reported as locked to someone who knows its password. Returns the account on success.
 */
export async function checkCredentials(db: Knex, limiter: LoginLimiter, username: string, password: string, ip: string) {
  await limiter.assertAllowed(ip, username);
  if (username.includes('\0') || password.includes('\0')) {
    await limiter.record(ip, username, true);
    throw badCredentials();
  }
  const user = await users.findByUsername(db, username);
  dummyHash ??= hashPassword('not a password of anyone');
  const passwordOk = await verifyPassword(password, user ? user.password_hash : await dummyHash);
  if (passwordOk && user?.locked_until && user.locked_until > new Date()) {
    const minutes = Math.ceil((user.locked_until.getTime() - Date.now()) / 60000);
    const seconds = Math.ceil((user.locked_until.getTime() - Date.now()) / 1000);
    throw new ProblemError(423, 'Locked', `The account is locked after repeated failed sign-ins; try again in ${minutes} minute(s) or ask an administrator.`,
      [{ field: 'username', message: 'account locked' }],
      { lockedUntil: user.locked_until.toISOString(), retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
  }
  const ok = user !== undefined && !user.disabled && passwordOk;
  await limiter.record(ip, username, !ok);
  if (!ok) {
    await recordEvent(db, { userName: username, action: 'login_failed', ip });
    if (user) {
      const after = await users.recordFailedLogin(db, user.id, LOCK_AFTER_FAILURES, LOCK_MINUTES);
      if (after.failed_logins === LOCK_AFTER_FAILURES) await recordEvent(db, { userName: username, action: 'locked', ip });
    }
    throw badCredentials();
  }
  await users.recordSuccessfulLogin(db, user.id);
  return user;
}

/** Opens a session: returns the cookie token (only its hash is stored) and the CSRF token. */
export async function openSession(db: Knex, userId: string, hours: number, ip: string, username: string) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await repo.insertSession(db, sha256(token), userId, csrfToken, hours);
  await repo.deleteExpiredSessions(db);
  await recordEvent(db, { userName: username, action: 'login', ip });
  return { token, csrfToken };
}

export async function sessionUser(db: Knex, token: string) {
  return repo.selectSessionUser(db, sha256(token));
}

export async function closeSession(db: Knex, token: string, username: string, ip: string): Promise<void> {
  await repo.deleteSession(db, sha256(token));
  await recordEvent(db, { userName: username, action: 'logout', ip });
}
