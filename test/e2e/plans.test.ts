/**
 * Plans (scenarios) in a real headless Chromium: a planner creates a plan in the UI, puts infrastructure into it
 * (through the API with the browser's own session: drawing is the editing tools' job), sees the change list and
 * the plan drawn over the map, goes back to the baseline and finds it unchanged, and submits the plan; an
 * administrator sees a merge refused because the baseline moved on (in another plan), then approves and merges
 * this one, and the baseline has its changes. The tests run in order on one page, as one visit.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { ACCOUNTS, basicAuth, inputOf, signInThroughUi, type Account } from './support/accounts.js';
import { pageApi } from './support/page-api.js';
import { cameraFeature } from '../fixtures/features.js';

const baseUrl = inject('baseUrl');
// Behind the beach at Mỹ Khê, away from the sample city's cameras, so this test's cameras are the only ones
// under a click.
const SPOT = { lon: 108.2592, lat: 16.058 };
const OLD = [108.2592, 16.0574];
const NEW = [108.2599, 16.0585];
const ADDED_AT = [108.2584, 16.0589];
const RETIRED_AT = [108.2581, 16.0570];
const CONTESTED_AT = [108.2575, 16.0580];
const RUN = Date.now().toString(36);
const PLAN_NAME = `Camera ven biển Mỹ Khê ${RUN}`;

let browser: BrowserSession;
let page: Page;
let planId: string;
const ids = { moveMe: '', retireMe: '', contested: '', added: '', movedCopy: '', retiredCopy: '' };

/** The API as a GIS tool calls it (HTTP Basic), outside the browser. */
async function api(account: Account, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: basicAuth(account), 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const cameraAt = (name: string, coordinates: number[]) => cameraFeature({ name }, coordinates);
const testId = (id: string) => page.locator(`[data-testid=${id}]`);
/** An Element Plus textarea: the test id may sit on the textarea or on its wrapper. */
const textareaOf = (id: string) => page.locator(`textarea[data-testid=${id}], [data-testid=${id}] textarea`).first();
const overlay = () => page.evaluate(() => window.__planOverlay?.snapshot() ?? null);
const loadedCameras = () => page.evaluate(() => window.__app?.loadedFeatureIds('cameras') ?? []);

async function centreMap(lon: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(([x, y, z]) => window.__app!.setView(x, y, z), [lon, lat, zoom]);
  await page.evaluate(() => window.__app!.whenRendered());
}

async function openPlansTab(): Promise<void> {
  await page.locator('#tab-plans').click();
  await testId('plans-panel').waitFor({ state: 'visible' });
}

async function signInAs(account: Account): Promise<void> {
  await signInThroughUi(page, account);
  await page.waitForFunction(() => Boolean(window.__app && window.__planOverlay), undefined, { timeout: 60_000 });
}

/** Takes a review step through its button and the confirmation dialog (with a note when given). */
async function takeStep(step: string, note?: string): Promise<void> {
  await testId(`plan-step-${step}`).click();
  const dialog = page.locator(`[data-testid=plan-step-dialog][data-step=${step}]`);
  await dialog.waitFor({ state: 'visible' });
  if (note) await textareaOf('plan-step-note').fill(note);
  await dialog.locator('[data-testid=plan-step-confirm]').click();
  await dialog.waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  const made = await Promise.all(
    [['Camera E2E di dời', OLD], ['Camera E2E ngừng', RETIRED_AT], ['Camera E2E tranh chấp', CONTESTED_AT]].map(
      ([name, at]) => api(ACCOUNTS.engineer, 'POST', '/ogc/collections/cameras/items', cameraAt(name as string, at as number[])),
    ),
  );
  for (const m of made) expect(m.status).toBe(201);
  [ids.moveMe, ids.retireMe, ids.contested] = made.map((m) => m.body.id as string);
  browser = await openBrowser();
  page = browser.page;
  await page.goto(`${baseUrl}/?test`, { waitUntil: 'load' });
});

afterAll(async () => {
  if (browser) {
    if (browser.pageErrors.length) console.log(`Page errors:\n${browser.pageErrors.join('\n')}`);
    await browser.close();
  }
});

describe('plans in a browser', () => {
  it('a_planner_creates_a_named_plan_and_the_map_says_it_shows_it', async () => {
    await signInAs(ACCOUNTS.planner);
    await openPlansTab();
    await testId('plans-showing-baseline').waitFor({ state: 'visible' });
    expect(await testId('plan-banner').count()).toBe(0);
    await testId('plan-create').click();
    await inputOf(page, 'plan-form-name').fill(PLAN_NAME);
    await textareaOf('plan-form-description').fill('Ba camera giám sát bãi biển; dời một camera, ngừng một camera cũ.');
    await testId('plan-form-save').click();

    await testId('plan-detail').waitFor({ state: 'visible' });
    await expect.poll(() => testId('plan-name').innerText()).toBe(PLAN_NAME);
    await expect.poll(() => testId('plan-banner-name').innerText()).toBe(PLAN_NAME);
    planId = (await testId('plan-banner').getAttribute('data-plan-id'))!;
    expect(planId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.locator('[data-testid=plan-detail] [data-testid=plan-status]').getAttribute('data-status')).toBe('draft');
    await centreMap(SPOT.lon, SPOT.lat, 17);
    await screenshot(page, 'plans-01-new-plan');
  });

  it('infrastructure_put_into_the_plan_is_listed_and_drawn_over_the_baseline', async () => {
    const inPlan = `?scenario=${planId}`;
    const added = await pageApi(page, 'POST', `/ogc/collections/cameras/items${inPlan}`, cameraFeature({ name: 'Camera mới Mỹ Khê', status: 'planned' }, ADDED_AT));
    expect(added.status).toBe(201);
    ids.added = added.body.id;
    const moved = await pageApi(page, 'PATCH', `/ogc/collections/cameras/items/${ids.moveMe}${inPlan}`,
      { type: 'Feature', geometry: { type: 'Point', coordinates: NEW } }, { 'If-Match': '"v1"' });
    expect(moved.status).toBe(201);
    ids.movedCopy = moved.body.id;
    const retired = await pageApi(page, 'DELETE', `/ogc/collections/cameras/items/${ids.retireMe}${inPlan}`, undefined, { 'If-Match': '"v1"' });
    expect(retired.status).toBe(201);
    ids.retiredCopy = retired.body.id;

    await testId('plan-reload').click();
    for (const [kind, count] of [['added', '1'], ['moved', '1'], ['changed', '0'], ['retired', '1']]) {
      await expect.poll(() => testId(`plan-count-${kind}`).getAttribute('data-count'), { message: kind }).toBe(count);
    }
    await expect.poll(() => testId(`plan-change-${ids.movedCopy}`).getAttribute('data-kind')).toBe('moved');
    expect(await testId(`plan-change-${ids.added}`).getAttribute('data-kind')).toBe('added');
    expect(await testId(`plan-change-${ids.retiredCopy}`).getAttribute('data-replaces')).toBe(ids.retireMe);
    expect(await testId('plan-banner-count').getAttribute('data-count')).toBe('3');

    const drawn = (await overlay())!;
    expect(drawn.byKind).toEqual({ added: [ids.added], moved: [ids.movedCopy], changed: [], retired: [ids.retiredCopy] });
    expect(drawn.ghosts).toEqual([ids.moveMe]);
    expect(drawn.hidden.sort()).toEqual([ids.moveMe, ids.retireMe].sort());

    // A change in the list zooms the map to it: old and new position in view.
    await centreMap(108.2, 16.03, 13);
    await testId(`plan-change-${ids.movedCopy}`).click();
    await expect.poll(() => page.evaluate(() => window.__app!.map.getView().getZoom()!), { timeout: 10_000 }).toBeGreaterThan(16);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'plans-02-plan-drawn-over-the-baseline');

    // The plan's own features answer a click like any feature.
    await centreMap(SPOT.lon, SPOT.lat, 17);
    const pixel = (await page.evaluate((id) => window.__planOverlay!.pixelOf(id), ids.added))!;
    await page.mouse.click(pixel[0], pixel[1]);
    await testId('feature-info').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('[data-testid=attr-name] .value').innerText()).toBe('Camera mới Mỹ Khê');
    await screenshot(page, 'plans-03-plan-feature-clicked');
    await testId('feature-info-close').click();
  });

  it('switching_back_to_the_baseline_shows_it_unchanged', async () => {
    await testId('plan-banner-baseline').click();
    await testId('plan-banner').waitFor({ state: 'detached' });
    await testId('plans-showing-baseline').waitFor({ state: 'visible' });
    const drawn = (await overlay())!;
    expect(drawn).toEqual({ byKind: { added: [], moved: [], changed: [], retired: [] }, ghosts: [], hidden: [] });
    await centreMap(SPOT.lon, SPOT.lat, 17);
    await expect.poll(loadedCameras, { timeout: 30_000 }).toEqual(expect.arrayContaining([ids.moveMe, ids.retireMe]));
    expect(await loadedCameras()).not.toContain(ids.added);
    expect(await page.evaluate((id) => window.__app!.featurePixel('cameras', id), ids.moveMe)).not.toBeNull();
    const baseline = await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${ids.moveMe}`);
    expect(baseline.body.geometry.coordinates).toEqual(OLD);
    expect((await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${ids.retireMe}`)).body.properties.status).toBe('existing');
    await screenshot(page, 'plans-04-baseline-unchanged');
  });

  it('the_planner_submits_the_plan_for_review', async () => {
    await testId(`plan-item-${planId}`).click();
    await testId('plan-detail').waitFor({ state: 'visible' });
    await expect.poll(async () => ((await overlay())?.byKind.added ?? []).length).toBe(1);
    expect(await testId('plan-step-approve').count()).toBe(0);
    await takeStep('submit');
    await expect.poll(() => testId('plan-detail').getAttribute('data-status')).toBe('submitted');
    expect(await testId('plan-step-merge').count()).toBe(0);
    await testId('user-menu').locator('[data-testid=sign-out]').click();
  });

  it('an_admin_sees_a_refused_merge_name_the_baseline_features_that_moved_on', async () => {
    const other = await api(ACCOUNTS.admin, 'POST', '/api/scenarios', { name: `Nghiêng camera ${RUN}` });
    const otherId = other.body.id as string;
    await api(ACCOUNTS.admin, 'PATCH', `/ogc/collections/cameras/items/${ids.contested}?scenario=${otherId}`,
      { type: 'Feature', properties: { tilt_deg: 35 } }, { 'If-Match': '"v1"' });
    const submitted = await api(ACCOUNTS.admin, 'POST', `/api/scenarios/${otherId}/submit`, { version: other.body.version });
    await api(ACCOUNTS.admin, 'POST', `/api/scenarios/${otherId}/approve`, { version: submitted.body.version });
    // Meanwhile an engineer changes the baseline camera the plan copied.
    expect((await api(ACCOUNTS.engineer, 'PATCH', `/ogc/collections/cameras/items/${ids.contested}`,
      { type: 'Feature', properties: { tilt_deg: 5 } }, { 'If-Match': '"v1"' })).status).toBe(200);

    await signInAs(ACCOUNTS.admin);
    await openPlansTab();
    await testId(`plan-item-${otherId}`).click();
    await testId('plan-detail').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('[data-testid^=plan-change-][data-conflict=true]').count()).toBe(1);
    await testId('plan-conflict-summary').waitFor({ state: 'visible' });
    await takeStep('merge');
    const listed = testId(`plan-conflict-${ids.contested}`);
    await listed.waitFor({ state: 'visible' });
    expect(await listed.innerText()).toContain('Camera E2E tranh chấp');
    expect(await testId('plan-detail').getAttribute('data-status')).toBe('approved');
    await centreMap(CONTESTED_AT[0], CONTESTED_AT[1], 17);
    await screenshot(page, 'plans-05-merge-refused-baseline-moved-on');
    expect((await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${ids.contested}`)).body.properties.tilt_deg).toBe(5);

    // The way out: return the plan for rework, where the stale change is taken out (and would be made again).
    await takeStep('return', 'Camera đã đổi ở hiện trạng: làm lại thay đổi này.');
    await expect.poll(() => testId('plan-detail').getAttribute('data-status')).toBe('returned');
    const copy = (await page.locator('[data-testid^=plan-change-][data-conflict=true]').getAttribute('data-testid'))!.replace('plan-change-', '');
    await testId(`plan-change-drop-${copy}`).click();
    await testId(`plan-change-drop-confirm-${copy}`).waitFor({ state: 'visible' });
    await screenshot(page, 'plans-06-returned-taking-the-stale-change-out');
    await testId(`plan-change-drop-confirm-${copy}`).locator('[data-testid=plan-change-drop-yes]').click();
    await expect.poll(() => page.locator('[data-testid^=plan-change-][data-kind]').count()).toBe(0);
    expect(await testId('plan-conflict-summary').count()).toBe(0);
    expect(await testId('plan-banner-count').getAttribute('data-count')).toBe('0');
    await testId('plan-back').click();
  });

  it('an_admin_approves_and_merges_the_plan_and_the_baseline_has_its_changes', async () => {
    await testId(`plan-item-${planId}`).click();
    await expect.poll(() => testId('plan-detail').getAttribute('data-status')).toBe('submitted');
    await takeStep('approve', 'Đồng ý, triển khai quý 2/2027.');
    await expect.poll(() => testId('plan-detail').getAttribute('data-status')).toBe('approved');
    await testId('plan-review-note').waitFor({ state: 'visible' });
    await centreMap(SPOT.lon, SPOT.lat, 17);
    await screenshot(page, 'plans-07-approved');

    await takeStep('merge');
    await testId('plan-banner').waitFor({ state: 'detached' });
    await testId('plans-showing-baseline').waitFor({ state: 'visible' });
    await page.locator('.plans__closed .el-collapse-item__header').click();
    await expect.poll(() => page.locator(`[data-testid=plan-closed-${planId}] [data-testid=plan-status]`).getAttribute('data-status')).toBe('merged');

    const moved = await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${ids.moveMe}`);
    expect(moved.body.geometry.coordinates).toEqual(NEW);
    expect(moved.body.properties.scenario_id).toBeNull();
    expect((await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${ids.retireMe}`)).body.properties.status).toBe('decommissioned');
    expect((await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${ids.added}`)).body.properties.scenario_id).toBeNull();
    expect((await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${ids.movedCopy}`)).status).toBe(404);

    // The map reloads the baseline: the added camera is a baseline feature now, the moved one is at its new place.
    await centreMap(SPOT.lon, SPOT.lat, 17);
    await expect.poll(loadedCameras, { timeout: 30_000 }).toEqual(expect.arrayContaining([ids.added, ids.moveMe]));
    const at = await page.evaluate((id) => {
      const layer = window.__app!.map.getAllLayers().find((l) => l.get('collectionId') === 'cameras' && !l.get('clientDrawn'));
      const f = (layer?.getSource() as { getFeatureById?(id: string): { getGeometry(): { getCoordinates(): number[] } } | null })?.getFeatureById?.(id);
      return f?.getGeometry().getCoordinates() ?? null;
    }, ids.moveMe);
    const expected = await page.evaluate(([lon, lat]) => {
      const R = 6378137;
      return [(R * lon * Math.PI) / 180, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
    }, NEW);
    expect(at![0]).toBeCloseTo(expected[0], 0);
    expect(at![1]).toBeCloseTo(expected[1], 0);
    await screenshot(page, 'plans-08-merged-into-the-baseline');
  });

  it('an_admin_discards_the_refused_plan_after_confirming_and_the_baseline_keeps_its_own_change', async () => {
    const contestedPlan = page.locator('[data-testid^=plan-item-]', { hasText: `Nghiêng camera ${RUN}` });
    await contestedPlan.click();
    await testId('plan-detail').waitFor({ state: 'visible' });
    await testId('plan-step-discard').click();
    const dialog = page.locator('[data-testid=plan-step-dialog][data-step=discard]');
    await dialog.waitFor({ state: 'visible' });
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: /Thôi/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await testId('plan-detail').getAttribute('data-status')).toBe('returned');
    await takeStep('discard');
    await testId('plans-showing-baseline').waitFor({ state: 'visible' });
    await expect.poll(() => page.locator('[data-testid^=plan-closed-]', { hasText: `Nghiêng camera ${RUN}` })
      .locator('[data-testid=plan-status]').getAttribute('data-status')).toBe('discarded');
    const contested = await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${ids.contested}`);
    expect(contested.body.properties).toMatchObject({ tilt_deg: 5, scenario_id: null });
    await screenshot(page, 'plans-09-discarded');
    expect(browser.pageErrors).toEqual([]);
  });
});
