/**
 * Accounts, roles and the audit trail in a real headless Chromium against the real server: a wrong password, a
 * viewer without administration, signing out, an administrator managing users and reading the audit trail,
 * markup typed into names shown as text, and an expired session. The tests run in order on one page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import vi from '../../client/src/i18n/vi.json';
import { openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { ACCOUNTS, basicAuth, inputOf, signInThroughUi, submitSignIn, type Account } from './support/accounts.js';
import { cameraFeature } from '../fixtures/features.js';

const baseUrl = inject('baseUrl');
const MARKUP = '<img src=x onerror=alert(1)>';
// Unique per run, so that a reused database (E2E_DATABASE_URL) does not refuse it as taken.
const newUsername = `e2e.${Date.now().toString(36)}`;
const importFile = `audit-${Date.now().toString(36)}.geojson`;
let browser: BrowserSession;
let page: Page;
/** Script dialogs the page opened: an executed `onerror=alert(1)` would land here. */
const dialogs: string[] = [];
let camerasTitle: string;
let camera: { id: string; lon: number; lat: number; name: unknown };

/** An API request from the test itself, signed in with HTTP Basic as GIS tools are. */
async function api(path: string, account: Account, init: RequestInit = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { ...init, headers: { Authorization: basicAuth(account), ...init.headers } });
}

/** Picks `label` in the Element Plus select with the test id. */
async function choose(testId: string, label: string): Promise<void> {
  await page.locator(`[data-testid=${testId}]`).click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
}

/** Lets Element Plus transitions (messages fading in, dropdowns closing) finish before a screenshot. */
const settle = () => page.waitForTimeout(400);

/** Today as the date picker types it (YYYY-MM-DD), in the browser's (and this machine's) time zone. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The users-table row whose first cell is exactly `username`. */
const userRow = (username: string): Locator =>
  page.locator('[data-testid=users-table] .el-table__body tr').filter({
    has: page.locator('td:first-child', { hasText: new RegExp(`^${username.replace(/\./g, '\\.')}$`) }),
  });

/** Renames a camera as the engineer, with the ETag just read; returns the answer's status. */
async function renameCamera(id: string, name: unknown): Promise<number> {
  const read = await api(`/ogc/collections/cameras/items/${id}`, ACCOUNTS.engineer);
  await read.arrayBuffer();
  const res = await api(`/ogc/collections/cameras/items/${id}`, ACCOUNTS.engineer, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/geo+json', 'If-Match': read.headers.get('ETag') ?? '' },
    body: JSON.stringify({ type: 'Feature', properties: { name } }),
  });
  await res.arrayBuffer();
  return res.status;
}

beforeAll(async () => {
  const list = (await (await api('/api/collections', ACCOUNTS.engineer)).json()) as { collections: Array<{ id: string; title: { vi: string } }> };
  camerasTitle = list.collections.find((c) => c.id === 'cameras')!.title.vi;
  const items = (await (await api('/ogc/collections/cameras/items?limit=1&bbox=108.205,16.045,108.235,16.08', ACCOUNTS.engineer)).json()) as {
    features: Array<{ id: string; geometry: { coordinates: [number, number] }; properties: { name?: unknown } }>;
  };
  const f = items.features[0];
  camera = { id: f.id, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], name: f.properties.name ?? null };
  // Before any page loads the cameras: the map must show the new name, and the audit trail list the change.
  expect(await renameCamera(camera.id, MARKUP), 'the engineer may edit cameras').toBe(200);
  // A file import, for the audit trail's import line.
  const staged = await api(`/api/imports?name=${importFile}`, ACCOUNTS.engineer, {
    method: 'POST', headers: { 'Content-Type': 'application/octet-stream' },
    body: JSON.stringify({ type: 'FeatureCollection', features: [cameraFeature({ name: 'Camera nhập từ tệp' }, [108.2201, 16.0612])] }),
  });
  expect(staged.status).toBe(201);
  const committed = await api(`/api/imports/${((await staged.json()) as { id: string }).id}/commit`, ACCOUNTS.engineer, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ collection: 'cameras' }),
  });
  expect(committed.status).toBe(200);
  browser = await openBrowser();
  page = browser.page;
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${baseUrl}/?test`, { waitUntil: 'load' });
});

afterAll(async () => {
  // Leave a reused database as it was found.
  if (camera) await renameCamera(camera.id, camera.name);
  await browser?.close();
});

describe('accounts and roles in a browser', () => {
  it('a_wrong_password_shows_the_error_and_stays_on_the_sign_in_page', async () => {
    await submitSignIn(page, { username: ACCOUNTS.viewer.username, password: 'not-the-password' });
    const error = page.locator('[data-testid=sign-in-error]');
    await error.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await error.getAttribute('data-kind')).toBe('wrongCredentials');
    expect(await error.innerText()).toContain(vi.signIn.errors.wrongCredentials);
    expect(await inputOf(page, 'sign-in-password').inputValue(), 'the password is cleared').toBe('');
    expect(await page.locator('[data-testid=user-menu]').count()).toBe(0);
    await screenshot(page, '10-sign-in-wrong-password');
  });

  it('a_viewer_sees_their_name_and_role_and_no_administration_entry', async () => {
    await signInThroughUi(page, ACCOUNTS.viewer);
    await expect(page.locator('[data-testid=user-role]').getAttribute('data-role')).resolves.toBe('viewer');
    expect((await page.locator('[data-testid=user-role]').innerText()).trim()).toBe(vi.user.roles.viewer);
    expect((await page.locator('[data-testid=user-name]').innerText()).trim()).not.toBe('');
    await page.locator('[data-testid=layer-item-cameras]').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await page.locator('[data-testid=admin-open]').count()).toBe(0);
    await page.evaluate(() => window.__app?.whenRendered());
    await screenshot(page, '11-viewer-signed-in');
  });

  it('signing_out_returns_to_the_sign_in_page_and_ends_the_session', async () => {
    await page.locator('[data-testid=sign-out]').click();
    await page.locator('[data-testid=sign-in-page]').waitFor({ state: 'visible', timeout: 30_000 });
    const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
    expect(session.user).toBeNull();
    expect(await page.locator('[data-testid=sign-in-expired]').count(), 'signing out is not an expiry').toBe(0);
    await screenshot(page, '12-signed-out');
  });

  it('an_admin_creates_a_user_and_a_taken_name_is_refused_under_its_field', async () => {
    await signInThroughUi(page, ACCOUNTS.admin);
    await page.locator('[data-testid=admin-open]').click();
    await page.locator('[data-testid=users-table]').waitFor({ state: 'visible', timeout: 30_000 });
    await userRow('viewer').waitFor({ state: 'visible' });

    await page.locator('[data-testid=users-create]').click();
    const dialog = page.locator('[data-testid=user-create-dialog]');
    await inputOf(page, 'user-form-username').fill('viewer');
    await inputOf(page, 'user-form-display-name').fill(MARKUP);
    await choose('user-form-role', vi.user.roles.planner);
    await inputOf(page, 'user-form-password').fill('planner-e2e-password');
    await page.locator('[data-testid=user-form-save]').click();
    // The server's 409 names the field; the form shows it under the user name.
    await expect.poll(() => dialog.locator('.el-form-item__error').allInnerTexts()).toContain(vi.admin.users.taken);
    await settle();
    await screenshot(page, '13-admin-user-name-taken');

    await inputOf(page, 'user-form-username').fill(newUsername);
    await page.locator('[data-testid=user-form-save]').click();
    const row = userRow(newUsername);
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await row.innerText()).toContain(vi.user.roles.planner);
    // The markup is text: shown literally, no element made of it, no script run.
    expect(await row.locator('[data-testid=user-display-name]').innerText()).toBe(MARKUP);
    expect(await page.locator('[data-testid=users-table] img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await settle();
    await screenshot(page, '14-admin-user-created');
  });

  it('an_admin_changes_the_role_of_the_new_user', async () => {
    await page.locator(`[data-testid=user-edit-${newUsername.replace('.', '\\.')}]`).click();
    await page.locator('[data-testid=user-edit-dialog]').waitFor({ state: 'visible' });
    await choose('user-edit-role', vi.user.roles.engineer);
    await page.locator('[data-testid=user-edit-save]').click();
    await expect.poll(() => userRow(newUsername).innerText()).toContain(vi.user.roles.engineer);
    const users = (await (await api('/api/users', ACCOUNTS.admin)).json()) as { users: Array<{ username: string; role: string; version: number }> };
    const saved = users.users.find((u) => u.username === newUsername)!;
    expect(saved.role).toBe('engineer');
    expect(saved.version, 'the change bumped the version').toBeGreaterThan(1);
  });

  it('the_audit_trail_lists_account_events_filtered_by_action_and_user', async () => {
    await page.locator('#tab-audit').click();
    await page.locator('[data-testid=audit-view]').getByText(vi.admin.audit.events).click();
    const table = page.locator('[data-testid=events-table]');
    await table.waitFor({ state: 'visible', timeout: 30_000 });

    await choose('events-filter-action', vi.admin.audit.actions.user_created);
    await page.locator('[data-testid=events-search]').click();
    // The unfiltered list is on screen first: wait until only the chosen event is listed.
    const actions = () => table.locator('[data-action]').evaluateAll((tags) => [...new Set(tags.map((t) => t.getAttribute('data-action')))]);
    await expect.poll(actions, { timeout: 15_000 }).toEqual(['user_created']);
    expect(await table.locator('[data-testid=event-detail]').allInnerTexts()).toContainEqual(expect.stringContaining(newUsername));

    await inputOf(page, 'events-filter-user').fill(ACCOUNTS.viewer.username);
    await choose('events-filter-action', vi.admin.audit.actions.login_failed);
    await page.locator('[data-testid=events-search]').click();
    await expect.poll(actions, { timeout: 15_000 }).toEqual(['login_failed']);
    for (const row of await table.locator('.el-table__body tr').allInnerTexts()) expect(row).toContain(ACCOUNTS.viewer.username);
    await settle();
    await screenshot(page, '15-audit-events');
  });

  it('the_audit_trail_lists_a_feature_change_filtered_by_layer_operation_date_and_feature', async () => {
    await page.locator('[data-testid=audit-view]').getByText(vi.admin.audit.changes).click();
    const table = page.locator('[data-testid=changes-table]');
    await table.waitFor({ state: 'visible', timeout: 30_000 });

    await inputOf(page, 'changes-filter-user').fill(ACCOUNTS.engineer.username);
    await choose('changes-filter-collection', camerasTitle);
    await choose('changes-filter-operation', vi.admin.audit.operations.update);
    const [start, end] = await page.locator('[data-testid=changes-filter-days] input').all();
    await start.fill(today());
    await end.fill(today());
    await end.press('Enter');
    await inputOf(page, 'changes-filter-feature').fill(camera.id);
    await page.locator('[data-testid=changes-search]').click();

    await expect.poll(() => table.locator('.el-table__body tr').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const rows = await table.locator('.el-table__body tr').allInnerTexts();
    for (const row of rows) {
      expect(row).toContain(camera.id);
      expect(row).toContain(camerasTitle);
      expect(row).toContain(vi.admin.audit.operations.update);
      expect(row).toContain(ACCOUNTS.engineer.username);
    }
    await settle();
    await screenshot(page, '16-audit-changes');
  });

  it('the_audit_trail_lists_a_file_import_as_one_line_with_its_file_and_count', async () => {
    const table = page.locator('[data-testid=changes-table]');
    await inputOf(page, 'changes-filter-feature').fill('');
    await choose('changes-filter-operation', vi.admin.audit.operations.import);
    await page.locator('[data-testid=changes-search]').click();
    const line = table.locator('[data-testid=change-import]', { hasText: importFile });
    await line.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await line.innerText()).toBe(vi.admin.audit.importDetail.replace('{n}', '1').replace('{file}', importFile));
    await settle();
    await screenshot(page, '16b-audit-import');
  });

  it('an_attribute_with_markup_is_shown_as_text_in_the_feature_panel', async () => {
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=admin-drawer]').waitFor({ state: 'hidden' });
    await page.evaluate(([lon, lat]) => window.__app!.setView(lon, lat, 18), [camera.lon, camera.lat]);
    await page.evaluate(() => window.__app!.whenRendered());
    await expect.poll(() => page.evaluate((id) => window.__app!.featurePixel('cameras', id), camera.id), { timeout: 30_000 }).not.toBeNull();
    const pixel = (await page.evaluate((id) => window.__app!.featurePixel('cameras', id), camera.id))!;
    await page.mouse.click(pixel[0], pixel[1]);
    const info = page.locator('[data-testid=feature-info]');
    await info.waitFor({ state: 'visible', timeout: 30_000 });
    // Cameras can share a pole: pick ours among the features under the pointer.
    if ((await page.locator('[data-testid=attr-id] .value').innerText()).trim() !== camera.id) {
      await info.locator('.feature-info__hit', { hasText: MARKUP }).first().click();
    }
    await expect.poll(() => page.locator('[data-testid=attr-name] .value').innerText()).toBe(MARKUP);
    expect(await info.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await screenshot(page, '17-attribute-markup-as-text');
  });

  it('an_expired_session_returns_to_the_sign_in_page_with_a_note', async () => {
    // The server no longer knows the browser: the next API call answers 401.
    await browser.context.clearCookies();
    await page.locator('[data-testid=admin-open]').click();
    await page.locator('[data-testid=sign-in-expired]').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('[data-testid=user-menu]').count()).toBe(0);
    await screenshot(page, '18-session-expired');
    expect(browser.pageErrors).toEqual([]);
  });
});
