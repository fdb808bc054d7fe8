import Router from '@koa/router';
import type { Knex } from 'knex';
import { z } from 'zod';
import { readJsonBody } from '../../lib/http-body.js';
import { parseWith } from '../../lib/validate.js';
import { requireRole, requireUser } from '../../lib/access.js';
import * as scenarios from './scenarios.service.js';

const NewScenario = z.object({
  name: z.string().trim().min(1).max(200).regex(/^[^\u0000]*$/, 'must not contain NUL'),
  description: z.string().max(4000).regex(/^[^\u0000]*$/, 'must not contain NUL').nullable().optional(),
}).strict();
const AtVersion = z.object({ version: z.number().int().positive().max(2147483647) }).strict();
const note = z.string().trim().max(4000).regex(/^[^\u0000]*$/, 'must not contain NUL');
const Review = AtVersion.extend({ note: note.nullable().optional() }).strict();
const ReturnForRework = AtVersion.extend({ note: note.min(1, 'say what to rework') }).strict();

/**
 * `/api/scenarios`: plans. Anyone signed in reads them; planners, engineers and admins make, submit and discard
 * them; admins approve a submitted plan or return it for rework, and merge an approved one.
 */
export function scenariosRouter(db: Knex): Router {
  const router = new Router({ prefix: '/api/scenarios' });
  router.get('/', async (ctx) => {
    requireUser(ctx);
    ctx.body = { scenarios: await scenarios.listScenarios(db) };
  });
  router.post('/', async (ctx) => {
    const user = requireRole(ctx, ['planner', 'engineer', 'admin'], 'create plans');
    const { name, description } = parseWith(NewScenario, await readJsonBody(ctx, 8192));
    ctx.status = 201;
    ctx.body = await scenarios.createScenario(db, name, description ?? null, user.username);
  });
  router.get('/:id', async (ctx) => {
    requireUser(ctx);
    ctx.body = await scenarios.scenarioWithChanges(db, ctx.params.id);
  });
  router.post('/:id/submit', async (ctx) => {
    const user = requireRole(ctx, ['planner', 'engineer', 'admin'], 'submit plans for review');
    const { version } = parseWith(AtVersion, await readJsonBody(ctx, 1024));
    ctx.body = await scenarios.reviewScenario(db, ctx.params.id, 'submit', version, user.username);
  });
  router.post('/:id/approve', async (ctx) => {
    const admin = requireRole(ctx, ['admin'], 'approve plans');
    const body = parseWith(Review, await readJsonBody(ctx, 8192));
    ctx.body = await scenarios.reviewScenario(db, ctx.params.id, 'approve', body.version, admin.username, body.note || null);
  });
  router.post('/:id/return', async (ctx) => {
    const admin = requireRole(ctx, ['admin'], 'return plans for rework');
    const body = parseWith(ReturnForRework, await readJsonBody(ctx, 8192));
    ctx.body = await scenarios.reviewScenario(db, ctx.params.id, 'return', body.version, admin.username, body.note);
  });
  router.post('/:id/merge', async (ctx) => {
    const admin = requireRole(ctx, ['admin'], 'merge plans into the baseline');
    const { version } = parseWith(AtVersion, await readJsonBody(ctx, 1024));
    ctx.body = await scenarios.mergeScenario(db, ctx.params.id, version, admin.username);
  });
  router.post('/:id/discard', async (ctx) => {
    const user = requireRole(ctx, ['planner', 'engineer', 'admin'], 'discard plans');
    const { version } = parseWith(AtVersion, await readJsonBody(ctx, 1024));
    ctx.body = await scenarios.discardScenario(db, ctx.params.id, version, user.username);
  });
  return router;
}
