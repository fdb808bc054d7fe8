import Router from '@koa/router';
import type { Knex } from 'knex';
import type { DatabaseCapabilities } from '../../db/engine.js';
import { collectionOf, baseUrl } from '../ogc/items.routes.js';
import { getTile, parseTileAddress, tileJson } from './tiles.service.js';

/** `/tiles/{collection}/{z}/{x}/{y}.mvt` and `/tiles/{collection}.json` (TileJSON). */
export function tilesRouter(db: Knex, capabilities: DatabaseCapabilities): Router {
  const router = new Router({ prefix: '/tiles' });
  router.get('/:collectionId/:z/:x/:y.mvt', async (ctx) => {
    const spec = collectionOf(ctx);
    const { z, x, y } = parseTileAddress(ctx.params.z, ctx.params.x, ctx.params.y);
    const tile = await getTile(db, capabilities, spec, z, x, y);
    ctx.set('Cache-Control', 'public, max-age=60');
    if (tile.length === 0) {
      ctx.status = 204;
      return;
    }
    ctx.type = 'application/vnd.mapbox-vector-tile';
    ctx.compress = true;
    ctx.body = tile;
  });
  router.get('/:collectionId.json', (ctx) => {
    ctx.body = tileJson(collectionOf(ctx), baseUrl(ctx));
  });
  return router;
}
