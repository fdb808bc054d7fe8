import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { decodeLayer, tileOf } from '../helpers/mvt.js';
import { buildingFeature, cameraFeature, DRAGON_BRIDGE } from '../fixtures/features.js';
import { getTile } from '../../server/src/features/tiles/tiles.service.js';
import { findCollection } from '../../server/src/features/collections/registry.js';

let app: TestApp;
const CORNER = { lon: 108.22, lat: 16.06 };

beforeAll(async () => {
  actAs(basicAuth('admin'));
  app = await startTestApp();
  await sendJson('POST', `${app.url}/ogc/collections/buildings/items`, buildingFeature(CORNER.lon, CORNER.lat, 42));
  await sendJson('POST', `${app.url}/ogc/collections/cameras/items`, cameraFeature());
});
afterAll(async () => {
  await app?.close();
});

async function fetchTile(collection: string, t: { z: number; x: number; y: number }) {
  const res = await fetchAs(`${app.url}/tiles/${collection}/${t.z}/${t.x}/${t.y}.mvt`);
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('vector tiles', () => {
  it('a_building_tile_decodes_to_the_building_with_its_height', async () => {
    const t = tileOf(CORNER.lon + 0.0001, CORNER.lat + 0.0001, 16);
    const tile = await fetchTile('buildings', t);
    expect(tile.status).toBe(200);
    expect(tile.type).toBe('application/vnd.mapbox-vector-tile');
    const [feature, ...rest] = decodeLayer(tile.bytes, 'buildings', t.z, t.x, t.y);
    expect(rest).toHaveLength(0);
    expect(feature.properties!).toMatchObject({ height_m: 42, use: 'residential' });
    expect(feature.properties!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(feature.geometry.type).toBe('Polygon');
    const ring = (feature.geometry as { coordinates: number[][][] }).coordinates[0];
    const [minLon, minLat] = [Math.min(...ring.map((p) => p[0])), Math.min(...ring.map((p) => p[1]))];
    // One tile pixel at z16 is about 0.15 m, about 1.5e-6 degrees.
    expect(Math.abs(minLon - CORNER.lon)).toBeLessThan(3e-6);
    expect(Math.abs(minLat - CORNER.lat)).toBeLessThan(3e-6);
  });

  it('a_camera_tile_holds_the_camera_point', async () => {
    const t = tileOf(DRAGON_BRIDGE.lon, DRAGON_BRIDGE.lat, 15);
    const [feature] = decodeLayer((await fetchTile('cameras', t)).bytes, 'cameras', t.z, t.x, t.y);
    expect(feature.geometry.type).toBe('Point');
    expect(feature.properties!.status).toBe('existing');
  });

  it('an_empty_tile_is_204', async () => {
    expect((await fetchTile('buildings', { z: 16, x: 0, y: 0 })).status).toBe(204);
  });

  it('buildings_are_not_served_below_their_minimum_zoom', async () => {
    const t = tileOf(CORNER.lon, CORNER.lat, 10);
    expect((await fetchTile('buildings', t)).status).toBe(204);
  });

  it('tilejson_describes_the_layer_and_its_fields', async () => {
    const { body } = await getJson(`${app.url}/tiles/buildings.json`);
    expect(body.tilejson).toBe('3.0.0');
    expect(body.tiles[0]).toBe(`${app.url}/tiles/buildings/{z}/{x}/{y}.mvt`);
    expect(body.minzoom).toBe(14);
    expect(body.vector_layers[0].fields).toMatchObject({ id: 'String', height_m: 'Number', use: 'String' });
  });

  it('postgis_and_node_encoders_give_the_same_features', async (ctx) => {
    if (!app.db.capabilities.mvt) ctx.skip(); // the native encoder exists on PostGIS servers built with protobuf only
    const spec = findCollection('buildings')!;
    const t = tileOf(CORNER.lon + 0.0001, CORNER.lat + 0.0001, 17);
    const native = decodeLayer(await getTile(app.db.knex, { mvt: true }, spec, t.z, t.x, t.y), 'buildings', t.z, t.x, t.y);
    const node = decodeLayer(await getTile(app.db.knex, { mvt: false }, spec, t.z, t.x, t.y), 'buildings', t.z, t.x, t.y);
    expect(node).toEqual(native);
  });
});
