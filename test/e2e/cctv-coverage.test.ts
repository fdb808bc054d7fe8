/**
 * The CCTV analysis tab in a real Chromium against the real server with the sample city, as the demo network
 * engineer: a camera's zones clipped by a building, dragging its heading, the city coverage job with its
 * progress bar and blind-spot layer, and a placement suggestion accepted into a new plan. One visit, in order.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { ACCOUNTS, basicAuth, signInThroughUi } from './support/accounts.js';

const baseUrl = inject('baseUrl');
const user = ACCOUNTS.engineer;
let browser: BrowserSession;
let page: Page;

interface Zones {
  features: { properties: { level: string; area_m2: number; nominal_area_m2: number }; geometry: { coordinates: number[][][][] } }[];
}
interface ViewAnswer {
  zones: Zones;
  camera: { lon: number; lat: number; heading_deg: number };
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: basicAuth(user), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return (await res.json()) as T;
}

const webMercator = (lon: number, lat: number): [number, number] => {
  const R = 6378137;
  return [(R * lon * Math.PI) / 180, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
};

async function pagePixelOf(lon: number, lat: number): Promise<[number, number]> {
  return page.evaluate(([x, y]) => {
    const map = window.__app!.map;
    const pixel = map.getPixelFromCoordinate([x, y])!;
    const box = map.getTargetElement()!.getBoundingClientRect();
    return [box.left + pixel[0], box.top + pixel[1]] as [number, number];
  }, webMercator(lon, lat));
}

/** Bearing (° from north) from the camera to the area-weighted middle of its zones' outer rings. */
function zonesBearing(zones: Zones, lon: number, lat: number): number {
  let sx = 0, sy = 0;
  const k = Math.cos((lat * Math.PI) / 180);
  for (const f of zones.features) {
    for (const polygon of f.geometry.coordinates) {
      for (const [x, y] of polygon[0]) {
        sx += (x - lon) * k;
        sy += y - lat;
      }
    }
  }
  return ((Math.atan2(sx, sy) * 180) / Math.PI + 360) % 360;
}

const angleBetween = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);

/** A camera of the urban core whose view a building cuts by a good share (found through the API). */
async function cameraClippedByBuilding(): Promise<{ id: string; view: ViewAnswer }> {
  const list = await api<{ features: { id: string; properties: { owner: string } }[] }>('GET', '/ogc/collections/cameras/items?bbox=108.205,16.045,108.235,16.08&limit=150&status=existing');
  for (const f of list.features.filter((c) => c.properties.owner !== 'resident')) {
    const view = await api<ViewAnswer>('POST', '/ogc/processes/camera-view/execution', { inputs: { camera: f.id } });
    const seen = view.zones.features.reduce((s, z) => s + z.properties.area_m2, 0);
    const nominal = view.zones.features.reduce((s, z) => s + z.properties.nominal_area_m2, 0);
    if (nominal > 400 && seen < 0.8 * nominal && seen > 0.3 * nominal) return { id: f.id, view };
  }
  throw new Error('no camera in the core has a view cut by a building');
}

beforeAll(async () => {
  browser = await openBrowser();
  page = browser.page;
  await page.goto(`${baseUrl}/?test`, { waitUntil: 'load' });
  await signInThroughUi(page, user);
  await page.waitForFunction(() => Boolean(window.__app), undefined, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
});

describe('the CCTV analysis tab', () => {
  let camera: { id: string; view: ViewAnswer };

  it('selecting_a_camera_shows_its_zones_clipped_by_a_building', async () => {
    camera = await cameraClippedByBuilding();
    await page.locator('#tab-cctv').click();
    await page.locator('[data-testid=cctv-panel]').waitFor({ state: 'visible', timeout: 30_000 });
    await page.evaluate(([lon, lat]) => window.__app!.setView(lon, lat, 18.5), [camera.view.camera.lon, camera.view.camera.lat]);
    await page.evaluate(() => window.__app!.whenRendered());
    await expect.poll(() => page.evaluate((id) => window.__app!.featurePixel('cameras', id), camera.id), { timeout: 30_000 }).not.toBeNull();
    const pixel = (await page.evaluate((id) => window.__app!.featurePixel('cameras', id), camera.id))!;
    await page.mouse.click(pixel[0], pixel[1]);
    const zones = page.locator('[data-testid=cctv-zones]');
    await expect.poll(() => zones.getAttribute('data-count'), { timeout: 30_000 }).toMatch(/^[1-9]/);
    const hidden = Number(await page.locator('[data-testid=cctv-hidden]').getAttribute('data-percent'));
    expect(hidden, 'share of the zones hidden by buildings').toBeGreaterThanOrEqual(20);
    const drawn = (await page.evaluate(() => window.__cctv!.zones!())) as Zones;
    expect(drawn.features.length).toBe(camera.view.zones.features.length);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'cctv-01-camera-zones-clipped');
    expect(browser.pageErrors).toEqual([]);
  });

  it('dragging_the_heading_handle_turns_the_zones_live', async () => {
    const { lon, lat, heading_deg: from } = camera.view.camera;
    const requestsBefore = await page.evaluate(() => window.__cctv!.requests!());
    const handle = (await page.evaluate(() => window.__cctv!.handle!()))!;
    const [hx, hy] = await pagePixelOf(handle[0], handle[1]);
    const [cx, cy] = await pagePixelOf(lon, lat);
    const r = Math.hypot(hx - cx, hy - cy);
    await page.mouse.move(hx, hy);
    await page.mouse.down();
    // A quarter turn clockwise in 12 steps, pausing so that answers arrive while dragging.
    for (let step = 1; step <= 12; step++) {
      const a = ((from + (90 * step) / 12) * Math.PI) / 180;
      await page.mouse.move(cx + r * Math.sin(a), cy - r * Math.cos(a));
      await page.waitForTimeout(120);
    }
    await page.mouse.up();
    const target = (from + 90) % 360;
    await expect.poll(async () => angleBetween(Number(await page.locator('[data-testid=cctv-heading]').getAttribute('data-heading')), target), { timeout: 10_000 }).toBeLessThan(3);
    await expect.poll(async () => {
      const zones = (await page.evaluate(() => window.__cctv!.zones!())) as Zones;
      return angleBetween(zonesBearing(zones, lon, lat), target);
    }, { timeout: 15_000 }).toBeLessThan(25);
    const requestsAfter = await page.evaluate(() => window.__cctv!.requests!());
    expect(requestsAfter - requestsBefore, 'zones recomputed while dragging').toBeGreaterThanOrEqual(3);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'cctv-02-heading-dragged');
  });

  it('runs_the_city_coverage_with_a_progress_bar_and_opens_the_blind_spot_layer', async () => {
    await page.locator('[data-testid=cctv-coverage-run]').click();
    const progress = page.locator('[data-testid=cctv-coverage] [data-testid=job-progress]');
    const bar = page.locator('[data-testid=cctv-coverage] [role=progressbar]');
    // Watch the bar until the job ends; keep a picture of it part-way.
    const seen: { status: string | null; value: number }[] = [];
    for (let i = 0; i < 1200; i++) {
      const status = await progress.getAttribute('data-status').catch(() => null);
      const value = Number(await bar.getAttribute('aria-valuenow').catch(() => 0));
      seen.push({ status, value });
      if (status === 'running' && value > 0 && value < 100 && !seen.slice(0, -1).some((x) => x.status === 'running' && x.value > 0 && x.value < 100)) {
        await screenshot(page, 'cctv-03-coverage-running');
      }
      if (status === 'successful' || status === 'failed') break;
      await page.waitForTimeout(200);
    }
    expect(seen.at(-1)!.status).toBe('successful');
    expect(seen.some((x) => x.status === 'running' && x.value > 0 && x.value < 100), 'the bar moved while the job ran').toBe(true);
    const pct = Number(await page.locator('[data-testid=cctv-run-baseline] [data-testid=cctv-road-observation]').getAttribute('data-pct'));
    expect(pct).toBeGreaterThan(0);
    expect(pct).toBeLessThan(100);
    await page.locator('[data-testid=cctv-blind-toggle]').click();
    await expect.poll(() => page.evaluate(() => window.__cctv!.blindSpots!()), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.evaluate(() => window.__app!.setView(108.222, 16.065, 15.5));
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'cctv-04-blind-spots');
    await page.locator('[data-testid=cctv-tables-open]').click();
    await page.locator('[data-testid=cctv-table-roads] .el-table__row').first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.getByRole('tab', { name: /phường|ward/i }).click();
    await page.locator('[data-testid=cctv-table-wards] .el-table__row').first().waitFor({ state: 'visible', timeout: 10_000 });
    await screenshot(page, 'cctv-05-coverage-tables');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=cctv-tables]').waitFor({ state: 'hidden', timeout: 10_000 });
  });

  it('suggests_camera_positions_and_accepts_one_into_a_new_plan', async () => {
    await page.locator('[data-testid=cctv-blind-toggle]').click();
    await page.evaluate(() => window.__app!.setView(108.2205, 16.0675, 17.2));
    await page.evaluate(() => window.__app!.whenRendered());
    await page.locator('[data-testid=cctv-placement-k] input').fill('3');
    await page.locator('[data-testid=cctv-placement-run]').click();
    const progress = page.locator('[data-testid=cctv-placement] [data-testid=job-progress]');
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 240_000, interval: 1000 }).toBe('successful');
    const first = page.locator('[data-testid=cctv-suggestion-1]');
    await first.waitFor({ state: 'visible' });
    const gains = await page.locator('[data-testid^=cctv-suggestion-][data-gain]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-gain'))));
    expect(gains.length).toBeGreaterThan(0);
    expect(gains[0]).toBeGreaterThan(0);
    expect([...gains].sort((a, b) => b - a)).toEqual(gains);
    expect(await page.evaluate(() => window.__cctv!.suggestions!())).toBe(gains.length);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'cctv-06-suggestions');

    await page.locator('[data-testid=cctv-suggestion-accept-1]').click();
    const dialog = page.locator('[data-testid=cctv-plan-dialog]');
    await dialog.waitFor({ state: 'visible' });
    const planName = `Camera đề xuất e2e ${Date.now()}`;
    await page.locator('[data-testid=cctv-plan-name] input, input[data-testid=cctv-plan-name]').first().fill(planName);
    await page.locator('[data-testid=cctv-plan-confirm]').click();
    await page.locator('[data-testid=cctv-suggestion-accepted-1]').waitFor({ state: 'visible', timeout: 15_000 });
    const plans = await api<{ scenarios: { id: string; name: string }[] }>('GET', '/api/scenarios');
    const plan = plans.scenarios.find((p) => p.name === planName)!;
    const changes = await api<{ changes: { collection: string; kind: string }[] }>('GET', `/api/scenarios/${plan.id}`);
    expect(changes.changes).toEqual([expect.objectContaining({ collection: 'cameras', kind: 'added' })]);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'cctv-07-suggestion-accepted');
    expect(browser.pageErrors).toEqual([]);
  });

  it('compares_the_plan_with_the_baseline_side_by_side', async () => {
    // Accepting made the new plan the active one: the coverage runs on it, compared with the baseline.
    await expect.poll(() => page.locator('[data-testid=cctv-coverage-plan]').innerText()).toContain('Camera đề xuất e2e');
    await page.locator('[data-testid=cctv-coverage-compare]').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'Hiện trạng' }).click();
    await page.locator('[data-testid=cctv-coverage-run]').click();
    const progress = page.locator('[data-testid=cctv-coverage] [data-testid=job-progress]');
    await expect.poll(() => progress.getAttribute('data-status'), { timeout: 240_000, interval: 1000 }).toBe('successful');
    await page.locator('[data-testid=cctv-run-baseline]').waitFor({ state: 'visible' });
    const planRun = page.locator('[data-testid^=cctv-run-]:not([data-testid=cctv-run-baseline])');
    const recognition = async (run: typeof planRun) => Number(await run.locator('[data-testid=cctv-road-recognition]').getAttribute('data-pct'));
    expect(await recognition(planRun)).toBeGreaterThanOrEqual(await recognition(page.locator('[data-testid=cctv-run-baseline]')));
    await page.locator('[data-testid=cctv-tables-open]').click();
    await page.getByRole('tab', { name: /so sánh|comparison/i }).click();
    const camerasRow = page.locator('[data-testid=cctv-table-comparison] .el-table__row').first();
    await camerasRow.waitFor({ state: 'visible', timeout: 10_000 });
    await expect(camerasRow.innerText()).resolves.toMatch(/camera/i);
    await screenshot(page, 'cctv-08-plan-vs-baseline');
    await page.keyboard.press('Escape');
  });
});
