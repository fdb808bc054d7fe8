import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app.js';
import { actAs, getJson, sendJson } from '../helpers/http.js';
import { cameraFeature } from '../fixtures/features.js';
import { LOCK_AFTER_FAILURES } from '../../server/src/features/session/session.service.js';
import { createUser } from '../../server/src/features/users/users.service.js';

let app: TestApp;
beforeAll(async () => {
  actAs({});
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** Signs in through the API like the browser does; returns the cookie and CSRF token. */
async function signIn(username: string, password = TEST_PASSWORD) {
  const res = await sendJson('POST', `${app.url}/api/session`, { username, password }, { 'content-type': 'application/json' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { res, cookie, csrf: res.body?.csrfToken as string };
}

describe('sessions', () => {
  it('signing_in_sets_an_httponly_samesite_cookie_and_returns_a_csrf_token', async () => {
    const { res } = await signIn('planner');
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: 'planner', role: 'planner' });
    expect(res.body.user).not.toHaveProperty('password_hash');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/planner_session=/);
    expect(setCookie.toLowerCase()).toContain('httponly');
    expect(setCookie.toLowerCase()).toContain('samesite=strict');
    expect(res.body.csrfToken).toMatch(/^[\w-]{40,}$/);
  });

  it('the_session_names_the_current_user', async () => {
    const { cookie } = await signIn('engineer');
    const me = await getJson(`${app.url}/api/session`, { cookie });
    expect(me.body.user.username).toBe('engineer');
    const nobody = await getJson(`${app.url}/api/session`);
    expect(nobody.body.user).toBeNull();
  });

  it('a_wrong_password_and_an_unknown_user_get_the_same_answer', async () => {
    const wrong = await signIn('viewer', 'not-the-password');
    const unknown = await signIn('nobody-here', 'not-the-password');
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect(wrong.res.body.detail).toBe(unknown.res.body.detail);
  });

  it('a_browser_write_without_the_csrf_token_is_refused', async () => {
    const { cookie, csrf } = await signIn('engineer');
    const url = `${app.url}/ogc/collections/cameras/items`;
    const without = await sendJson('POST', url, cameraFeature(), { cookie });
    expect(without.status).toBe(403);
    expect(without.body.errors[0].field).toBe('header.X-CSRF-Token');
    const withToken = await sendJson('POST', url, cameraFeature(), { cookie, 'X-CSRF-Token': csrf });
    expect(withToken.status).toBe(201);
  });

  it('writes_record_the_signed_in_user', async () => {
    const { cookie, csrf } = await signIn('engineer');
    const created = await sendJson('POST', `${app.url}/ogc/collections/cameras/items`, cameraFeature(), { cookie, 'X-CSRF-Token': csrf });
    const id = created.body.id;
    const { rows } = await app.db.knex.raw('SELECT c.updated_by, h.user_name FROM cameras c JOIN feature_history h ON h.feature_id = c.id WHERE c.id = ?', [id]);
    expect(rows).toEqual([{ updated_by: 'engineer', user_name: 'engineer' }]);
  });

  it('signing_out_ends_the_session', async () => {
    const { cookie, csrf } = await signIn('viewer');
    const out = await fetch(`${app.url}/api/session`, { method: 'DELETE', headers: { cookie, 'X-CSRF-Token': csrf } });
    expect(out.status).toBe(204);
    expect((await getJson(`${app.url}/api/session`, { cookie })).body.user).toBeNull();
  });

  it('repeated_failures_are_throttled_with_retry_after', async () => {
    let last;
    for (let i = 0; i < 6; i++) last = await signIn('planner', `wrong-${i}`);
    expect(last!.res.status).toBe(429);
    expect(Number(last!.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.res.body.detail).toMatch(/minute/);
  });

  it('the_account_locks_after_repeated_failures_and_says_so', async () => {
    await app.db.knex.raw('UPDATE users SET failed_logins = ? WHERE username = ?', [LOCK_AFTER_FAILURES - 1, 'admin']);
    const failed = await signIn('admin', 'wrong-again');
    expect(failed.res.status).toBe(401);
    const locked = await signIn('admin');
    expect(locked.res.status).toBe(423);
    expect(Date.parse(locked.res.body.lockedUntil)).toBeGreaterThan(Date.now());
    expect(Number(locked.res.headers.get('retry-after'))).toBeGreaterThan(0);
    const { rows } = await app.db.knex.raw(`SELECT action FROM audit_events WHERE user_name = 'admin' ORDER BY id`);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['login_failed', 'locked']));
  });
});

describe('sign-in hardening', () => {
  it('a_forged_x_forwarded_for_does_not_escape_the_throttling', async () => {
    let last;
    for (let i = 0; i < 6; i++) {
      last = await sendJson('POST', `${app.url}/api/session`, { username: 'engineer', password: `bad-${i}` },
        { 'content-type': 'application/json', 'X-Forwarded-For': `10.0.0.${i}` });
    }
    expect(last!.status).toBe(429);
  });

  it('a_locked_account_looks_like_a_wrong_password_to_who_does_not_know_it', async () => {
    await app.db.knex.raw(`UPDATE users SET locked_until = now() + interval '10 minutes' WHERE username = 'viewer'`);
    expect((await signIn('viewer', 'guess-1')).res.status).toBe(401);
    expect((await signIn('viewer')).res.status).toBe(423);
    await app.db.knex.raw(`UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE username = 'viewer'`);
  });

  it('disabling_an_account_stops_its_basic_credentials_at_once', async () => {
    const basic = (u: string) => ({ Authorization: `Basic ${Buffer.from(`${u}:${TEST_PASSWORD}`).toString('base64')}` });
    const tool = await createUser(app.db.knex, { username: 'qgis-user', displayName: 'QGIS', role: 'viewer', password: TEST_PASSWORD }, 'test', 10);
    await app.db.knex.raw(`UPDATE users SET locked_until = NULL, failed_logins = 0 WHERE username = 'admin'`);
    expect((await getJson(`${app.url}/ogc/collections/cameras/items?limit=1`, basic('qgis-user'))).status).toBe(200);
    const disabled = await sendJson('PATCH', `${app.url}/api/users/${tool.id}`, { version: tool.version, disabled: true },
      { ...basic('admin'), 'content-type': 'application/json' });
    expect(disabled.status).toBe(200);
    expect((await getJson(`${app.url}/ogc/collections/cameras/items?limit=1`, basic('qgis-user'))).status).toBe(401);
  });

  it('signing_in_does_not_make_an_administrators_edit_stale', async () => {
    const { rows: before } = await app.db.knex.raw(`SELECT version FROM users WHERE username = 'admin'`);
    await signIn('admin');
    await signIn('admin', 'wrong-password-once');
    const { rows: after } = await app.db.knex.raw(`SELECT version FROM users WHERE username = 'admin'`);
    expect(after[0].version).toBe(before[0].version);
  });
});

describe('anonymous access', () => {
  it('is_off_by_default', async () => {
    const res = await getJson(`${app.url}/ogc/collections/cameras/items`);
    expect(res.status).toBe(401);
    expect((await getJson(`${app.url}/ogc/collections`)).body.collections).toEqual([]);
    expect((await fetch(`${app.url}/tiles/buildings/16/52000/30000.mvt`)).status).toBe(401);
  });

  it('published_collections_are_readable_but_not_writable', async () => {
    const open = await startTestApp({ publicCollections: ['public_spaces'] });
    try {
      expect((await getJson(`${open.url}/ogc/collections/public_spaces/items`)).status).toBe(200);
      expect((await getJson(`${open.url}/ogc/collections/cameras/items`)).status).toBe(401);
      const ids = (await getJson(`${open.url}/ogc/collections`)).body.collections.map((c: { id: string }) => c.id);
      expect(ids).toEqual(['public_spaces']);
      const write = await sendJson('POST', `${open.url}/ogc/collections/public_spaces/items`, {});
      expect(write.status).toBe(401);
    } finally {
      await open.close();
    }
  });
});

describe('security headers', () => {
  it('responses_carry_csp_nosniff_and_a_request_id', async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-request-id')).toMatch(/^[\w-]{8,}$/);
  });
});
