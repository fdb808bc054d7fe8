import Router from '@koa/router';
import { COLLECTIONS } from './registry.js';

/** `/api/collections`: the registry as the client needs it to build its layer tree and forms. */
export function collectionsRouter(): Router {
  const router = new Router();
  router.get('/api/collections', (ctx) => {
    ctx.body = {
      collections: COLLECTIONS.map(({ table: _table, tileProperties: _tileProperties, ...spec }) => ({
        ...spec,
        links: {
          items: `/ogc/collections/${spec.id}/items`,
          schema: `/ogc/collections/${spec.id}/schema`,
          tiles: `/tiles/${spec.id}/{z}/{x}/{y}.mvt`,
          tilejson: `/tiles/${spec.id}.json`,
        },
      })),
    };
  });
  return router;
}
