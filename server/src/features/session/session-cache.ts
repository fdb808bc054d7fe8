import type { Knex } from 'knex';
import type { SessionUser } from './session.repository.js';
import { sessionUser } from './session.service.js';

const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

/**
 * Session lookups kept for 10 seconds, so that a map loading dozens of tiles does not look its session up
 * dozens of times. Sign-out and account changes clear entries at once in this process; an expiry in the
 * database is seen within 10 seconds.
 */
export class SessionCache {
  private readonly entries = new Map<string, { user: SessionUser | undefined; until: number }>();

  constructor(private readonly db: Knex) {}

  /** The session's user, from the cache or the database. */
  async lookup(token: string): Promise<SessionUser | undefined> {
    const hit = this.entries.get(token);
    if (hit && hit.until > Date.now()) return hit.user;
    const user = await sessionUser(this.db, token);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(token, { user, until: Date.now() + TTL_MS });
    return user;
  }

  forget(token: string): void {
    this.entries.delete(token);
  }

  /** After an account change (role, disabled, password): every session is looked up afresh. */
  clear(): void {
    this.entries.clear();
  }
}
