import Router from '@koa/router';
import type { Database } from '../../db/engine.js';

/** `/api/health`: liveness plus what the database can do (for operators and the client). */
export function healthRouter(db: Database): Router {
  const router = new Router();
  router.get('/api/health', async (ctx) => {
    await db.knex.raw('SELECT 1');
    ctx.body = { status: 'ok', engine: db.description, capabilities: db.capabilities };
  });
  return router;
}
