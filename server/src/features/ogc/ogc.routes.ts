import Router from '@koa/router';
import type { Context } from 'koa';
import { COLLECTIONS, type CollectionSpec } from '../collections/registry.js';
import { featureSchema } from '../collections/feature-schema.js';
import { CRS84, SUPPORTED_CRS } from '../../lib/crs.js';
import { PLANNING_AREA } from '../../lib/planning-area.js';
import { baseUrl, collectionOf } from './items.routes.js';
import { openApiDocument } from './openapi.js';
import { PROCESSES_CONFORMANCE } from '../processes/processes.routes.js';
import { canRead, requireRead, type AccessPolicy } from '../../lib/access.js';

const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update',
  'http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags',
  'http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas',
  ...PROCESSES_CONFORMANCE,
];

/** OGC API – Features landing page, conformance, API definition, collections and their schemas. */
export function ogcRouter(policy: AccessPolicy): Router {
  const router = new Router({ prefix: '/ogc' });
  router.get('/', (ctx) => {
    const base = baseUrl(ctx);
    ctx.body = {
      title: 'Đà Nẵng urban infrastructure planning – OGC API',
      description: 'Urban GIS layers, CCTV, MAN fibre, Wi-Fi, 4G/5G and IoT of the city of Đà Nẵng.',
      links: [
        { rel: 'self', type: 'application/json', href: `${base}/ogc` },
        { rel: 'service-desc', type: 'application/vnd.oai.openapi+json;version=3.0', href: `${base}/ogc/api` },
        { rel: 'conformance', type: 'application/json', href: `${base}/ogc/conformance` },
        { rel: 'data', type: 'application/json', href: `${base}/ogc/collections` },
        { rel: 'http://www.opengis.net/def/rel/ogc/1.0/processes', type: 'application/json', href: `${base}/ogc/processes` },
        { rel: 'http://www.opengis.net/def/rel/ogc/1.0/job-list', type: 'application/json', href: `${base}/ogc/jobs` },
      ],
    };
  });
  router.get('/conformance', (ctx) => {
    ctx.body = { conformsTo: CONFORMANCE };
  });
  router.get('/api', (ctx) => {
    ctx.type = 'application/vnd.oai.openapi+json;version=3.0';
    ctx.body = openApiDocument(baseUrl(ctx));
  });
  router.get('/collections', (ctx) => {
    const base = baseUrl(ctx);
    ctx.body = {
      links: [{ rel: 'self', type: 'application/json', href: `${base}/ogc/collections` }],
      crs: SUPPORTED_CRS.map((c) => c.uri),
      // Only what this request may read: anonymous callers see the open-data collections.
      collections: COLLECTIONS.filter((spec) => canRead(ctx, spec, policy)).map((spec) => describeCollection(spec, base, language(ctx))),
    };
  });
  router.get('/collections/:collectionId', (ctx) => {
    ctx.body = describeCollection(readable(ctx, policy), baseUrl(ctx), language(ctx));
  });
  router.get('/collections/:collectionId/schema', (ctx) => {
    ctx.type = 'application/schema+json';
    ctx.body = featureSchema(readable(ctx, policy), baseUrl(ctx));
  });
  router.get('/collections/:collectionId/queryables', (ctx) => {
    const schema = featureSchema(readable(ctx, policy), baseUrl(ctx));
    ctx.type = 'application/schema+json';
    ctx.body = { ...schema, $id: `${schema.$id}`.replace(/schema$/, 'queryables') };
  });
  return router;
}

function readable(ctx: Context, policy: AccessPolicy): CollectionSpec {
  const spec = collectionOf(ctx);
  requireRead(ctx, spec, policy);
  return spec;
}

/** Vietnamese unless the client asks for English first (Accept-Language). */
function language(ctx: Context): 'vi' | 'en' {
  return ctx.acceptsLanguages('vi', 'en') === 'en' ? 'en' : 'vi';
}

function describeCollection(spec: CollectionSpec, base: string, lang: 'vi' | 'en') {
  const href = `${base}/ogc/collections/${spec.id}`;
  return {
    id: spec.id,
    title: spec.title[lang],
    description: spec.description[lang],
    itemType: 'feature',
    extent: { spatial: { bbox: [[PLANNING_AREA.minLon, PLANNING_AREA.minLat, PLANNING_AREA.maxLon, PLANNING_AREA.maxLat]], crs: CRS84 } },
    crs: SUPPORTED_CRS.map((c) => c.uri),
    storageCrs: CRS84,
    links: [
      { rel: 'self', type: 'application/json', href },
      { rel: 'items', type: 'application/geo+json', href: `${href}/items` },
      { rel: 'http://www.opengis.net/def/rel/ogc/1.0/schema', type: 'application/schema+json', href: `${href}/schema` },
      { rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', type: 'application/schema+json', href: `${href}/queryables` },
      { rel: 'describedby', type: 'application/schema+json', href: `${href}/schema` },
      { rel: 'tiles', type: 'application/json', title: 'Mapbox Vector Tiles (TileJSON)', href: `${base}/tiles/${spec.id}.json` },
    ],
  };
}
