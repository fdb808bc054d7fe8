import Router from '@koa/router';
import type { Context } from 'koa';
import type { Knex } from 'knex';
import { findCollection, type CollectionSpec } from '../collections/registry.js';
import { notFound } from '../../lib/errors.js';
import { parseCrs, type CrsInfo } from '../../lib/crs.js';
import { readJsonBody } from '../../lib/http-body.js';
import { requireRead, requireRole, requireWrite, type AccessPolicy } from '../../lib/access.js';
import { badRequest } from '../../lib/errors.js';
import { parseItemsQuery, type ItemsQuery } from './items.query.js';
import * as items from './items.service.js';

export interface ItemsRouterOptions {
  db: Knex;
  maxBodyBytes: number;
  policy: AccessPolicy;
}

/** OGC API – Features items: Part 1 reads, Part 2 CRS, Part 4 create / replace / update / delete. */
export function itemsRouter({ db, maxBodyBytes, policy }: ItemsRouterOptions): Router {
  const router = new Router({ prefix: '/ogc/collections/:collectionId/items' });

  router.get('/', async (ctx) => {
    const spec = collectionOf(ctx);
    requireRead(ctx, spec, policy);
    const query = parseItemsQuery(spec, ctx.query);
    const page = await items.listItems(db, spec, query);
    ctx.type = 'application/geo+json';
    ctx.set('Content-Crs', `<${query.crs.uri}>`);
    ctx.body = `{"type":"FeatureCollection","numberMatched":${page.numberMatched},"numberReturned":${page.features.length},`
      + `"timeStamp":"${new Date().toISOString()}","links":${JSON.stringify(pageLinks(ctx, spec, query, page.numberMatched))},`
      + `"features":[${page.features.join(',')}]}`;
  });

  router.get('/:featureId', async (ctx) => {
    const spec = collectionOf(ctx);
    requireRead(ctx, spec, policy);
    const crs = parseCrs(singleQuery(ctx, 'crs'), 'query.crs');
    const found = await items.getItem(db, spec, ctx.params.featureId, crs);
    ctx.set('ETag', items.etagOf(found.version));
    ctx.set('Content-Crs', `<${crs.uri}>`);
    ctx.type = 'application/geo+json';
    ctx.body = found.feature;
  });

  router.post('/', async (ctx) => {
    const spec = collectionOf(ctx);
    const scenarioId = planOf(ctx, spec);
    const user = writer(ctx, spec, scenarioId);
    const body = await readJsonBody(ctx, maxBodyBytes);
    const created = await items.createItem(db, spec, body, contentCrs(ctx), user.username, undefined, scenarioId);
    answerCreated(ctx, spec, created.id);
    ctx.set('ETag', items.etagOf(created.version));
    ctx.body = { id: created.id, version: created.version };
  });

  for (const [method, mode] of [['put', 'replace'], ['patch', 'update']] as const) {
    router[method]('/:featureId', async (ctx) => {
      const spec = collectionOf(ctx);
      const scenarioId = planOf(ctx, spec);
      const user = writer(ctx, spec, scenarioId);
      const expected = items.expectedVersionFrom(ctx.get('If-Match') || undefined);
      const body = await readJsonBody(ctx, maxBodyBytes);
      const changed = await items.changeItem(db, spec, ctx.params.featureId, body, contentCrs(ctx), expected, user.username, mode, scenarioId);
      const updated = await items.getItem(db, spec, changed.id, parseCrs(undefined, 'crs'));
      if (changed.copied) {
        // The plan's copy of a baseline feature is a new resource.
        answerCreated(ctx, spec, changed.id);
      }
      ctx.set('ETag', items.etagOf(changed.version));
      ctx.type = 'application/geo+json';
      ctx.body = updated.feature;
    });
  }

  router.delete('/:featureId', async (ctx) => {
    const spec = collectionOf(ctx);
    const scenarioId = planOf(ctx, spec);
    const user = writer(ctx, spec, scenarioId);
    const expected = items.expectedVersionFrom(ctx.get('If-Match') || undefined);
    const retiredAs = await items.deleteItem(db, spec, ctx.params.featureId, expected, user.username, scenarioId);
    if (retiredAs) {
      answerCreated(ctx, spec, retiredAs);
      ctx.body = { id: retiredAs, retired: ctx.params.featureId };
      return;
    }
    ctx.status = 204;
  });

  return router;
}

/** The registry entry named in the path, or a 404 that lists the collections. */
export function collectionOf(ctx: Context): CollectionSpec {
  const spec = findCollection(ctx.params.collectionId);
  if (!spec) throw notFound(`Unknown collection "${ctx.params.collectionId}". See /ogc/collections for the list.`);
  return spec;
}

/** Scheme, host and port the client used (behind a proxy, Koa's `proxy` setting makes this right). */
export function baseUrl(ctx: Context): string {
  return `${ctx.protocol}://${ctx.host}`;
}

/** 201 with the new feature's Location. */
function answerCreated(ctx: Context, spec: CollectionSpec, id: string): void {
  ctx.status = 201;
  ctx.set('Location', `${baseUrl(ctx)}/ogc/collections/${spec.id}/items/${id}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The plan a write goes into (`?scenario=<id>`), or undefined for the baseline. */
function planOf(ctx: Context, spec: CollectionSpec): string | undefined {
  const scenarioId = singleQuery(ctx, 'scenario');
  const others = Object.keys(ctx.query).filter((k) => k !== 'scenario');
  if (others.length) throw badRequest(`Writes take no query parameter but scenario (got ${others.join(', ')}).`, others.map((k) => ({ field: `query.${k}`, message: 'unknown parameter' })));
  if (scenarioId === undefined) return undefined;
  if (!spec.scenarioAware) throw badRequest(`${spec.id} is not planned in scenarios; write to the baseline.`, [{ field: 'query.scenario', message: 'not a plan layer' }]);
  if (!UUID.test(scenarioId)) throw badRequest('scenario must be a plan id (a uuid).', [{ field: 'query.scenario', message: 'not a uuid' }]);
  return scenarioId;
}

/** Baseline writes need the registry's edit roles; inside a plan, planners may place infrastructure too. */
function writer(ctx: Context, spec: CollectionSpec, scenarioId: string | undefined) {
  if (!scenarioId) return requireWrite(ctx, spec);
  return requireRole(ctx, [...new Set([...spec.editRoles, 'planner' as const])], `edit ${spec.id} in a plan`);
}

function singleQuery(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}

function contentCrs(ctx: Context): CrsInfo {
  return parseCrs(ctx.get('Content-Crs') || undefined, 'header.Content-Crs');
}

function pageLinks(ctx: Context, spec: CollectionSpec, query: ItemsQuery, matched: number) {
  const url = (offset: number) => {
    const params = new URLSearchParams(ctx.querystring);
    params.set('offset', String(offset));
    params.set('limit', String(query.limit));
    return `${baseUrl(ctx)}/ogc/collections/${spec.id}/items?${params}`;
  };
  const links = [
    { rel: 'self', type: 'application/geo+json', href: `${baseUrl(ctx)}${ctx.url}` },
    { rel: 'collection', type: 'application/json', href: `${baseUrl(ctx)}/ogc/collections/${spec.id}` },
  ];
  if (query.offset + query.limit < matched) links.push({ rel: 'next', type: 'application/geo+json', href: url(query.offset + query.limit) });
  if (query.offset > 0) links.push({ rel: 'prev', type: 'application/geo+json', href: url(Math.max(0, query.offset - query.limit)) });
  return links;
}
