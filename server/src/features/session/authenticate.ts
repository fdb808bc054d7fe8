import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Knex } from 'knex';
import { ProblemError } from '../../lib/errors.js';
import type { LoginLimiter } from './login-limiter.js';
import { checkCredentials } from './session.service.js';
import type { SessionCache } from './session-cache.js';

export const SESSION_COOKIE = 'planner_session';
export const CSRF_HEADER = 'X-CSRF-Token';

export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  role: 'viewer' | 'planner' | 'engineer' | 'admin';
  /** Browser sessions carry a CSRF token; tools (GDAL, QGIS) sign in with HTTP Basic and need none. */
  csrfToken?: string;
}


/**
 * Koa middleware: sets `ctx.state.user` from the session cookie or from HTTP Basic credentials (for GIS tools),
 * and refuses a cookie-authenticated write without the session's CSRF token (synchronizer token pattern, OWASP).
 */
export function authenticate(db: Knex, limiter: LoginLimiter, sessions: SessionCache) {
  return async (ctx: Context, next: Next) => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    const user = token ? await sessions.lookup(token) : undefined;
    if (user) {
      ctx.state.user = user;
      if (!['GET', 'HEAD', 'OPTIONS'].includes(ctx.method)) assertCsrf(ctx, user.csrfToken);
    } else if (ctx.get('Authorization').startsWith('Basic ')) {
      // Also when a stale session cookie came along: the credentials decide.
      ctx.state.user = await basicUser(db, limiter, sessions, ctx);
    }
    await next();
  };
}

function assertCsrf(ctx: Context, expected: string): void {
  const sent = Buffer.from(ctx.get(CSRF_HEADER));
  const wanted = Buffer.from(expected);
  if (sent.length !== wanted.length || !timingSafeEqual(sent, wanted)) {
    throw new ProblemError(403, 'Forbidden', `Writes from the browser must carry the ${CSRF_HEADER} header of the session (GET /api/session gives it).`,
      [{ field: `header.${CSRF_HEADER}`, message: 'missing or wrong' }]);
  }
}

async function basicUser(db: Knex, limiter: LoginLimiter, sessions: SessionCache, ctx: Context): Promise<AuthenticatedUser> {
  const header = ctx.get('Authorization');
  const key = createHash('sha256').update(header).digest('hex');
  const cached = sessions.basicUser(key);
  if (cached) return cached;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const [username, password] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const row = await checkCredentials(db, limiter, username, password, ctx.ip);
  const user: AuthenticatedUser = { id: row.id, username: row.username, displayName: row.display_name, role: row.role };
  sessions.rememberBasic(key, user);
  return user;
}
