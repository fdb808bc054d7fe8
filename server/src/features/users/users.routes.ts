import Router from '@koa/router';
import type { Knex } from 'knex';
import { z } from 'zod';
import { readJsonBody } from '../../lib/http-body.js';
import { parseWith } from '../../lib/validate.js';
import { requireRole } from '../../lib/access.js';
import { ROLES, changeUser, createUser, listUsers } from './users.service.js';
import type { SessionCache } from '../session/session-cache.js';

const RoleSchema = z.enum(ROLES as [string, ...string[]]);
const NewUser = z.object({
  username: z.string().regex(/^[a-z0-9._-]{3,40}$/, '3–40 characters: lower-case letters, digits, dot, dash, underscore'),
  displayName: z.string().min(1).max(200),
  role: RoleSchema,
  password: z.string(),
}).strict();
const UserChange = z.object({
  version: z.number().int().positive().max(2147483647),
  displayName: z.string().min(1).max(200).optional(),
  role: RoleSchema.optional(),
  disabled: z.boolean().optional(),
  password: z.string().optional(),
}).strict();

/** `/api/users`: accounts and roles, for administrators only. */
export function usersRouter(db: Knex, sessions: SessionCache): Router {
  const router = new Router({ prefix: '/api/users' });
  router.get('/', async (ctx) => {
    requireRole(ctx, ['admin'], 'manage users');
    ctx.body = { users: await listUsers(db) };
  });
  router.post('/', async (ctx) => {
    const admin = requireRole(ctx, ['admin'], 'manage users');
    const input = parseWith(NewUser, await readJsonBody(ctx, 4096));
    ctx.status = 201;
    ctx.body = await createUser(db, input as Parameters<typeof createUser>[1], admin.username);
  });
  router.patch('/:id', async (ctx) => {
    const admin = requireRole(ctx, ['admin'], 'manage users');
    const { version, ...change } = parseWith(UserChange, await readJsonBody(ctx, 4096));
    ctx.body = await changeUser(db, ctx.params.id, version, change as Parameters<typeof changeUser>[3], admin.username);
    sessions.clear();
  });
  return router;
}
