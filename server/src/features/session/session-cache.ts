import type { Knex } from 'knex';
import type { SessionUser } from './session.repository.js';
import type { AuthenticatedUser } from './authenticate.js';
import { sessionUser } from './session.service.js';

const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;
const BASIC_TTL_MS = 5 * 60 * 1000;

/**
 * Session lookups kept for 10 seconds, so that a map loading dozens of tiles does not look its session up
 * dozens of times. Also verified HTTP Basic credentials, kept 5 minutes so that a GIS tool paging through a
 * layer does not pay the password hash on every page. Sign-out and account changes clear entries at once in this
 * process; an expiry in the database is seen within 10 seconds.
 */
export class SessionCache {
  private readonly entries = new Map<string, { user: SessionUser | undefined; until: number }>();
  private readonly basic = new Map<string, { user: AuthenticatedUser; until: number }>();

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

  /** The account of verified Basic credentials (keyed by a hash of the header), if checked recently. */
  basicUser(key: string): AuthenticatedUser | undefined {
    const hit = this.basic.get(key);
    return hit && hit.until > Date.now() ? hit.user : undefined;
  }

  rememberBasic(key: string, user: AuthenticatedUser): void {
    if (this.basic.size >= MAX_ENTRIES) this.basic.clear();
    this.basic.set(key, { user, until: Date.now() + BASIC_TTL_MS });
  }

  /** After an account change (role, disabled, password): every session and credential is checked afresh. */
  clear(): void {
    this.entries.clear();
    this.basic.clear();
  }
}
