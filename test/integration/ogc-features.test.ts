import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { cameraFeature, buildingFeature, DRAGON_BRIDGE } from '../fixtures/features.js';
import { COLLECTIONS } from '../../server/src/features/collections/registry.js';

let app: TestApp;
beforeAll(async () => {
  actAs(basicAuth('admin'));
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const items = (collection: string) => `${app.url}/ogc/collections/${collection}/items`;

describe('OGC API – Features, reads', () => {
  it('the_landing_page_links_the_api_conformance_and_collections', async () => {
    const { status, body } = await getJson(`${app.url}/ogc`);
    expect(status).toBe(200);
    expect(body.links.map((l: { rel: string }) => l.rel)).toEqual(expect.arrayContaining(['service-desc', 'conformance', 'data']));
    const conformance = await getJson(`${app.url}/ogc/conformance`);
    expect(conformance.body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete');
    expect(conformance.body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs');
  });

  it('every_registry_layer_is_a_collection_with_its_crs_list', async () => {
    const { body } = await getJson(`${app.url}/ogc/collections`);
    expect(body.collections.map((c: { id: string }) => c.id)).toEqual(COLLECTIONS.map((c) => c.id));
    const cameras = body.collections.find((c: { id: string }) => c.id === 'cameras');
    expect(cameras.crs).toContain('http://www.opengis.net/def/crs/EPSG/0/5899');
    expect(cameras.title).toBe('Camera giám sát');
  });

  it('the_published_schema_carries_types_ranges_and_enums', async () => {
    const { body } = await getJson(`${app.url}/ogc/collections/cameras/schema`);
    expect(body.properties.heading_deg).toMatchObject({ minimum: 0, exclusiveMaximum: 360 });
    expect(body.properties.status.enum).toEqual(expect.arrayContaining(['existing', 'planned', 'faulty', 'decommissioned']));
    expect(body.properties.resolution_h.type).toBe('integer');
  });

  it('an_unknown_collection_is_a_404_problem', async () => {
    const { status, headers, body } = await getJson(`${app.url}/ogc/collections/parking/items`);
    expect(status).toBe(404);
    expect(headers.get('content-type')).toContain('application/problem+json');
    expect(body.detail).toContain('parking');
  });
});

describe('OGC API – Features, create / replace / update / delete with ETags', () => {
  it('a_created_camera_reads_back_with_its_etag', async () => {
    const created = await sendJson('POST', items('cameras'), cameraFeature());
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"v1"');
    const location = created.headers.get('location')!;
    const read = await getJson(location);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"v1"');
    expect(read.body.geometry.coordinates).toEqual([DRAGON_BRIDGE.lon, DRAGON_BRIDGE.lat]);
    expect(read.body.properties).toMatchObject({ owner: 'police', focal_length_mm: 4, version: 1 });
  });

  it('vn2000_output_matches_the_dragon_bridge_check_point', async () => {
    const created = await sendJson('POST', items('cameras'), cameraFeature());
    const read = await getJson(`${created.headers.get('location')}?crs=http://www.opengis.net/def/crs/EPSG/0/5899`);
    expect(read.headers.get('content-crs')).toBe('<http://www.opengis.net/def/crs/EPSG/0/5899>');
    const [e, n] = read.body.geometry.coordinates;
    expect(Math.abs(e - DRAGON_BRIDGE.easting)).toBeLessThan(0.01);
    expect(Math.abs(n - DRAGON_BRIDGE.northing)).toBeLessThan(0.01);
  });

  it('vn2000_input_is_stored_in_wgs84', async () => {
    const feature = cameraFeature({}, [DRAGON_BRIDGE.easting, DRAGON_BRIDGE.northing]);
    const created = await sendJson('POST', items('cameras'), feature, { 'Content-Crs': '<http://www.opengis.net/def/crs/EPSG/0/5899>' });
    expect(created.status).toBe(201);
    const read = await getJson(created.headers.get('location')!);
    const [lon, lat] = read.body.geometry.coordinates;
    expect(Math.abs(lon - DRAGON_BRIDGE.lon)).toBeLessThan(1e-6);
    expect(Math.abs(lat - DRAGON_BRIDGE.lat)).toBeLessThan(1e-6);
  });

  it('epsg_4326_output_is_latitude_first', async () => {
    const created = await sendJson('POST', items('cameras'), cameraFeature());
    const read = await getJson(`${created.headers.get('location')}?crs=EPSG:4326`);
    expect(read.body.geometry.coordinates).toEqual([DRAGON_BRIDGE.lat, DRAGON_BRIDGE.lon]);
  });

  it('replace_update_and_delete_follow_the_version', async () => {
    const created = await sendJson('POST', items('cameras'), cameraFeature());
    const url = created.headers.get('location')!;
    const replaced = await sendJson('PUT', url, cameraFeature({ heading_deg: 180 }), { 'If-Match': '"v1"' });
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('etag')).toBe('"v2"');
    expect(replaced.body.properties.heading_deg).toBe(180);
    const patched = await sendJson('PATCH', url, { type: 'Feature', properties: { status: 'faulty' } }, { 'If-Match': '"v2"' });
    expect(patched.status).toBe(200);
    expect(patched.body.properties).toMatchObject({ status: 'faulty', heading_deg: 180, version: 3 });
    const deleted = await fetchAs(url, { method: 'DELETE', headers: { 'If-Match': '"v3"' } });
    expect(deleted.status).toBe(204);
    expect((await getJson(url)).status).toBe(404);
  });

  it('every_change_is_in_the_feature_history_with_increasing_versions', async () => {
    const created = await sendJson('POST', items('cameras'), cameraFeature());
    const url = created.headers.get('location')!;
    await sendJson('PATCH', url, { type: 'Feature', properties: { tilt_deg: 20 } }, { 'If-Match': '"v1"' });
    await fetchAs(url, { method: 'DELETE', headers: { 'If-Match': '"v2"' } });
    const id = url.split('/').pop();
    const { rows } = await app.db.knex.raw(
      `SELECT version, operation, properties->>'tilt_deg' AS tilt, user_name FROM feature_history WHERE feature_id = ? ORDER BY id`, [id!]);
    expect(rows).toEqual([
      { version: 1, operation: 'insert', tilt: '15', user_name: 'admin' },
      { version: 2, operation: 'update', tilt: '20', user_name: 'admin' },
      { version: 3, operation: 'delete', tilt: '20', user_name: 'admin' },
    ]);
  });

  it('a_writer_may_send_back_the_read_only_properties_it_read', async () => {
    const created = await sendJson('POST', items('cameras'), cameraFeature());
    const read = await getJson(created.headers.get('location')!);
    const replaced = await sendJson('PUT', created.headers.get('location')!, read.body, { 'If-Match': read.headers.get('etag')! });
    expect(replaced.status).toBe(200);
  });

  it('a_polygon_is_stored_as_a_multipolygon_where_the_layer_is_multi', async () => {
    const building = buildingFeature();
    const zone = { type: 'Feature', geometry: building.geometry, properties: { zone_class: 'green', name: 'Công viên thử' } };
    const created = await sendJson('POST', items('land_use'), zone);
    expect(created.status).toBe(201);
    const read = await getJson(created.headers.get('location')!);
    expect(read.body.geometry.type).toBe('MultiPolygon');
  });
});

describe('OGC API – Features, paging and filters', () => {
  beforeAll(async () => {
    for (let i = 0; i < 5; i++) await sendJson('POST', items('buildings'), buildingFeature(108.23 + i * 0.001, 16.07, 10 + i));
  });

  it('pages_have_numbers_and_a_next_link', async () => {
    const page = await getJson(`${items('buildings')}?limit=2`);
    expect(page.body.numberMatched).toBe(5);
    expect(page.body.numberReturned).toBe(2);
    const next = page.body.links.find((l: { rel: string }) => l.rel === 'next');
    const second = await getJson(next.href);
    expect(second.body.numberReturned).toBe(2);
    const ids = [...page.body.features, ...second.body.features].map((f: { id: string }) => f.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('bbox_selects_what_intersects_it', async () => {
    const page = await getJson(`${items('buildings')}?bbox=108.2295,16.0695,108.2315,16.0705`);
    expect(page.body.numberMatched).toBe(2);
  });

  it('bbox_in_vn2000_selects_the_same_features', async () => {
    const page = await getJson(`${items('buildings')}?bbox=550000,1777000,555000,1779500&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/5899`);
    expect(page.status).toBe(200);
    expect(page.body.numberMatched).toBe(5);
  });

  it('a_property_filter_uses_the_property_type', async () => {
    const page = await getJson(`${items('buildings')}?height_m=12`);
    expect(page.body.numberMatched).toBe(1);
    expect(page.body.features[0].properties.height_m).toBe(12);
  });
});
