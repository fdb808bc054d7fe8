import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Koa from 'koa';
import compress from 'koa-compress';
import serve from 'koa-static';
import type { Database } from './db/engine.js';
import type { AppConfig } from './config.js';
import { problemMiddleware } from './lib/errors.js';
import { collectionsRouter } from './features/collections/collections.routes.js';
import { healthRouter } from './features/health/health.routes.js';
import { ogcRouter } from './features/ogc/ogc.routes.js';
import { itemsRouter } from './features/ogc/items.routes.js';
import { tilesRouter } from './features/tiles/tiles.routes.js';

const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

/** Builds the Koa application over an open database. */
export function createApp(db: Database, config: Pick<AppConfig, 'maxBodyBytes'>): Koa {
  const app = new Koa();
  app.proxy = true;
  app.use(problemMiddleware);
  app.use(compress({ threshold: 1024 }));
  for (const router of [
    healthRouter(db),
    collectionsRouter(),
    ogcRouter(),
    itemsRouter({ db: db.knex, maxBodyBytes: config.maxBodyBytes }),
    tilesRouter(db.knex, db.capabilities),
  ]) {
    app.use(router.routes()).use(router.allowedMethods({ throw: false }));
  }
  if (fs.existsSync(CLIENT_DIST)) app.use(serve(CLIENT_DIST, { maxage: 60_000 }));
  app.on('error', (err, ctx) => {
    if (ctx?.status && ctx.status < 500) return;
    console.error(`[${new Date().toISOString()}] ${ctx?.method ?? ''} ${ctx?.url ?? ''}`, err);
  });
  return app;
}
