import Router from '@koa/router';
import { COLLECTIONS } from './registry.js';
import { canRead, type AccessPolicy } from '../../lib/access.js';

/** `/api/collections`: the registry as the client needs it to build its layer tree and forms. */
export function collectionsRouter(policy: AccessPolicy): Router {
  const router = new Router();
  router.get('/api/collections', (ctx) => {
    ctx.body = {
      collections: COLLECTIONS.filter((spec) => canRead(ctx, spec, policy)).map(({ table: _table, tileProperties: _tileProperties, ...spec }) => ({
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
