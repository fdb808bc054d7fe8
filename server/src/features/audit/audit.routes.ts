import Router from '@koa/router';
import type { Knex } from 'knex';
import { z } from 'zod';
import { parseWith } from '../../lib/validate.js';
import { requireRole } from '../../lib/access.js';
import { COLLECTIONS } from '../collections/registry.js';
import { selectChanges, selectEvents } from './audit.repository.js';

/** A date or date-time of the tool's era (the database refuses year 0). */
const instant = z.string().datetime({ offset: true }).or(z.string().date())
  .refine((s) => Number(s.slice(0, 4)) >= 1900, 'must be a date from 1900 on');
const page = { limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).default(0) };
const ChangeQuery = z.object({
  user: z.string().max(40).optional(),
  collection: z.enum(COLLECTIONS.map((c) => c.id) as [string, ...string[]]).optional(),
  operation: z.enum(['insert', 'update', 'delete', 'import']).optional(),
  featureId: z.string().uuid().optional(),
  from: instant.optional(),
  to: instant.optional(),
  ...page,
}).strict();
const EventQuery = z.object({
  user: z.string().max(40).optional(),
  action: z.enum(['login', 'login_failed', 'logout', 'locked', 'user_created', 'user_changed']).optional(),
  ...page,
}).strict();

/** `/api/audit`: who changed which feature when, and account events; administrators only. */
export function auditRouter(db: Knex): Router {
  const router = new Router({ prefix: '/api/audit' });
  router.get('/changes', async (ctx) => {
    requireRole(ctx, ['admin'], 'see the audit trail');
    ctx.body = await selectChanges(db, parseWith(ChangeQuery, ctx.query, 'query'));
  });
  router.get('/events', async (ctx) => {
    requireRole(ctx, ['admin'], 'see the audit trail');
    ctx.body = await selectEvents(db, parseWith(EventQuery, ctx.query, 'query'));
  });
  return router;
}
