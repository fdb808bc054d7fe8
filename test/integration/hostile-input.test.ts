import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { cameraFeature } from '../fixtures/features.js';

/**
 * Hostile input: SQL injection in every parameter that reaches SQL, script in attribute values, and a
 * property-based fuzz run over the OGC endpoints. Nothing may answer 5xx, and failed requests change nothing.
 */

let app: TestApp;
let cameraUrl: string;

const INJECTIONS = [
  "'; DROP TABLE cameras; --",
  "1' OR '1'='1",
  'cameras"; DELETE FROM cameras; --',
  "status) OR 1=1 --",
  '$1; SELECT pg_sleep(5)',
  "x' UNION SELECT password_hash FROM users --",
];

beforeAll(async () => {
  actAs(basicAuth('admin'));
  app = await startTestApp();
  cameraUrl = (await sendJson('POST', `${app.url}/ogc/collections/cameras/items`, cameraFeature())).headers.get('location')!;
});
afterAll(async () => {
  await app?.close();
});

async function databaseState(): Promise<string> {
  const { rows } = await app.db.knex.raw(`SELECT
    (SELECT json_agg(c ORDER BY c.id) FROM cameras c) AS cameras,
    (SELECT count(*) FROM feature_history) AS history,
    (SELECT count(*) FROM users) AS users`);
  return JSON.stringify(rows[0]);
}

describe('sql injection', () => {
  it('in_collection_ids_feature_ids_and_tile_paths_is_a_clean_4xx', async () => {
    const before = await databaseState();
    for (const attack of INJECTIONS) {
      const a = encodeURIComponent(attack);
      for (const path of [`/ogc/collections/${a}/items`, `/ogc/collections/cameras/items/${a}`, `/tiles/${a}/1/0/0.mvt`, `/tiles/cameras/${a}/0/0.mvt`, `/ogc/collections/${a}/schema`]) {
        const res = await fetchAs(`${app.url}${path}`);
        expect(res.status, path).toBeGreaterThanOrEqual(400);
        expect(res.status, path).toBeLessThan(500);
      }
    }
    expect(await databaseState()).toBe(before);
  });

  it('in_property_names_filters_bbox_and_crs_is_a_clean_4xx_or_no_match', async () => {
    const before = await databaseState();
    for (const attack of INJECTIONS) {
      const a = encodeURIComponent(attack);
      for (const query of [`${a}=1`, `status=${a}`, `name=${a}`, `man_node_id=${a}`, `resolution_h=${a}`, `bbox=${a}`, `bbox=108,16,108.3,${a}`, `crs=${a}`, `bbox-crs=${a}`, `limit=${a}`, `offset=${a}`, `scenario=${a}`]) {
        const res = await getJson(`${app.url}/ogc/collections/cameras/items?${query}`);
        expect(res.status, query).toBeLessThan(500);
        if (res.status === 200) expect(res.body.numberMatched, query).toBe(0);
      }
    }
    expect(await databaseState()).toBe(before);
  });

  it('in_attribute_values_is_stored_as_plain_text', async () => {
    const attack = "Robert'); DROP TABLE cameras;--";
    const created = await sendJson('POST', `${app.url}/ogc/collections/cameras/items`, cameraFeature({ name: attack }));
    expect(created.status).toBe(201);
    const read = await getJson(created.headers.get('location')!);
    expect(read.body.properties.name).toBe(attack);
    const filtered = await getJson(`${app.url}/ogc/collections/cameras/items?name=${encodeURIComponent(attack)}`);
    expect(filtered.body.numberMatched).toBe(1);
  });

  it('in_the_sign_in_form_is_just_a_wrong_user_name', async () => {
    for (const attack of INJECTIONS) {
      const res = await sendJson('POST', `${app.url}/api/session`, { username: attack.slice(0, 40), password: attack }, { 'content-type': 'application/json', Authorization: '' });
      expect([401, 429]).toContain(res.status);
    }
  });
});

describe('values at the edge of their types', () => {
  it('huge_integers_nul_characters_and_absurd_coordinates_are_clean_4xx_naming_the_field', async () => {
    const before = await databaseState();
    const cases: Array<[Promise<{ status: number; body: any }>, string]> = [
      [getJson(`${app.url}/ogc/collections/roads/items?lanes=99999999999`), 'query.lanes'],
      [getJson(`${app.url}/ogc/collections/cameras/items?name=%00`), 'query.name'],
      [getJson(`${app.url}/ogc/collections/cameras/items?bbox=-1e30,-1e30,1e30,1e30&bbox-crs=EPSG:5899`), 'query.bbox'],
      [sendJson('PATCH', cameraUrl, { type: 'Feature', properties: { name: 'x\u0000y' } }, { 'If-Match': '"v1"' }), 'properties.name'],
      [sendJson('PATCH', cameraUrl, { type: 'Feature', properties: { name: 'x\ud800y' } }, { 'If-Match': '"v1"' }), 'properties.name'],
      [sendJson('PATCH', cameraUrl, { type: 'Feature', properties: { name: 'x' } }, { 'If-Match': '"v99999999999"' }), 'header.If-Match'],
      [sendJson('POST', `${app.url}/ogc/collections/admin_units/items`, { type: 'Feature', geometry: { type: 'Point', coordinates: [108.2, 16] }, properties: { level: 'ward', code: 'X1', name: 'X', population: 99999999999 } }), 'properties.population'],
      [getJson(`${app.url}/api/audit/changes?from=0000-01-01T00:00:00Z`), 'query.from'],
    ];
    for (const [pending, field] of cases) {
      const res = await pending;
      expect(res.status, field).toBeGreaterThanOrEqual(400);
      expect(res.status, field).toBeLessThan(500);
      expect(res.body.errors.map((e: { field: string }) => e.field), field).toContain(field);
    }
    const nul = await sendJson('POST', `${app.url}/api/session`, { username: 'a\u0000b', password: 'x' }, { 'content-type': 'application/json', Authorization: '' });
    expect(nul.status).toBe(401);
    expect(await databaseState()).toBe(before);
  });
});

describe('script injection', () => {
  it('attribute_values_come_back_as_data_with_a_json_content_type', async () => {
    const script = '<img src=x onerror="alert(document.cookie)"><script>alert(1)</script>';
    const created = await sendJson('POST', `${app.url}/ogc/collections/cameras/items`, cameraFeature({ name: script }));
    const res = await fetchAs(created.headers.get('location')!);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(JSON.parse(await res.text()).properties.name).toBe(script);
  });
});

describe('fuzzing the OGC endpoints', () => {
  const json = fc.jsonValue({ maxDepth: 4 });
  const coordinate = fc.oneof(fc.double(), fc.integer(), fc.constant(null), fc.string(), fc.constant(1e308));
  const geometry = fc.record({
    type: fc.constantFrom('Point', 'LineString', 'Polygon', 'MultiPolygon', 'GeometryCollection', 'Nonsense', ''),
    coordinates: fc.oneof(fc.array(coordinate, { maxLength: 4 }), fc.array(fc.array(coordinate, { maxLength: 4 }), { maxLength: 5 }),
      fc.array(fc.array(fc.array(coordinate, { maxLength: 3 }), { maxLength: 6 }), { maxLength: 2 }), json),
  });
  const properties = fc.oneof(json, fc.dictionary(fc.constantFrom('name', 'heading_deg', 'status', 'tilt_deg', 'codec', 'resolution_h', 'x'), json));
  const body = fc.oneof(
    json,
    fc.string(),
    fc.record({ type: fc.constantFrom('Feature', 'FeatureCollection', 'x'), geometry: fc.oneof(geometry, json), properties }),
  );
  const queryString = fc.dictionary(
    fc.constantFrom('bbox', 'limit', 'offset', 'crs', 'bbox-crs', 'status', 'heading_deg', 'f', 'scenario', 'zz'),
    fc.oneof(fc.string(), fc.double().map(String), fc.constant('108,16,108.5,16.5')),
  );

  it('never_answers_5xx_and_failed_writes_change_nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('POST', 'PUT', 'PATCH'), fc.constantFrom('cameras', 'buildings', 'roads', 'land_use', 'bts_sites'), async (payload, method, collection) => {
        const before = await databaseState();
        const url = method === 'POST' ? `${app.url}/ogc/collections/${collection}/items` : cameraUrl;
        const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
        const res = await sendJson(method, url, text, { 'If-Match': '"v1"' });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(await databaseState()).toBe(before);
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });

  it('queries_never_answer_5xx', async () => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const res = await fetchAs(`${app.url}/ogc/collections/cameras/items?${new URLSearchParams(query)}`);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 300, seed: 20261123 },
    );
  });
});
