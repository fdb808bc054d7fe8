/**
 * Editing inside a plan, through the UI, in a real headless Chromium: a planner (who may not change the baseline's
 * infrastructure) opens a plan in the Plans tab, moves a baseline camera and places a new one with the editing
 * toolbar; the writes go into the plan, its change list and its overlay on the map show both, undo takes the new
 * camera out of the plan again, and the baseline is unchanged. Then a CCTV placement suggestion accepted into the
 * open plan appears in its change list and overlay. One visit, in order.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { ACCOUNTS, basicAuth, inputOf, signInThroughUi, type Account } from './support/accounts.js';
import { pageApi } from './support/page-api.js';
import { cameraFeature } from '../fixtures/features.js';

const baseUrl = inject('baseUrl');
const RUN = Date.now().toString(36);
const PLAN_NAME = `Sửa trong kế hoạch ${RUN}`;

let browser: BrowserSession;
let page: Page;
let planId: string;
/** The baseline camera the planner moves, where it stands, where it goes, and where the new camera goes. */
let baselineId: string;
let oldAt: number[];
let newAt: number[];
let addAt: number[];
const ids = { movedCopy: '', added: '' };

interface Feature {
  id: string;
  geometry: { coordinates: number[] };
  properties: Record<string, unknown>;
}

/** The API as a GIS tool calls it (HTTP Basic), outside the browser. */
async function api(account: Account, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: basicAuth(account), 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A spot near `start` (lon/lat) with no camera within `radiusDeg` (earlier runs and the sample city left some). */
async function freeSpot(start: number[], radiusDeg: number): Promise<number[]> {
  for (let i = 0; i < 25; i++) {
    const spot = [start[0] + 2.2 * radiusDeg * (i % 5), start[1] - 2.2 * radiusDeg * Math.floor(i / 5)];
    const bbox = [spot[0] - radiusDeg, spot[1] - radiusDeg, spot[0] + radiusDeg, spot[1] + radiusDeg].join(',');
    if ((await api(ACCOUNTS.admin, 'GET', `/ogc/collections/cameras/items?bbox=${bbox}`)).body.features.length === 0) return spot;
  }
  throw new Error(`No free spot for a camera near ${start.join(', ')}`);
}

const testId = (id: string) => page.locator(`[data-testid=${id}]`);
const overlay = () => page.evaluate(() => window.__planOverlay?.snapshot() ?? null);
const count = (kind: string) => testId(`plan-count-${kind}`).getAttribute('data-count');

async function centre(lon: number, lat: number, zoom: number): Promise<void> {
  await page.evaluate(([x, y, z]) => window.__app!.setView(x, y, z), [lon, lat, zoom]);
  await page.evaluate(() => window.__app!.whenRendered());
}

async function pixelOf(lonLat: number[]): Promise<[number, number]> {
  const pixel = await page.evaluate(([x, y]) => window.__app!.pixelOf(x, y), lonLat);
  expect(pixel).not.toBeNull();
  return pixel!;
}

/** Presses, drags in small steps (so that the tools see the moves) and releases. */
async function drag(from: number[], to: number[]): Promise<void> {
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down();
  await page.mouse.move(from[0] + (to[0] - from[0]) * 0.1, from[1] + (to[1] - from[1]) * 0.1, { steps: 3 });
  await page.mouse.move(to[0], to[1], { steps: 12 });
  await page.mouse.up();
}

/** The layers the editing toolbar offers (the dropdown is opened and closed again). */
async function editableLayers(): Promise<string[]> {
  await testId('edit-collection').click();
  const options = page.locator('.el-select-dropdown__item[data-testid^=edit-collection-]:visible');
  await options.first().waitFor({ state: 'visible' });
  const list = await options.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('edit-collection-', '')));
  await page.keyboard.press('Escape');
  return list;
}

async function chooseOption(field: string, label: string): Promise<void> {
  await testId(`edit-field-${field}`).click();
  await page.getByRole('option', { name: label, exact: true }).filter({ visible: true }).first().click();
}

function distanceM(a: number[], b: number[]): number {
  return Math.hypot((b[0] - a[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (b[1] - a[1]) * 110_574);
}

beforeAll(async () => {
  // Three free spots in Sơn Trà, ~60 m apart: the baseline camera, where it is moved to, where a new one goes.
  oldAt = await freeSpot([108.2432, 16.0712], 0.0006);
  newAt = [oldAt[0] + 0.0005, oldAt[1]];
  addAt = [oldAt[0], oldAt[1] + 0.0005];
  const made = await api(ACCOUNTS.engineer, 'POST', '/ogc/collections/cameras/items', cameraFeature({ name: `Camera hiện trạng ${RUN}` }, oldAt));
  expect(made.status).toBe(201);
  baselineId = made.body.id;
  const plan = await api(ACCOUNTS.planner, 'POST', '/api/scenarios', { name: PLAN_NAME, description: 'Dời một camera, đặt một camera mới.' });
  expect(plan.status).toBe(201);
  planId = plan.body.id;
  browser = await openBrowser();
  page = browser.page;
  await page.goto(`${baseUrl}/?test`, { waitUntil: 'load' });
});

afterAll(async () => {
  if (!browser) return;
  if (browser.pageErrors.length) console.log(`Page errors:\n${browser.pageErrors.join('\n')}`);
  await browser.close();
});

describe('editing inside a plan in the browser', () => {
  it('a_planner_may_not_edit_cameras_in_the_baseline_but_may_in_an_opened_plan', async () => {
    await signInThroughUi(page, ACCOUNTS.planner);
    await page.waitForFunction(() => Boolean(window.__app && window.__planOverlay), undefined, { timeout: 60_000 });
    await testId('edit-toolbar').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await editableLayers()).not.toContain('cameras');
    const refused = await pageApi(page, 'POST', '/ogc/collections/cameras/items', cameraFeature({ name: 'Không được ghi' }, addAt));
    expect(refused.status).toBe(403);

    await page.locator('#tab-plans').click();
    await testId(`plan-item-${planId}`).click();
    await testId('plan-detail').waitFor({ state: 'visible' });
    await expect.poll(() => testId('plan-banner').getAttribute('data-plan-id')).toBe(planId);
    expect(await editableLayers()).toContain('cameras');
    // Opening the plan made its first layer the toolbar's choice, in place of a baseline layer.
    expect(await testId('edit-toolbar').getAttribute('data-collection')).toBe('cameras');
  });

  it('moving_a_baseline_camera_with_the_move_tool_writes_the_plans_copy_and_the_plan_shows_it_moved', async () => {
    await centre((oldAt[0] + newAt[0]) / 2, oldAt[1] + 0.00025, 18);
    await testId('edit-collection').click();
    await page.locator('.el-select-dropdown__item[data-testid=edit-collection-cameras]').click();
    await testId('edit-tool-move').click();
    await expect.poll(() => page.evaluate((id) => window.__app!.featurePixel('cameras', id), baselineId), { timeout: 20_000 }).not.toBeNull();
    const at = (await page.evaluate((id) => window.__app!.featurePixel('cameras', id), baselineId))!;
    await page.mouse.click(at[0], at[1]);
    const form = page.locator(`[data-testid=edit-form][data-feature-id="${baselineId}"]`);
    await form.waitFor({ state: 'visible', timeout: 20_000 });

    await drag(at, await pixelOf(newAt));
    // Inside a plan, the first change of a baseline feature writes the plan's copy: the editor follows the copy.
    await expect.poll(() => page.locator('[data-testid=edit-form]').getAttribute('data-feature-id'), { timeout: 20_000 }).not.toBe(baselineId);
    ids.movedCopy = (await page.locator('[data-testid=edit-form]').getAttribute('data-feature-id'))!;
    const copy = await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${ids.movedCopy}`);
    expect(copy.body.properties.scenario_id).toBe(planId);
    expect(distanceM((copy.body as Feature).geometry.coordinates, newAt)).toBeLessThan(7);

    // The change list and the overlay follow without a reload.
    await expect.poll(() => count('moved'), { timeout: 20_000 }).toBe('1');
    expect(await testId(`plan-change-${ids.movedCopy}`).getAttribute('data-kind')).toBe('moved');
    await expect.poll(async () => (await overlay())?.byKind.moved).toEqual([ids.movedCopy]);
    expect((await overlay())!.ghosts).toEqual([baselineId]);
    expect((await overlay())!.hidden).toEqual([baselineId]);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'plan-editing-01-baseline-camera-moved-in-plan');
    await testId('edit-form-close').click();
  });

  it('placing_a_camera_with_the_camera_tool_adds_it_to_the_plan_and_its_overlay', async () => {
    await testId('edit-tool-camera').click();
    const from = await pixelOf(addAt);
    await drag(from, [from[0] + 100, from[1]]);
    const form = page.locator('[data-testid=edit-form]');
    await form.waitFor({ state: 'visible' });
    await inputOf(page, 'edit-field-name').fill(`Camera mới trong kế hoạch ${RUN}`);
    await chooseOption('owner', 'Công an');
    await chooseOption('purpose', 'Giao thông');
    await chooseOption('status', 'Quy hoạch');
    await inputOf(page, 'edit-field-mount_height_m').fill('6');
    await inputOf(page, 'edit-field-tilt_deg').fill('15');
    await inputOf(page, 'edit-field-hfov_deg').fill('70');
    await inputOf(page, 'edit-field-resolution_h').fill('1920');
    await inputOf(page, 'edit-field-resolution_v').fill('1080');
    await chooseOption('codec', 'H.265');
    await inputOf(page, 'edit-field-frame_rate').fill('25');
    await inputOf(page, 'edit-field-retention_days').fill('30');
    expect(await page.locator('[data-testid^=edit-error-]').count()).toBe(0);
    await testId('edit-save').click();
    await expect.poll(() => form.getAttribute('data-feature-id'), { timeout: 20_000 }).not.toBe('');
    ids.added = (await form.getAttribute('data-feature-id'))!;

    const saved = await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${ids.added}`);
    expect(saved.body.properties.scenario_id).toBe(planId);
    expect(distanceM((saved.body as Feature).geometry.coordinates, addAt)).toBeLessThan(7);
    await expect.poll(() => count('added'), { timeout: 20_000 }).toBe('1');
    expect(await testId(`plan-change-${ids.added}`).getAttribute('data-kind')).toBe('added');
    expect(await testId('plan-banner-count').getAttribute('data-count')).toBe('2');
    await expect.poll(async () => (await overlay())?.byKind.added).toEqual([ids.added]);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'plan-editing-02-camera-placed-in-plan');
  });

  it('undoing_the_placed_camera_takes_it_out_of_the_plan_and_keeps_the_move', async () => {
    await testId('edit-undo').click();
    await expect.poll(() => count('added'), { timeout: 20_000 }).toBe('0');
    expect(await testId(`plan-change-${ids.added}`).count()).toBe(0);
    expect(await count('moved')).toBe('1');
    await expect.poll(async () => (await overlay())?.byKind.added).toEqual([]);
    expect((await overlay())!.byKind.moved).toEqual([ids.movedCopy]);
    expect((await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${ids.added}`)).status).toBe(404);
    // The editor closed the camera it no longer has.
    expect(await testId('edit-form').count()).toBe(0);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'plan-editing-03-placement-undone');

    // Redo puts the camera back into the plan (not into the baseline), and undo takes it out again.
    await testId('edit-redo').click();
    await expect.poll(() => count('added'), { timeout: 20_000 }).toBe('1');
    await expect.poll(async () => (await overlay())?.byKind.added.length, { timeout: 20_000 }).toBe(1);
    const again = await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${(await overlay())!.byKind.added[0]}`);
    expect(again.body.properties.scenario_id).toBe(planId);
    expect(again.body.properties.name).toBe(`Camera mới trong kế hoạch ${RUN}`);
    expect(distanceM((again.body as Feature).geometry.coordinates, addAt)).toBeLessThan(7);
    await testId('edit-undo').click();
    await expect.poll(() => count('added'), { timeout: 20_000 }).toBe('0');
    expect(await count('moved')).toBe('1');
  });

  it('back_on_the_baseline_the_camera_stands_where_it_stood_and_cameras_are_not_editable', async () => {
    await testId('plan-banner-baseline').click();
    await testId('plan-banner').waitFor({ state: 'detached' });
    // The toolbar's last report spoke of the plan: it gave way to the tool's hint.
    expect(await testId('edit-status').getAttribute('data-tone')).toBe('hint');
    await expect.poll(overlay).toEqual({ byKind: { added: [], moved: [], changed: [], retired: [] }, ghosts: [], hidden: [] });
    const baseline = await api(ACCOUNTS.viewer, 'GET', `/ogc/collections/cameras/items/${baselineId}`);
    expect(baseline.body.geometry.coordinates).toEqual(oldAt);
    expect(baseline.body.properties.version).toBe(1);
    await centre((oldAt[0] + newAt[0]) / 2, oldAt[1] + 0.00025, 18);
    await expect.poll(() => page.evaluate(() => window.__app!.loadedFeatureIds('cameras')), { timeout: 30_000 }).toContain(baselineId);
    const loaded = await page.evaluate(() => window.__app!.loadedFeatureIds('cameras'));
    expect(loaded).not.toContain(ids.movedCopy);
    expect(loaded).not.toContain(ids.added);
    expect(await editableLayers()).not.toContain('cameras');
    await screenshot(page, 'plan-editing-04-baseline-unchanged');
  });

  it('a_cctv_placement_suggestion_accepted_into_the_open_plan_shows_in_its_overlay_and_change_list', async () => {
    await page.locator('#tab-plans').click();
    await testId(`plan-item-${planId}`).click();
    await expect.poll(async () => (await overlay())?.byKind.moved).toEqual([ids.movedCopy]);
    await page.locator('#tab-cctv').click();
    await centre(108.2205, 16.0675, 17.2);
    await page.locator('[data-testid=cctv-placement-k] input').fill('1');
    await page.locator('[data-testid=cctv-placement-run]').click();
    const progress = page.locator('[data-testid=cctv-placement] [data-testid=job-progress]');
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 240_000, interval: 1000 }).toBe('successful');
    // The plan is open: the suggestion goes into it without asking which plan.
    await testId('cctv-suggestion-accept-1').click();
    await testId('cctv-suggestion-accepted-1').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await testId('cctv-plan-dialog').isVisible()).toBe(false);
    const changes = (await api(ACCOUNTS.planner, 'GET', `/api/scenarios/${planId}`)).body.changes as { id: string; kind: string }[];
    const added = changes.filter((c) => c.kind === 'added').map((c) => c.id);
    expect(added).toHaveLength(1);
    // The map's overlay and the banner follow at once, and so does the change list.
    await expect.poll(async () => (await overlay())?.byKind.added, { timeout: 20_000 }).toEqual(added);
    expect(await testId('plan-banner-count').getAttribute('data-count')).toBe('2');
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'plan-editing-05-suggestion-accepted-into-plan');
    await page.locator('#tab-plans').click();
    await expect.poll(() => count('added')).toBe('1');
    expect(await testId(`plan-change-${added[0]}`).getAttribute('data-kind')).toBe('added');
    expect(browser.pageErrors).toEqual([]);
  });
});
