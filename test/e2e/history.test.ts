/**
 * A feature's history in a real headless Chromium: a camera changed twice is opened from the map, its three
 * versions are listed with who and when, a version is compared with the one before and with the current one,
 * reverted (the count goes up), and a revert over someone else's change is refused with an offer to reload.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { ACCOUNTS, basicAuth, signInThroughUi } from './support/accounts.js';
import { cameraFeature } from '../fixtures/features.js';

const baseUrl = inject('baseUrl');
const NAME = `Camera lịch sử ${Date.now().toString(36)}`;
const RENAMED = `${NAME} (đã dời)`;
// South of the plans test's spot, behind the beach at Mỹ Khê.
const FIRST_AT = [108.2586, 16.0546];
const MOVED_TO = [108.2589, 16.0549];

let browser: BrowserSession;
let page: Page;
let cameraId: string;
const itemUrl = () => `/ogc/collections/cameras/items/${cameraId}`;

/** The API as the engineer's GIS tool calls it (HTTP Basic), outside the browser. */
async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: basicAuth(ACCOUNTS.engineer), 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const testId = (id: string) => page.locator(`[data-testid=${id}]`);
const versionCount = () => testId('history-count').getAttribute('data-count');

/** Clicks the camera on the map and makes it the feature-info panel's selection. */
async function openCameraInfo(): Promise<void> {
  await page.evaluate(([lon, lat]) => window.__app!.setView(lon, lat, 18), FIRST_AT);
  await expect.poll(() => page.evaluate((id) => window.__app!.featurePixel('cameras', id), cameraId), { timeout: 30_000 }).not.toBeNull();
  const pixel = (await page.evaluate((id) => window.__app!.featurePixel('cameras', id), cameraId))!;
  await page.mouse.click(pixel[0], pixel[1]);
  await testId('feature-info').waitFor({ state: 'visible' });
  // Another camera may share the spot: pick ours among the hits.
  if ((await page.locator('[data-testid=attr-id] .value').innerText()).trim() !== cameraId) {
    await page.locator('.feature-info__hit', { hasText: NAME }).first().click();
  }
  await expect.poll(async () => (await page.locator('[data-testid=attr-id] .value').innerText()).trim()).toBe(cameraId);
}

beforeAll(async () => {
  const created = await api('POST', '/ogc/collections/cameras/items', cameraFeature({ name: NAME, heading_deg: 90 }, FIRST_AT));
  expect(created.status).toBe(201);
  cameraId = created.body.id;
  expect((await api('PATCH', itemUrl(), { type: 'Feature', properties: { heading_deg: 180 } }, { 'If-Match': '"v1"' })).status).toBe(200);
  expect((await api('PATCH', itemUrl(), { type: 'Feature', geometry: { type: 'Point', coordinates: MOVED_TO }, properties: { name: RENAMED } },
    { 'If-Match': '"v2"' })).status).toBe(200);
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

describe('feature history in a browser', () => {
  it('a_feature_changed_twice_lists_three_versions_with_who_and_when', async () => {
    await signInThroughUi(page, ACCOUNTS.engineer);
    await page.waitForFunction(() => Boolean(window.__app), undefined, { timeout: 60_000 });
    await openCameraInfo();
    await testId('feature-history-open').click();
    await testId('history-panel').waitFor({ state: 'visible' });
    await expect.poll(versionCount).toBe('3');
    for (const [index, version, operation] of [[0, '1', 'insert'], [1, '2', 'update'], [2, '3', 'update']] as const) {
      const row = testId(`history-version-${index}`);
      expect(await row.getAttribute('data-version')).toBe(version);
      expect(await row.getAttribute('data-operation')).toBe(operation);
      expect(await row.innerText()).toContain('engineer');
    }
    // The newest is selected: it renamed and moved the camera.
    await expect.poll(() => testId('history-diff').getAttribute('data-version')).toBe('3');
    expect(await testId('history-diff-name').innerText()).toContain(RENAMED);
    expect(await testId('history-diff-heading_deg').count()).toBe(0);
    expect(await testId('history-geometry').getAttribute('data-changed')).toBe('true');
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'history-01-three-versions');
  });

  it('a_version_is_compared_with_the_one_before_and_with_the_current_one', async () => {
    await testId('history-version-1').click();
    await expect.poll(() => testId('history-diff').getAttribute('data-version')).toBe('2');
    const turned = await testId('history-diff-heading_deg').innerText();
    expect(turned).toMatch(/90[\s\S]*180/);
    expect(await testId('history-geometry').getAttribute('data-changed')).toBe('false');

    await page.locator('[data-testid=history-compare] .el-segmented__item').nth(1).click();
    await expect.poll(() => testId('history-diff-name').count()).toBe(1);
    expect(await testId('history-diff-heading_deg').count()).toBe(0);
    expect(await testId('history-geometry').getAttribute('data-changed')).toBe('true');
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'history-02-against-the-current-version');
    await page.locator('[data-testid=history-compare] .el-segmented__item').nth(0).click();
  });

  it('reverting_to_the_first_version_writes_a_new_version', async () => {
    await testId('history-version-0').click();
    await testId('history-revert').click();
    await testId('history-revert-dialog').waitFor({ state: 'visible' });
    await testId('history-revert-confirm').click();
    await testId('history-reverted').waitFor({ state: 'visible' });
    await expect.poll(versionCount).toBe('4');
    const now = await api('GET', itemUrl());
    expect(now.body.properties).toMatchObject({ name: NAME, heading_deg: 90, version: 4 });
    expect(now.body.geometry.coordinates).toEqual(FIRST_AT);
    await expect.poll(() => page.locator('[data-testid=attr-name] .value').innerText()).toBe(NAME);
    // The camera layer reloads: the camera is drawn at its first position again.
    await expect.poll(() => page.evaluate(() => window.__app!.loadedFeatureIds('cameras')), { timeout: 30_000 }).toContain(cameraId);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'history-03-reverted');
  });

  it('a_revert_over_someone_elses_change_is_refused_with_an_offer_to_reload', async () => {
    expect((await api('PATCH', itemUrl(), { type: 'Feature', properties: { tilt_deg: 25 } }, { 'If-Match': '"v4"' })).status).toBe(200);
    await testId('history-version-1').click();
    await testId('history-revert').click();
    await testId('history-revert-confirm').click();
    await testId('history-stale').waitFor({ state: 'visible' });
    expect(await versionCount()).toBe('4');
    expect((await api('GET', itemUrl())).body.properties).toMatchObject({ tilt_deg: 25, version: 5, heading_deg: 90 });
    await screenshot(page, 'history-04-someone-else-changed-it');
    await testId('history-reload').click();
    await expect.poll(versionCount).toBe('5');
    expect(await testId('history-stale').count()).toBe(0);
    await testId('history-close').click();
    await testId('history-panel').waitFor({ state: 'detached' });
    expect(browser.pageErrors).toEqual([]);
  });
});
