import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { cameraFeature, buildingFeature, selfIntersectingBuilding } from '../fixtures/features.js';

/** Every bad request gets problem+json naming the field, and a failed write leaves the database unchanged. */

let app: TestApp;
let cameraUrl: string;
let snapshot: string;

beforeAll(async () => {
  actAs(basicAuth('admin'));
  app = await startTestApp({ maxBodyBytes: 64 * 1024 });
  cameraUrl = (await sendJson('POST', items('cameras'), cameraFeature())).headers.get('location')!;
});
afterAll(async () => {
  await app?.close();
});

const items = (collection: string) => `${app.url}/ogc/collections/${collection}/items`;

/** Rows and history of every layer touched by these tests, to prove nothing was half-written. */
async function databaseState(): Promise<string> {
  const { rows } = await app.db.knex.raw(`SELECT
    (SELECT json_agg(c ORDER BY c.id) FROM cameras c) AS cameras,
    (SELECT count(*) FROM buildings) AS buildings,
    (SELECT count(*) FROM feature_history) AS history`);
  return JSON.stringify(rows[0]);
}

beforeEach(async () => {
  snapshot = await databaseState();
});

async function expectProblem(response: { status: number; headers: Headers; body: any }, status: number, field?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body.detail).toEqual(expect.any(String));
  expect(response.body).not.toHaveProperty('stack');
  if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  expect(await databaseState()).toBe(snapshot);
}

describe('bad bodies', () => {
  it('malformed_json_is_refused_naming_the_body', async () => {
    await expectProblem(await sendJson('POST', items('cameras'), '{"type": "Feature", '), 400, 'body');
  });

  it('a_body_that_is_not_geojson_is_refused', async () => {
    await expectProblem(await sendJson('POST', items('cameras'), { hello: 'world' }), 422, 'type');
  });

  it('a_line_sent_to_the_camera_layer_names_the_expected_type', async () => {
    const feature = cameraFeature();
    const response = await sendJson('POST', items('cameras'), { ...feature, geometry: { type: 'LineString', coordinates: [[108.2, 16.0], [108.3, 16.1]] } });
    await expectProblem(response, 422, 'geometry.type');
    expect(response.body.detail).toContain('Point');
  });

  it('a_self_intersecting_polygon_is_refused_with_the_place', async () => {
    const response = await sendJson('POST', items('buildings'), selfIntersectingBuilding());
    await expectProblem(response, 422, 'geometry');
    expect(response.body.detail).toMatch(/self-intersection/i);
    expect(response.body.location[0]).toBeCloseTo(108.221, 6);
    expect(response.body.location[1]).toBeCloseTo(16.061, 6);
    // Its kind and place, for a client to say in its user's language.
    expect(response.body.errors[0]).toMatchObject({ code: 'invalid_geometry', params: { reason: 'Self-intersection' } });
    expect(response.body.errors[0].params.x).toBeCloseTo(108.221, 6);
  });

  it('coordinates_outside_wgs84_are_refused', async () => {
    await expectProblem(await sendJson('POST', items('cameras'), cameraFeature({}, [208.2, 16.05])), 422, 'geometry.coordinates');
  });

  it('swapped_axes_land_outside_the_planning_area', async () => {
    const response = await sendJson('POST', items('cameras'), cameraFeature({}, [16.05, 88.2]));
    await expectProblem(response, 422, 'geometry.coordinates');
    expect(response.body.detail).toContain('planning area');
    expect(response.body.errors[0]).toMatchObject({ code: 'outside_planning_area', params: { area: 'Đà Nẵng' } });
  });

  it('an_unclosed_ring_is_refused', async () => {
    const building = buildingFeature();
    building.geometry.coordinates[0].pop();
    await expectProblem(await sendJson('POST', items('buildings'), building), 422, 'geometry.coordinates');
  });

  it('an_unknown_property_is_named_with_the_known_ones', async () => {
    const response = await sendJson('POST', items('cameras'), cameraFeature({ colour: 'red' }));
    await expectProblem(response, 422, 'properties.colour');
    expect(response.body.errors[0].message).toContain('heading_deg');
  });

  it('an_out_of_range_attribute_is_named', async () => {
    await expectProblem(await sendJson('POST', items('cameras'), cameraFeature({ heading_deg: 400 })), 422, 'properties.heading_deg');
  });

  it('a_wrong_typed_attribute_is_named', async () => {
    await expectProblem(await sendJson('POST', items('cameras'), cameraFeature({ resolution_h: 'full hd' })), 422, 'properties.resolution_h');
  });

  it('a_value_outside_an_enum_lists_the_allowed_values', async () => {
    const response = await sendJson('POST', items('cameras'), cameraFeature({ status: 'broken' }));
    await expectProblem(response, 422, 'properties.status');
    expect(response.body.errors[0].message).toContain('faulty');
  });

  it('a_missing_required_attribute_is_named', async () => {
    const feature = cameraFeature();
    delete (feature.properties as Record<string, unknown>).codec;
    await expectProblem(await sendJson('POST', items('cameras'), feature), 422, 'properties.codec');
  });

  it('an_oversized_body_is_refused_with_the_limit', async () => {
    const feature = cameraFeature({ name: 'x'.repeat(100 * 1024) });
    const response = await sendJson('POST', items('cameras'), feature);
    await expectProblem(response, 413, 'body');
    expect(response.body.detail).toMatch(/limit/);
  });

  it('an_unknown_content_crs_is_refused', async () => {
    await expectProblem(await sendJson('POST', items('cameras'), cameraFeature(), { 'Content-Crs': '<http://www.opengis.net/def/crs/EPSG/0/2154>' }), 400, 'header.Content-Crs');
  });
});

describe('versions', () => {
  it('a_write_without_if_match_is_428', async () => {
    await expectProblem(await sendJson('PUT', cameraUrl, cameraFeature()), 428, 'header.If-Match');
  });

  it('a_stale_if_match_is_412_with_the_current_version', async () => {
    const response = await sendJson('PUT', cameraUrl, cameraFeature({ heading_deg: 10 }), { 'If-Match': '"v99"' });
    await expectProblem(response, 412, 'header.If-Match');
    expect(response.body.currentVersion).toBe(1);
    expect(response.headers.get('etag')).toBe('"v1"');
  });

  it('a_stale_delete_is_412_and_deletes_nothing', async () => {
    const response = await fetchAs(cameraUrl, { method: 'DELETE', headers: { 'If-Match': '"v7"' } });
    expect(response.status).toBe(412);
    expect(await databaseState()).toBe(snapshot);
  });

  it('a_write_to_a_missing_feature_is_404', async () => {
    await expectProblem(await sendJson('PUT', `${items('cameras')}/00000000-0000-4000-8000-000000000000`, cameraFeature(), { 'If-Match': '"v1"' }), 404);
  });

  it('a_feature_id_that_is_not_a_uuid_is_404_not_a_crash', async () => {
    await expectProblem(await getJson(`${items('cameras')}/1%27%20OR%20%271%27=%271`), 404);
  });
});

describe('bad queries', () => {
  it('an_unknown_query_parameter_is_named', async () => {
    await expectProblem(await getJson(`${items('cameras')}?colour=red`), 400, 'query.colour');
  });

  it('a_malformed_bbox_is_named', async () => {
    await expectProblem(await getJson(`${items('cameras')}?bbox=108,16,abc`), 400, 'query.bbox');
  });

  it('a_limit_out_of_range_is_named', async () => {
    await expectProblem(await getJson(`${items('cameras')}?limit=0`), 400, 'query.limit');
    await expectProblem(await getJson(`${items('cameras')}?limit=100001`), 400, 'query.limit');
  });

  it('an_unsupported_crs_is_named', async () => {
    await expectProblem(await getJson(`${items('cameras')}?crs=EPSG:27700`), 400, 'query.crs');
  });

  it('a_camera_on_a_man_node_that_does_not_exist_names_the_property_and_the_kind', async () => {
    const response = await sendJson('POST', items('cameras'), cameraFeature({ man_node_id: '00000000-0000-4000-8000-00000000abcd' }));
    await expectProblem(response, 422, 'properties.man_node_id');
    expect(response.body.errors[0]).toMatchObject({ code: 'missing_reference', params: { column: 'man_node_id' } });
  });

  it('a_filter_value_of_the_wrong_type_is_named', async () => {
    await expectProblem(await getJson(`${items('cameras')}?resolution_h=high`), 400, 'query.resolution_h');
  });

  it('a_tile_outside_the_matrix_is_refused', async () => {
    await expectProblem(await getJson(`${app.url}/tiles/buildings/3/9/1.mvt`), 400, 'path.x');
    await expectProblem(await getJson(`${app.url}/tiles/buildings/99/0/0.mvt`), 400, 'path.z');
  });

  it('an_unknown_path_is_a_404_problem', async () => {
    await expectProblem(await getJson(`${app.url}/ogc/nothing-here`), 404);
  });
});
