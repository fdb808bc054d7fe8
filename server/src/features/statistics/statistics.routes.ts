import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { z } from 'zod';
import { parseWith } from '../../lib/validate.js';
import { requireUser } from '../../lib/access.js';
import { ADMIN_LEVELS } from './indicators.js';
import * as statistics from './statistics.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const Scenario = z.string().regex(UUID, 'must be a plan (scenario) id, a uuid').optional();
const FiguresQuery = z.object({ level: z.enum(ADMIN_LEVELS as [string, ...string[]]).optional(), scenario: Scenario }).strict();
const PlanQuery = z.object({ scenario: Scenario }).strict();

/** The query string as single values; a repeated parameter is refused by the schema as not a string. */
const queryOf = (ctx: Context) => ({ ...ctx.query });

/**
 * `/api/statistics`: figures per administrative unit for the thematic maps and the dashboard, computed in PostGIS
 * on the baseline or as a plan (`?scenario=`) has it. Read-only; any signed-in user (managers are viewers), since
 * the figures summarise every layer.
 */
export function statisticsRouter(db: Knex): Router {
  const router = new Router({ prefix: '/api/statistics' });
  router.get('/', async (ctx) => {
    requireUser(ctx);
    ctx.body = await statistics.catalogue(db);
  });
  router.get('/key-figures', async (ctx) => {
    requireUser(ctx);
    ctx.body = await statistics.keyFigures(db, parseWith(PlanQuery, queryOf(ctx), 'query'));
  });
  router.get('/indicators/:id', async (ctx) => {
    requireUser(ctx);
    ctx.body = await statistics.indicatorFigures(db, ctx.params.id, parseWith(FiguresQuery, queryOf(ctx), 'query'));
  });
  router.get('/points/:collectionId', async (ctx) => {
    requireUser(ctx);
    ctx.body = await statistics.pointPositions(db, ctx.params.collectionId, parseWith(PlanQuery, queryOf(ctx), 'query'));
  });
  return router;
}
