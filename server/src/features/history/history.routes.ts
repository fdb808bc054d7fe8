import Router from '@koa/router';
import type { Knex } from 'knex';
import { z } from 'zod';
import { readJsonBody } from '../../lib/http-body.js';
import { parseWith } from '../../lib/validate.js';
import { requireRead, requireWrite, type AccessPolicy } from '../../lib/access.js';
import { collectionOf } from '../ogc/items.routes.js';
import { etagOf } from '../ogc/items.service.js';
import { featureHistory, revertFeature } from './history.service.js';

const RevertBody = z.object({ version: z.number().int().positive().max(2147483647) }).strict();

/** `/api/history/{collection}/{feature}`: every version of a feature with who, when and what changed; revert. */
export function historyRouter(db: Knex, policy: AccessPolicy): Router {
  const router = new Router({ prefix: '/api/history/:collectionId/:featureId' });
  router.get('/', async (ctx) => {
    const spec = collectionOf(ctx);
    requireRead(ctx, spec, policy);
    ctx.body = { collection: spec.id, featureId: ctx.params.featureId, versions: await featureHistory(db, spec, ctx.params.featureId) };
  });
  router.post('/revert', async (ctx) => {
    const spec = collectionOf(ctx);
    const user = requireWrite(ctx, spec);
    const { version } = parseWith(RevertBody, await readJsonBody(ctx, 1024));
    const newVersion = await revertFeature(db, spec, ctx.params.featureId, version, ctx.get('If-Match') || undefined, user.username);
    ctx.set('ETag', etagOf(newVersion));
    ctx.body = { id: ctx.params.featureId, version: newVersion, revertedTo: version };
  });
  return router;
}
