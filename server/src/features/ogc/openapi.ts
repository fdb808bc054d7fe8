import { COLLECTIONS } from '../collections/registry.js';
import { MAX_LIMIT, DEFAULT_LIMIT } from './items.query.js';

/**
 * A compact OpenAPI 3.0 description of the Features endpoints. GDAL's OAPIF driver reads from it which property
 * filters it may send to the server; it looks paths up relative to the API's root, so the server URL ends in
 * /ogc and the paths do not repeat it.
 */
export function openApiDocument(base: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {
    '/': { get: { summary: 'Landing page', responses: { 200: { description: 'Links to the API' } } } },
    '/conformance': { get: { summary: 'Conformance classes', responses: { 200: { description: 'conformsTo' } } } },
    '/collections': { get: { summary: 'Collections', responses: { 200: { description: 'The collections' } } } },
  };
  for (const spec of COLLECTIONS) {
    const filters = spec.properties
      .filter((p) => p.type !== 'array')
      .map((p) => ({ name: p.name, in: 'query', required: false, schema: { type: p.type === 'uuid' ? 'string' : p.type } }));
    paths[`/collections/${spec.id}/items`] = {
      get: {
        summary: `Features of ${spec.title.en}`,
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
          { name: 'bbox', in: 'query', schema: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 6 }, style: 'form', explode: false },
          { name: 'bbox-crs', in: 'query', schema: { type: 'string' } },
          { name: 'crs', in: 'query', schema: { type: 'string' } },
          ...filters,
        ],
        responses: { 200: { description: 'GeoJSON FeatureCollection' } },
      },
      post: { summary: `Create a feature in ${spec.id}`, responses: { 201: { description: 'Created' } } },
    };
    paths[`/collections/${spec.id}/items/{featureId}`] = {
      get: { summary: 'One feature', responses: { 200: { description: 'GeoJSON Feature with ETag' } } },
      put: { summary: 'Replace (If-Match required)', responses: { 200: { description: 'Replaced' } } },
      patch: { summary: 'Update (If-Match required)', responses: { 200: { description: 'Updated' } } },
      delete: { summary: 'Delete (If-Match required)', responses: { 204: { description: 'Deleted' } } },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Đà Nẵng urban infrastructure planning', version: '1.0.0' },
    servers: [{ url: `${base}/ogc` }],
    paths,
  };
}
