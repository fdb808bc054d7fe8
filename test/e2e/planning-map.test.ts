/**
 * The planning map in a real headless Chromium, against the real server with the sample city: what a city staff
 * member (the demo network engineer) sees on signing in. The tests run in order on one page, as one visit.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { ACCOUNTS, basicAuth, fillSignIn } from './support/accounts.js';
import { DRAGON_BRIDGE } from '../fixtures/features.js';

interface CollectionInfo {
  id: string;
  group: string;
  title: { vi: string; en: string };
}

const baseUrl = inject('baseUrl');
const user = ACCOUNTS.engineer;
let browser: BrowserSession;
let page: Page;
let collections: CollectionInfo[];

/** Web Mercator (EPSG:3857) metres of a WGS 84 position, the map's own coordinates. */
function webMercator(lonDeg: number, latDeg: number): [number, number] {
  const R = 6378137;
  return [(R * lonDeg * Math.PI) / 180, R * Math.log(Math.tan(Math.PI / 4 + (latDeg * Math.PI) / 360))];
}

/** Reads the API from the test itself, signed in with HTTP Basic as GIS tools are. */
async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { Authorization: basicAuth(user) } });
  expect(res.status, `GET ${path}`).toBe(200);
  return (await res.json()) as T;
}

/** Page pixel (for page.mouse) of a map coordinate in EPSG:3857. */
async function pagePixelOf(coordinate: [number, number]): Promise<[number, number]> {
  return page.evaluate(([x, y]) => {
    const map = window.__app!.map;
    const pixel = map.getPixelFromCoordinate([x, y])!;
    const box = map.getTargetElement()!.getBoundingClientRect();
    return [box.left + pixel[0], box.top + pixel[1]] as [number, number];
  }, coordinate);
}

async function centreMap(lonDeg: number, latDeg: number, zoom: number): Promise<void> {
  await page.evaluate(([lon, lat, z]) => window.__app!.setView(lon, lat, z), [lonDeg, latDeg, zoom]);
  await page.evaluate(() => window.__app!.whenRendered());
}

beforeAll(async () => {
  collections = (await getJson<{ collections: CollectionInfo[] }>('/api/collections')).collections;
  browser = await openBrowser();
  page = browser.page;
  // `?test` installs window.__app in the production build of the client.
  await page.goto(`${baseUrl}/?test`, { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
});

describe('the planning map in a browser', () => {
  it('signing_in_with_the_form_opens_the_map_with_the_user_and_role', async () => {
    // Nothing is readable anonymously by default: the app opens on the sign-in page.
    await fillSignIn(page, user);
    await screenshot(page, '00-sign-in');
    await page.locator('[data-testid=sign-in-submit]').click();
    await page.locator('[data-testid=user-name]').waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForFunction(() => Boolean(window.__app), undefined, { timeout: 60_000 });
    expect(await page.locator('[data-testid=sign-in-page]').count()).toBe(0);
    await expect(page.locator('[data-testid=user-role]').getAttribute('data-role')).resolves.toBe('engineer');
    // Administration is for administrators only.
    expect(await page.locator('[data-testid=admin-open]').count()).toBe(0);
  });

  it('the_map_draws_and_the_layer_panel_lists_every_collection_by_group', async () => {
    await page.locator('[data-testid=map] canvas').first().waitFor({ state: 'visible', timeout: 60_000 });
    const panel = page.locator('[data-testid=layer-panel]');
    await panel.waitFor({ state: 'visible' });
    for (const c of collections) {
      await expect(page.locator(`[data-testid=layer-item-${c.id}]`).count(), `layer item ${c.id}`).resolves.toBe(1);
    }
    // Layers of one group sit in one section of the panel, and each group has its own section.
    const sectionOf = await page.evaluate((ids) => {
      const sections: Element[] = [];
      return ids.map((id) => {
        const item = document.querySelector(`[data-testid=layer-item-${id}]`)!;
        const section = item.closest('[data-testid^=layer-group-], .el-collapse-item');
        if (!section) return -1;
        if (!sections.includes(section)) sections.push(section);
        return sections.indexOf(section);
      });
    }, collections.map((c) => c.id));
    const groups = [...new Set(collections.map((c) => c.group))];
    expect(sectionOf).not.toContain(-1);
    expect(new Set(sectionOf).size).toBe(groups.length);
    collections.forEach((c, i) => {
      const sameGroup = collections.map((d, j) => (d.group === c.group ? sectionOf[j] : undefined)).filter((s) => s !== undefined);
      expect(new Set(sameGroup), `section of the ${c.group} group`).toEqual(new Set([sectionOf[i]]));
    });
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, '01-city-map');
    expect(browser.pageErrors).toEqual([]);
  });

  it('unticking_a_layer_hides_its_map_layer_and_ticking_shows_it_again', async () => {
    const id = 'roads';
    const visibleOnMap = () =>
      page.evaluate((collectionId) => {
        const layer = window.__app!.map.getLayers().getArray().find((l) => l.get('collectionId') === collectionId);
        return layer ? layer.getVisible() : null;
      }, id);
    expect(await visibleOnMap()).toBe(true);
    await page.locator(`[data-testid=layer-visible-${id}]`).click();
    await expect.poll(visibleOnMap).toBe(false);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, '02-roads-hidden');
    await page.locator(`[data-testid=layer-visible-${id}]`).click();
    await expect.poll(visibleOnMap).toBe(true);
  });

  it('clicking_a_camera_shows_its_attributes_from_the_server', async () => {
    const core = '108.205,16.045,108.235,16.08';
    const page1 = await getJson<{ features: Array<{ id: string; geometry: { coordinates: [number, number] } }> }>(
      `/ogc/collections/cameras/items?limit=1&bbox=${core}`,
    );
    expect(page1.features.length, 'a camera in Hải Châu').toBe(1);
    const camera = page1.features[0];
    const [lon, lat] = camera.geometry.coordinates;
    await centreMap(lon, lat, 18);
    await expect.poll(() => page.evaluate((id) => window.__app!.featurePixel('cameras', id), camera.id), { timeout: 30_000 }).not.toBeNull();
    const pixel = (await page.evaluate((id) => window.__app!.featurePixel('cameras', id), camera.id))!;
    await page.mouse.click(pixel[0], pixel[1]);

    const info = page.locator('[data-testid=feature-info]');
    await info.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await info.getAttribute('data-collection')).toBe('cameras');
    // Several cameras can share a pole: the panel shows one of those under the pointer, with its own attributes.
    const shownId = (await page.locator('[data-testid=attr-id] .value').innerText()).trim();
    const shown = await getJson<{ geometry: { coordinates: [number, number] }; properties: Record<string, unknown> }>(
      `/ogc/collections/cameras/items/${shownId}`,
    );
    const [shownLon, shownLat] = shown.geometry.coordinates;
    expect(Math.abs(shownLon - lon) + Math.abs(shownLat - lat), 'the shown camera is the clicked spot').toBeLessThan(0.0002);
    for (const name of ['owner', 'purpose', 'status', 'heading_deg', 'resolution_h', 'codec', 'retention_days']) {
      await expect(page.locator(`[data-testid=attr-${name}] .value`).count(), `row ${name}`).resolves.toBe(1);
    }
    if (typeof shown.properties.name === 'string') {
      await expect(page.locator('[data-testid=attr-name] .value').innerText()).resolves.toBe(shown.properties.name);
    }
    const digits = (await page.locator('[data-testid=attr-resolution_h] .value').innerText()).replace(/\D/g, '');
    expect(Number(digits)).toBe(shown.properties.resolution_h);
    await screenshot(page, '03-camera-attributes');
    await page.locator('[data-testid=feature-info-close]').click();
    await info.waitFor({ state: 'hidden' });
  });

  it('the_status_bar_shows_the_pointer_in_wgs84_and_vn2000', async () => {
    await centreMap(DRAGON_BRIDGE.lon, DRAGON_BRIDGE.lat, 17);
    const [x, y] = await pagePixelOf(webMercator(DRAGON_BRIDGE.lon, DRAGON_BRIDGE.lat));
    await page.mouse.move(x - 40, y - 40);
    await page.mouse.move(x, y, { steps: 4 });
    const read = async () => ({
      wgs84: await page.locator('[data-testid=status-wgs84]').innerText(),
      vn2000: await page.locator('[data-testid=status-vn2000]').innerText(),
    });
    await expect.poll(async () => (await read()).wgs84).toMatch(/\d+\.\d+/);
    const atBridge = await read();
    // "lat, lon" and "E … N …"; one screen pixel at zoom 17 is about 1.2 m.
    const [lat, lon] = atBridge.wgs84.match(/-?\d+\.\d+/g)!.map(Number);
    expect(Math.abs(lat - DRAGON_BRIDGE.lat)).toBeLessThan(3e-5);
    expect(Math.abs(lon - DRAGON_BRIDGE.lon)).toBeLessThan(3e-5);
    const [easting, northing] = atBridge.vn2000.match(/\d+\.\d+/g)!.map(Number);
    expect(Math.abs(easting - DRAGON_BRIDGE.easting), 'VN-2000 easting at the Dragon Bridge').toBeLessThan(3);
    expect(Math.abs(northing - DRAGON_BRIDGE.northing), 'VN-2000 northing at the Dragon Bridge').toBeLessThan(3);

    await page.mouse.move(x + 150, y, { steps: 4 });
    await expect.poll(async () => (await read()).wgs84).not.toBe(atBridge.wgs84);
    const east = await read();
    expect(east.vn2000).not.toBe(atBridge.vn2000);
    const eastingAfter = Number(east.vn2000.match(/\d+\.\d+/g)![0]);
    expect(eastingAfter - easting, '150 px east at zoom 17 is about 180 m').toBeGreaterThan(100);
    await screenshot(page, '04-status-bar');
  });

  it('the_language_switch_turns_the_interface_from_vietnamese_to_english', async () => {
    const toggle = page.locator('[data-testid=lang-switch]');
    const cameras = collections.find((c) => c.id === 'cameras')!;
    expect(await toggle.getAttribute('data-lang')).toBe('vi');
    await expect(page.locator('[data-testid=layer-item-cameras]').innerText()).resolves.toContain(cameras.title.vi);
    const titleVi = await page.title();
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('data-lang')).toBe('en');
    await expect.poll(() => page.locator('[data-testid=layer-item-cameras]').innerText()).toContain(cameras.title.en);
    expect(await page.title()).not.toBe(titleVi);
    await screenshot(page, '05-english');
    expect(browser.pageErrors).toEqual([]);
  });
});
