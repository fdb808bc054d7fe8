import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, TEST_ROLES, type TestApp } from '../helpers/test-app.js';
import { actAs, anonymous, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { validFeatureFor } from '../fixtures/valid-feature.js';
import { COLLECTIONS, findCollection } from '../../server/src/features/collections/registry.js';

/**
 * The authorisation matrix: every role × every write endpoint × every collection. A role the registry lets edit
 * a collection can create, replace, update and delete in it; any other role gets 403 naming the missing right,
 * and nothing is written.
 */

let app: TestApp;
let refs: Record<string, string>;

beforeAll(async () => {
  actAs(basicAuth('admin'));
  app = await startTestApp();
  const node = () => sendJson('POST', `${app.url}/ogc/collections/man_nodes/items`, validFeatureFor(findCollection('man_nodes')!));
  refs = { from_node_id: (await node()).body.id, to_node_id: (await node()).body.id };
});
afterAll(async () => {
  await app?.close();
});

async function rowCount(table: string): Promise<number> {
  const { rows } = await app.db.knex.raw(`SELECT (SELECT count(*) FROM ${table})::integer + (SELECT count(*) FROM feature_history)::integer AS n`);
  return rows[0].n;
}

describe.each(COLLECTIONS.map((c) => [c.id, c] as const))('%s', (id, spec) => {
  const items = () => `${app.url}/ogc/collections/${id}/items`;

  it.each(TEST_ROLES)('role %s writes only if the registry allows it', async (role) => {
    const as = basicAuth(role);
    const allowed = spec.editRoles.includes(role);
    const feature = validFeatureFor(spec, refs);
    const before = await rowCount(spec.table);
    const created = await sendJson('POST', items(), feature, as);
    if (!allowed) {
      expect(created.status).toBe(403);
      expect(created.body.missingRight).toBe(`edit ${id}`);
      // Replace, update and delete of an existing feature are refused too.
      const existing = (await sendJson('POST', items(), feature)).body.id;
      const countAfterSetup = await rowCount(spec.table);
      for (const [method, body] of [['PUT', feature], ['PATCH', { type: 'Feature', properties: {} }]] as const) {
        expect((await sendJson(method, `${items()}/${existing}`, body, { ...as, 'If-Match': '"v1"' })).status).toBe(403);
      }
      expect((await fetchAs(`${items()}/${existing}`, { method: 'DELETE', headers: { ...as, 'If-Match': '"v1"' } })).status).toBe(403);
      expect(await rowCount(spec.table)).toBe(countAfterSetup);
      return;
    }
    expect(created.status).toBe(201);
    const url = created.headers.get('location')!;
    expect((await sendJson('PUT', url, feature, { ...as, 'If-Match': '"v1"' })).status).toBe(200);
    expect((await sendJson('PATCH', url, { type: 'Feature', properties: {} }, { ...as, 'If-Match': '"v2"' })).status).toBe(200);
    expect((await fetchAs(url, { method: 'DELETE', headers: { ...as, 'If-Match': '"v3"' } })).status).toBe(204);
    expect(await rowCount(spec.table)).toBe(before + 4); // the row is gone; its four history entries remain
  });

  it('anyone signed in reads it, nobody anonymous does', async () => {
    for (const role of TEST_ROLES) expect((await getJson(`${items()}?limit=1`, basicAuth(role))).status).toBe(200);
    expect((await getJson(`${items()}?limit=1`, anonymous)).status).toBe(401);
    expect((await sendJson('POST', items(), validFeatureFor(spec, refs), anonymous)).status).toBe(401);
  });
});

describe('account administration', () => {
  it.each(TEST_ROLES)('role %s may manage users and read the audit trail only if admin', async (role) => {
    const expected = role === 'admin' ? 200 : 403;
    expect((await getJson(`${app.url}/api/users`, basicAuth(role))).status).toBe(expected);
    expect((await getJson(`${app.url}/api/audit/changes`, basicAuth(role))).status).toBe(expected);
    const created = await sendJson('POST', `${app.url}/api/users`,
      { username: `new-${role}`, displayName: 'Mới', role: 'viewer', password: 'a-long-password' },
      { ...basicAuth(role), 'content-type': 'application/json' });
    expect(created.status).toBe(role === 'admin' ? 201 : 403);
  });

  it('the_audit_trail_filters_by_user_and_collection', async () => {
    const res = await getJson(`${app.url}/api/audit/changes?user=engineer&collection=cameras&operation=insert`);
    expect(res.status).toBe(200);
    expect(res.body.changes.length).toBeGreaterThan(0);
    expect(res.body.changes.every((c: { user_name: string; collection: string }) => c.user_name === 'engineer' && c.collection === 'cameras')).toBe(true);
    const refused = await getJson(`${app.url}/api/audit/changes?collection=cameras;DROP TABLE users`);
    expect(refused.status).toBe(422);
  });
});
