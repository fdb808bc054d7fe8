import Router from '@koa/router';
import type { Knex } from 'knex';
import type { DatabaseCapabilities } from '../../db/engine.js';
import { collectionOf, baseUrl } from '../ogc/items.routes.js';
import { requireRead, type AccessPolicy } from '../../lib/access.js';
import { getTile, parseTileAddress, tileJson } from './tiles.service.js';

/** `/tiles/{collection}/{z}/{x}/{y}.mvt` and `/tiles/{collection}.json` (TileJSON). */
export function tilesRouter(db: Knex, capabilities: DatabaseCapabilities, policy: AccessPolicy): Router {
  const router = new Router({ prefix: '/tiles' });
  router.get('/:collectionId/:z/:x/:y.mvt', async (ctx) => {
    const spec = collectionOf(ctx);
    requireRead(ctx, spec, policy);
    const { z, x, y } = parseTileAddress(ctx.params.z, ctx.params.x, ctx.params.y);
    const tile = await getTile(db, capabilities, spec, z, x, y);
    // Private: tiles of signed-in users must not land in shared caches.
    ctx.set('Cache-Control', policy.publicCollections.has(spec.id) ? 'public, max-age=60' : 'private, max-age=60');
    if (tile.length === 0) {
      ctx.status = 204;
      return;
    }
    ctx.type = 'application/vnd.mapbox-vector-tile';
    ctx.compress = true;
    ctx.body = tile;
  });
  router.get('/:collectionId.json', (ctx) => {
    const spec = collectionOf(ctx);
    requireRead(ctx, spec, policy);
    ctx.body = tileJson(spec, baseUrl(ctx));
  });
  return router;
}
