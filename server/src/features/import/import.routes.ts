import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { z } from 'zod';
import { findCollection, type CollectionSpec } from '../collections/registry.js';
import { requireRole, requireUser, requireWrite } from '../../lib/access.js';
import { readJsonBody } from '../../lib/http-body.js';
import { parseWith } from '../../lib/validate.js';
import { invalidInput } from '../../lib/errors.js';
import { ImportStore } from './import.store.js';
import { DEFAULT_IMPORT_MAX_BYTES, readUpload, uploadName } from './import.upload.js';
import * as imports from './import.service.js';
import { commitImport } from './import.commit.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const Choices = z.object({
  collection: z.string().min(1).max(100),
  crs: z.string().min(1).max(200).optional(),
  mapping: z.record(z.string().max(500), z.string().max(100).nullable()).optional(),
  repair: z.boolean().optional(),
  scenario: z.string().regex(UUID, 'must be a plan id (a uuid)').optional(),
}).strict();

export interface ImportRouterOptions {
  db: Knex;
  /** Largest file accepted, in bytes (IMPORT_MAX_BYTES; 200 MB by default). */
  maxBytes?: number;
}

/** Roles that can write at least one collection (planners write urban layers, and infrastructure in plans). */
const IMPORTERS = ['planner', 'engineer', 'admin'] as const;

/**
 * `/api/imports`: upload a file (staged, nothing written) → preview with the chosen collection, CRS and column
 * mapping (the validation report and the features for the map) → commit (all or nothing). See the README.
 */
export function importRouter({ db, maxBytes = DEFAULT_IMPORT_MAX_BYTES }: ImportRouterOptions): Router {
  const router = new Router({ prefix: '/api/imports' });
  const store = new ImportStore({ ttlMs: 30 * 60_000, perUser: 2, maxTotalBytes: 2 * maxBytes });

  router.post('/', async (ctx) => {
    const user = requireRole(ctx, IMPORTERS, 'import data');
    const bytes = await readUpload(ctx, maxBytes);
    const summary = await imports.stageUpload(store, user.username, uploadName(ctx), bytes);
    ctx.status = 201;
    ctx.set('Location', `/api/imports/${summary.id}`);
    ctx.body = summary;
  });

  router.get('/:id', async (ctx) => {
    const user = requireUser(ctx);
    ctx.body = imports.summaryOf(store.get(ctx.params.id, user.username));
  });

  router.post('/:id/preview', async (ctx) => {
    const { staged, choices } = await stagedWithChoices(ctx, store);
    ctx.body = await imports.previewImport(db, staged, choices);
  });

  router.post('/:id/commit', async (ctx) => {
    const { staged, choices, username } = await stagedWithChoices(ctx, store);
    ctx.body = await commitImport(db, store, staged, choices, username);
  });

  router.delete('/:id', async (ctx) => {
    const user = requireUser(ctx);
    store.get(ctx.params.id, user.username);
    store.delete(ctx.params.id);
    ctx.status = 204;
  });

  return router;
}

/** The caller's staged import and their choices, once their role may write where the choices say. */
async function stagedWithChoices(ctx: Context, store: ImportStore) {
  const user = requireUser(ctx);
  const body = parseWith(Choices, await readJsonBody(ctx, 1024 * 1024));
  const spec = findCollection(body.collection);
  if (!spec) throw invalidInput(`Unknown collection "${body.collection}". See /ogc/collections for the list.`, [{ field: 'collection', message: 'unknown collection' }]);
  const writer = mayWrite(ctx, spec, body.scenario);
  const staged = store.get(ctx.params.id, user.username);
  return { staged, choices: imports.resolveChoices(staged, body), username: writer.username };
}

/** The rights of an OGC API write (items.routes.ts): the registry's edit roles; inside a plan, planners too. */
function mayWrite(ctx: Context, spec: CollectionSpec, scenarioId: string | undefined) {
  if (!scenarioId || !spec.scenarioAware) return requireWrite(ctx, spec);
  return requireRole(ctx, [...new Set([...spec.editRoles, 'planner' as const])], `edit ${spec.id} in a plan`);
}
