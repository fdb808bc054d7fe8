import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { z } from 'zod';
import { readJsonBody } from '../../lib/http-body.js';
import { parseWith } from '../../lib/validate.js';
import { currentUser, type AccessPolicy } from '../../lib/access.js';
import type { LoginLimiter } from './login-limiter.js';
import { SESSION_COOKIE } from './authenticate.js';
import type { SessionCache } from './session-cache.js';
import { checkCredentials, closeSession, openSession } from './session.service.js';

const LoginBody = z.object({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) }).strict();

export interface SessionRouterOptions {
  db: Knex;
  limiter: LoginLimiter;
  policy: AccessPolicy;
  sessionHours: number;
  sessions: SessionCache;
}

/** `/api/session`: sign in, who am I, sign out. */
export function sessionRouter({ db, limiter, policy, sessionHours, sessions }: SessionRouterOptions): Router {
  const router = new Router({ prefix: '/api/session' });

  router.get('/', (ctx) => {
    const user = currentUser(ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      user: user ? { id: user.id, username: user.username, displayName: user.displayName, role: user.role } : null,
      csrfToken: user?.csrfToken ?? null,
      publicCollections: [...policy.publicCollections],
    };
  });

  router.post('/', async (ctx) => {
    const { username, password } = parseWith(LoginBody, await readJsonBody(ctx, 4096));
    const user = await checkCredentials(db, limiter, username, password, ctx.ip);
    const { token, csrfToken } = await openSession(db, user.id, sessionHours, ctx.ip, user.username);
    setSessionCookie(ctx, token, sessionHours);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role },
      csrfToken,
      publicCollections: [...policy.publicCollections],
    };
  });

  router.delete('/', async (ctx) => {
    const token = ctx.cookies.get(SESSION_COOKIE);
    const user = currentUser(ctx);
    if (token && user) await closeSession(db, token, user.username, ctx.ip);
    if (token) sessions.forget(token);
    ctx.cookies.set(SESSION_COOKIE, null, { httpOnly: true, sameSite: 'strict', path: '/' });
    ctx.status = 204;
  });

  return router;
}

/** httpOnly (no script reads it), SameSite=Strict (no cross-site sends), Secure behind TLS. */
function setSessionCookie(ctx: Context, token: string, hours: number): void {
  ctx.cookies.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.secure,
    path: '/',
    maxAge: hours * 3600 * 1000,
    overwrite: true,
  });
}
