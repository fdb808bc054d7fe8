/**
 * The CCTV architecture tab in a real Chromium against the real server and the sample city: a network engineer
 * runs the stream-load analysis on the baseline, then on a plan that adds 4K cameras behind one access node,
 * sees the access link overloaded in red on the map and at the top of the worst links, and opens the tier diagram.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { ACCOUNTS, basicAuth, signInThroughUi } from './support/accounts.js';

const baseUrl = inject('baseUrl');
const user = ACCOUNTS.engineer;
let browser: BrowserSession;
let page: Page;
let plan: { id: string; name: string };
let accessNode: { id: string; name: string };
let spurId: string;
let unattached: string;
/** 4K MJPEG at 30 fps from the bitrate table: 3840 × 2160 × 30 × 0.5 bit = 124.416 Mbit/s each. */
const ADDED = 85;
const ADDED_MBPS = ADDED * 124.416;

interface Feature { id: string; geometry: { coordinates: number[] | number[][] }; properties: Record<string, any> }

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: basicAuth(user), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  expect(res.status, `${method} ${path}: ${res.status}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** Links the stream-load layer on the map shows at a level. */
const mapLinksAt = (level: string) => page.evaluate((lvl) => {
  const layer = window.__app!.map.getLayers().getArray().find((l) => l.get('streamLoad')) as unknown as { getSource(): { getFeatures(): { get(k: string): unknown; getId(): unknown }[] } } | undefined;
  if (!layer) return null;
  return layer.getSource().getFeatures().filter((f) => f.get('streamLoadKind') === 'link' && f.get('level') === lvl).map((f) => String(f.getId()));
}, level);

const shownMbps = async () => Number(await page.locator('[data-testid=total-bandwidth]').getAttribute('data-mbps'));

async function runOn(optionTestId: string, expectedTarget: string): Promise<void> {
  await page.locator('[data-testid=architecture-target]').click();
  await page.locator(`[data-testid=${optionTestId}]`).click();
  await page.locator('[data-testid=architecture-run]').click();
  await expect.poll(() => page.locator('[data-testid=architecture-ran-on]').getAttribute('data-target'), { timeout: 60_000 }).toBe(expectedTarget);
  await expect.poll(() => page.locator('[data-testid=architecture-run]').getAttribute('class')).not.toContain('is-loading');
}

beforeAll(async () => {
  // The plan: 85 4K MJPEG cameras (no bitrate of their own: the table gives it) at one access node of a 10 Gbit/s spur.
  const links = (await api<{ features: Feature[] }>('GET', '/ogc/collections/man_links/items?limit=1000')).features;
  const nodes = (await api<{ features: Feature[] }>('GET', '/ogc/collections/man_nodes/items?limit=1000')).features;
  const access = nodes.filter((n) => n.properties.kind === 'access' && n.properties.status === 'existing');
  const spurOf = (n: Feature) => links.filter((l) => [l.properties.from_node_id, l.properties.to_node_id].includes(n.id));
  const chosen = access.find((n) => spurOf(n).length === 1 && spurOf(n)[0].properties.status === 'existing' && spurOf(n)[0].properties.capacity_gbps === 10)!;
  accessNode = { id: chosen.id, name: chosen.properties.name };
  spurId = spurOf(chosen)[0].id;
  plan = await api('POST', '/api/scenarios', { name: `Sự kiện pháo hoa ${Date.now()}` });
  const [lon, lat] = chosen.geometry.coordinates as number[];
  for (let i = 0; i < ADDED; i++) {
    await api('POST', `/ogc/collections/cameras/items?scenario=${plan.id}`, {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lon + 0.0001 * (i % 10), lat + 0.0001 * Math.floor(i / 10)] },
      properties: {
        name: `Camera sự kiện ${i + 1}`, owner: 'police', purpose: 'security', status: 'planned', mount_height_m: 8,
        heading_deg: (i * 37) % 360, tilt_deg: 15, hfov_deg: 90, resolution_h: 3840, resolution_v: 2160, codec: 'MJPEG',
        frame_rate: 30, retention_days: 30, man_node_id: chosen.id,
      },
    });
  }
  // And one camera nobody attached to the network: listed as a problem, the rest still computed.
  unattached = (await api<{ id: string }>('POST', `/ogc/collections/cameras/items?scenario=${plan.id}`, {
    type: 'Feature', geometry: { type: 'Point', coordinates: [lon - 0.001, lat] },
    properties: {
      name: 'Camera chưa đấu nối', owner: 'ward', purpose: 'security', status: 'planned', mount_height_m: 6, heading_deg: 0,
      tilt_deg: 10, hfov_deg: 90, resolution_h: 1920, resolution_v: 1080, codec: 'H.265', frame_rate: 25, retention_days: 30,
    },
  })).id;
  browser = await openBrowser({ width: 1500, height: 950 });
  page = browser.page;
  await page.goto(`${baseUrl}/?test`, { waitUntil: 'load' });
  await signInThroughUi(page, user);
  await page.waitForFunction(() => Boolean(window.__app), undefined, { timeout: 60_000 });
});

afterAll(async () => {
  await browser?.close();
});

describe('the CCTV architecture tab', () => {
  let baselineMbps: number;

  it('an_engineer_runs_the_stream_load_on_the_baseline_and_sees_the_links_on_the_map', async () => {
    await page.locator('#tab-architecture').click();
    await page.locator('[data-testid=architecture-panel]').waitFor({ state: 'visible', timeout: 30_000 });
    await runOn('architecture-target-baseline', 'baseline');
    baselineMbps = await shownMbps();
    const direct = await api<{ totals: { routedMbps: number; links: { inService: number } } }>('POST', '/ogc/processes/stream-load/execution', { inputs: {} });
    expect(baselineMbps).toBe(direct.totals.routedMbps);
    const drawn = await page.evaluate(() => {
      const layer = window.__app!.map.getLayers().getArray().find((l) => l.get('streamLoad')) as unknown as { getSource(): { getFeatures(): unknown[] } };
      return layer.getSource().getFeatures().length;
    });
    expect(drawn).toBeGreaterThan(direct.totals.links.inService);
    // The data centre's 170 TB cannot keep every camera's recordings: the storage is flagged.
    expect(await page.locator('[data-testid=total-storage]').getAttribute('data-level')).toBe('over');
    await page.evaluate(() => window.__app!.setView(108.2, 16.05, 12));
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, '20-architecture-baseline');
  });

  it('a_plan_that_adds_cameras_raises_the_load_and_its_overloaded_link_is_flagged_red_on_the_map', async () => {
    await runOn(`architecture-target-${plan.id}`, plan.name);
    expect(await shownMbps()).toBeCloseTo(baselineMbps + ADDED_MBPS, 1);
    await expect.poll(() => mapLinksAt('over')).toContain(spurId);
    expect(Number(await page.locator('[data-testid=total-links]').getAttribute('data-over'))).toBeGreaterThanOrEqual(1);
    // The most loaded link heads the table, in red, and a click shows it on the map.
    const first = page.locator('[data-testid=worst-links] [data-testid^=worst-link-]').first();
    expect(await first.getAttribute('data-level')).toBe('over');
    expect(await first.getAttribute('data-testid')).toBe(`worst-link-${spurId}`);
    expect(await first.innerText()).toContain(accessNode.name);
    await first.click();
    await page.waitForTimeout(500);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, '21-architecture-plan-overloaded-link');
  });

  it('the_camera_without_a_man_node_is_listed_with_its_reason', async () => {
    // The e2e files share one server: cameras that earlier files drew or imported without a MAN node are listed
    // too, so the test looks for its own camera among them.
    const problems = page.locator('[data-testid=problem-cameras]');
    expect(Number(await problems.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    const row = page.locator(`[data-testid=problem-${unattached}]`);
    // The list shows ten a page: turn pages until this test's camera is on screen.
    for (let turns = 0; (await row.count()) === 0 && turns < 20; turns++) {
      await problems.locator('.el-pagination .btn-next').click();
    }
    expect(await row.getAttribute('data-reason')).toBe('no_man_node');
    expect(await row.innerText()).toBe('Camera chưa đấu nối');
    await problems.scrollIntoViewIfNeeded();
    await screenshot(page, '23-architecture-problem-cameras');
  });

  it('the_tier_diagram_shows_cameras_mbit_s_and_storage_from_the_groups_to_the_data_centre', async () => {
    await page.locator('[data-testid=tiers-open]').click();
    const drawer = page.locator('[data-testid=tier-drawer]');
    await drawer.waitFor({ state: 'visible' });
    const rows = page.locator('[data-testid=tier-table] tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    const tiers = await page.locator('[data-testid=tier-table] [data-tier]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tier')));
    expect(tiers).toEqual(['data_centre', 'core', 'aggregation', 'access', 'cameras']);
    const routed = Number(await page.locator('[data-testid=total-cameras]').getAttribute('data-count'));
    const cameraCells = await rows.evaluateAll((trs) => trs.map((tr) => Number((tr.children[2] as HTMLElement).innerText.replace(/\D/g, ''))));
    expect(cameraCells).toEqual([routed, routed, routed, routed, routed]);
    await page.locator('[data-testid=tier-chart] canvas').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(800);
    await screenshot(page, '22-architecture-tier-diagram');
    expect(browser.pageErrors).toEqual([]);
  });
});
