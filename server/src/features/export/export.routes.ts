import Router from '@koa/router';
import type { Knex } from 'knex';
import { requireRead, type AccessPolicy } from '../../lib/access.js';
import { collectionOf } from '../ogc/items.routes.js';
import { parseExportQuery } from './export.query.js';
import { exportCollection } from './export.service.js';

/**
 * `GET /api/exports/:collectionId?format=geojson|csv|kml|shapefile&crs=&ids=&bbox=`: a collection, or a
 * selection of its features, as a file download in the chosen CRS. Readable by whoever may read the collection.
 */
export function exportRouter(db: Knex, policy: AccessPolicy): Router {
  const router = new Router({ prefix: '/api/exports' });

  router.get('/:collectionId', async (ctx) => {
    const spec = collectionOf(ctx);
    requireRead(ctx, spec, policy);
    const query = parseExportQuery(spec, ctx.query);
    const file = await exportCollection(db, spec, query);
    ctx.set('Content-Disposition', `attachment; filename="${file.fileName}"`);
    ctx.set('Content-Crs', `<${query.crs.uri}>`);
    ctx.type = file.contentType;
    ctx.body = file.body;
  });

  return router;
}
