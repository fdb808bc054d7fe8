import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Koa from 'koa';
import compress from 'koa-compress';
import serve from 'koa-static';
import type { Database } from './db/engine.js';
import type { AppConfig } from './config.js';
import { problemMiddleware } from './lib/errors.js';
import { requestLog } from './lib/request-log.js';
import { securityHeaders } from './lib/security-headers.js';
import type { AccessPolicy } from './lib/access.js';
import { collectionsRouter } from './features/collections/collections.routes.js';
import { healthRouter } from './features/health/health.routes.js';
import { ogcRouter } from './features/ogc/ogc.routes.js';
import { itemsRouter } from './features/ogc/items.routes.js';
import { tilesRouter } from './features/tiles/tiles.routes.js';
import { authenticate } from './features/session/authenticate.js';
import { LoginLimiter } from './features/session/login-limiter.js';
import { SessionCache } from './features/session/session-cache.js';
import { sessionRouter } from './features/session/session.routes.js';
import { usersRouter } from './features/users/users.routes.js';
import { auditRouter } from './features/audit/audit.routes.js';
import { exportRouter } from './features/export/export.routes.js';
import { historyRouter } from './features/history/history.routes.js';
import { scenariosRouter } from './features/scenarios/scenarios.routes.js';
import { processesRouter } from './features/processes/processes.routes.js';
import { JobRunner } from './features/processes/jobs.service.js';
import { ANALYSES } from './analyses/registry.js';
import type { AnalysisProcess } from './analyses/process.js';
import { statisticsRouter } from './features/statistics/statistics.routes.js';
import { importRouter } from './features/import/import.routes.js';

const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../client/dist');

export type AppOptions = Pick<AppConfig, 'maxBodyBytes' | 'publicCollections' | 'sessionHours'> & Partial<Pick<AppConfig, 'trustProxy' | 'importMaxBytes'>> & {
  /** Where request log lines go (stdout by default; tests silence them). */
  log?: (line: string) => void;
  /** The analyses served at /ogc/processes (the registry's by default; tests add their own). */
  processes?: readonly AnalysisProcess[];
};

/** Builds the Koa application over an open database. */
export function createApp(db: Database, options: AppOptions): Koa {
  const app = new Koa();
  // Client addresses key the login throttling: forwarded headers count only behind a proxy that sets them.
  app.proxy = options.trustProxy ?? false;
  app.maxIpsCount = 1;
  const policy: AccessPolicy = { publicCollections: new Set(options.publicCollections) };
  const limiter = new LoginLimiter();
  const sessions = new SessionCache(db.knex);
  app.use(requestLog(options.log));
  app.use(problemMiddleware);
  app.use(securityHeaders());
  // Fastest gzip level and no brotli/zstd: on a 2-core server, compressing a 1,000-feature page at the default
  // levels costs more time than the database takes to produce it, for a few percent of size.
  app.use(compress({ threshold: 1024, gzip: { level: 1 }, deflate: false, br: false, zstd: false } as Parameters<typeof compress>[0]));
  app.use(authenticate(db.knex, limiter, sessions));
  for (const router of [
    healthRouter(db),
    sessionRouter({ db: db.knex, limiter, policy, sessionHours: options.sessionHours, sessions }),
    usersRouter(db.knex, sessions),
    auditRouter(db.knex),
    historyRouter(db.knex, policy),
    scenariosRouter(db.knex),
    collectionsRouter(policy),
    ogcRouter(policy),
    itemsRouter({ db: db.knex, maxBodyBytes: options.maxBodyBytes, policy }),
    tilesRouter(db.knex, db.capabilities, policy),
    exportRouter(db.knex, policy),
    processesRouter(options.processes ?? ANALYSES, new JobRunner(db.knex), options.maxBodyBytes),
    statisticsRouter(db.knex),
    importRouter({ db: db.knex, maxBytes: options.importMaxBytes }),
  ]) {
    app.use(router.routes()).use(router.allowedMethods({ throw: false }));
  }
  if (fs.existsSync(CLIENT_DIST)) app.use(serve(CLIENT_DIST, { maxage: 60_000 }));
  app.on('error', (err, ctx) => {
    if (ctx?.status && ctx.status < 500) return;
    console.error(JSON.stringify({ time: new Date().toISOString(), requestId: ctx?.state?.requestId, error: String(err?.stack ?? err) }));
  });
  return app;
}
