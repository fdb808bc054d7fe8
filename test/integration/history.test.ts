import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { cameraFeature, DRAGON_BRIDGE } from '../fixtures/features.js';

let app: TestApp;
beforeAll(async () => {
  actAs(basicAuth('engineer'));
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const json = { 'content-type': 'application/json' };

/** A camera with three versions: created, turned to 180°, moved 0.001° east. */
async function cameraWithThreeVersions() {
  const url = (await sendJson('POST', `${app.url}/ogc/collections/cameras/items`, cameraFeature())).headers.get('location')!;
  await sendJson('PATCH', url, { type: 'Feature', properties: { heading_deg: 180 } }, { 'If-Match': '"v1"' });
  await sendJson('PATCH', url, { type: 'Feature', geometry: { type: 'Point', coordinates: [DRAGON_BRIDGE.lon + 0.001, DRAGON_BRIDGE.lat] } }, { 'If-Match': '"v2"' });
  const id = url.split('/').pop()!;
  return { url, id, history: `${app.url}/api/history/cameras/${id}` };
}

describe('feature history', () => {
  it('lists_every_version_with_who_when_and_what_changed', async () => {
    const { history } = await cameraWithThreeVersions();
    const { status, body } = await getJson(history);
    expect(status).toBe(200);
    expect(body.versions.map((v: { version: number; operation: string; user_name: string }) => [v.version, v.operation, v.user_name]))
      .toEqual([[1, 'insert', 'engineer'], [2, 'update', 'engineer'], [3, 'update', 'engineer']]);
    expect(body.versions[1]).toMatchObject({ changedProperties: ['heading_deg'], geometryChanged: false });
    expect(body.versions[2]).toMatchObject({ changedProperties: [], geometryChanged: true });
    expect(body.versions[2].geometry.coordinates[0]).toBeCloseTo(DRAGON_BRIDGE.lon + 0.001, 7);
    expect(body.versions[0].properties).not.toHaveProperty('updated_by');
  });

  it('revert_writes_a_new_version_equal_to_the_old_one', async () => {
    const { url, history } = await cameraWithThreeVersions();
    const reverted = await sendJson('POST', `${history}/revert`, { version: 1 }, { ...json, 'If-Match': '"v3"' });
    expect(reverted.status).toBe(200);
    expect(reverted.body).toMatchObject({ version: 4, revertedTo: 1 });
    const now = await getJson(url);
    expect(now.body.properties.heading_deg).toBe(90);
    expect(now.body.geometry.coordinates).toEqual([DRAGON_BRIDGE.lon, DRAGON_BRIDGE.lat]);
    expect((await getJson(history)).body.versions).toHaveLength(4);
  });

  it('revert_needs_the_current_version', async () => {
    const { history } = await cameraWithThreeVersions();
    expect((await sendJson('POST', `${history}/revert`, { version: 1 }, json)).status).toBe(428);
    const stale = await sendJson('POST', `${history}/revert`, { version: 1 }, { ...json, 'If-Match': '"v2"' });
    expect(stale.status).toBe(412);
    expect(stale.body.currentVersion).toBe(3);
  });

  it('a_deleted_feature_comes_back_under_its_id', async () => {
    const { url, id, history } = await cameraWithThreeVersions();
    expect((await fetchAs(url, { method: 'DELETE', headers: { 'If-Match': '"v3"' } })).status).toBe(204);
    const back = await sendJson('POST', `${history}/revert`, { version: 2 }, json);
    expect(back.status).toBe(200);
    const now = await getJson(url);
    expect(now.body.id).toBe(id);
    expect(now.body.properties.heading_deg).toBe(180);
  });

  it('an_unknown_version_or_feature_is_named', async () => {
    const { history } = await cameraWithThreeVersions();
    const missing = await sendJson('POST', `${history}/revert`, { version: 9 }, { ...json, 'If-Match': '"v3"' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('version');
    expect((await getJson(`${app.url}/api/history/cameras/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('a_viewer_reads_the_history_but_cannot_revert', async () => {
    const { history } = await cameraWithThreeVersions();
    expect((await getJson(history, basicAuth('viewer'))).status).toBe(200);
    expect((await sendJson('POST', `${history}/revert`, { version: 1 }, { ...json, ...basicAuth('viewer'), 'If-Match': '"v3"' })).status).toBe(403);
  });
});
