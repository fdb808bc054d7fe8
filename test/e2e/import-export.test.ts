/**
 * Import and export through the UI (issue 4), in headless Chromium against the real server: the demo network
 * engineer imports a zipped VN-2000 shapefile of cameras (CRS read from its .prj, the column mapping, the
 * preview on the map with its validation report, the commit, the new cameras on the map), then exports the
 * cameras in view as a VN-2000 shapefile and finds the imported positions in it to the centimetre.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import JSZip from 'jszip';
import * as shapefile from 'shapefile';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { ACCOUNTS, basicAuth, signInThroughUi } from './support/accounts.js';
import { DRAGON_BRIDGE, cameraFeature } from '../fixtures/features.js';
import { ESRI_PRJ_5899, bowTie, shapefileZip, square } from '../fixtures/import/files.js';

const baseUrl = inject('baseUrl');
const user = ACCOUNTS.engineer;
let browser: BrowserSession;
let page: Page;

/** A run-unique name prefix, so the test can find its cameras on a reused server. */
const TAG = `E2E nhập ${Date.now().toString(36)}`;
/** Four cameras east of the Dragon Bridge on the VN-2000 / TM-3 grid, 15 m apart. */
const POSITIONS = [0, 1, 2, 3].map((k) => [DRAGON_BRIDGE.easting + 40 + 15 * k, DRAGON_BRIDGE.northing + 25] as [number, number]);

/** The cameras as a GIS user's shapefile has them: 10-character DBF names; one bitrate out of range. */
async function camerasShapefile(): Promise<Buffer> {
  const p = cameraFeature().properties;
  const rows = POSITIONS.map((_, k) => ({
    name: `${TAG} ${k + 1}`, owner: p.owner, purpose: p.purpose, status: p.status, mount_heig: p.mount_height_m, heading_de: 45 * k,
    tilt_deg: p.tilt_deg, sensor_wid: p.sensor_width_mm, focal_leng: p.focal_length_mm, resolution: p.resolution_h, resoluti_1: p.resolution_v,
    codec: p.codec, frame_rate: p.frame_rate, retention_: p.retention_days, bitrate_mb: k === 2 ? 500 : 6,
  }));
  return shapefileZip('camera_cau_rong', 'POINT', rows, POSITIONS, ESRI_PRJ_5899);
}

const testId = (id: string) => page.locator(`[data-testid="${id}"]`);

/** Opens an Element Plus select and picks the option with the given test id. */
async function choose(selectTestId: string, optionTestId: string): Promise<void> {
  await testId(selectTestId).click();
  const option = page.locator(`[data-testid="${optionTestId}"]:visible`);
  await option.click();
  await option.waitFor({ state: 'hidden' });
}

async function importedIds(): Promise<string[]> {
  const res = await fetch(`${baseUrl}/ogc/collections/cameras/items?limit=10000&bbox=108.22,16.05,108.24,16.07`, { headers: { Authorization: basicAuth(user) } });
  const body = (await res.json()) as { features: Array<{ id: string; properties: { name: string } }> };
  return body.features.filter((f) => f.properties.name?.startsWith(TAG)).map((f) => f.id);
}

beforeAll(async () => {
  browser = await openBrowser();
  page = browser.page;
  await page.goto(`${baseUrl}/?test`, { waitUntil: 'load' });
  await signInThroughUi(page, user);
  await page.waitForFunction(() => Boolean(window.__app), undefined, { timeout: 60_000 });
});

afterAll(async () => {
  if (browser) {
    if (browser.pageErrors.length) console.log(`Page errors:\n${browser.pageErrors.join('\n')}`);
    await browser.close();
  }
});

describe('import and export in the browser', () => {
  it('the_data_tab_offers_import_to_an_engineer_and_reads_a_vn2000_shapefile', async () => {
    await page.locator('#tab-data').click();
    await testId('import-open').click();
    await testId('import-wizard').waitFor({ state: 'visible' });
    await choose('import-collection', 'import-collection-option-cameras');
    await page.locator('input[data-testid="import-file"]').setInputFiles({ name: 'camera_cau_rong.zip', mimeType: 'application/zip', buffer: await camerasShapefile() });
    await testId('import-summary').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await testId('import-summary').textContent()).toMatch(/camera_cau_rong\.zip.*shapefile: 4/);
    await screenshot(page, 'import-01-file');
    await testId('import-next').click();
    await testId('import-crs-detected').waitFor({ state: 'visible' });
    expect(await testId('import-crs-detected').textContent()).toContain('VN-2000 / TM-3');
    await screenshot(page, 'import-02-crs-from-prj');
  });

  it('the_preview_draws_the_file_on_the_map_and_the_report_names_the_bad_row', async () => {
    await testId('import-next').click();
    await testId('import-mapping').waitFor({ state: 'visible' });
    // The export's 10-character DBF names are recognised: bitrate_mb fills bitrate_mbps.
    expect(await page.locator('[data-testid="import-map-bitrate_mb"] .el-select__selected-item:not(.is-hidden)').first().textContent()).toContain('bitrate_mbps');
    await screenshot(page, 'import-03-mapping');
    await testId('import-next').click();
    await testId('import-report').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await testId('import-drawn').getAttribute('data-count')).toBe('4');
    expect(await testId('import-problem-count').getAttribute('data-problem-rows')).toBe('1');
    const reportRow = testId('import-report').locator('.el-table__body tr').first();
    expect(await reportRow.textContent()).toMatch(/^3properties\.bitrate_mbps ← bitrate_mb.*200/);
    expect(await testId('import-commit').isDisabled()).toBe(true);
    await reportRow.click();
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'import-04-preview-with-report');
  });

  it('leaving_the_bad_column_out_lets_every_row_through_and_the_commit_puts_the_cameras_on_the_map', async () => {
    await testId('import-back').click();
    await choose('import-map-bitrate_mb', 'import-map-bitrate_mb-skip');
    await testId('import-next').click();
    await testId('import-ready').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await testId('import-problem-count').getAttribute('data-ready')).toBe('4');
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'import-05-preview-ready');
    await testId('import-commit').click();
    await testId('import-done').waitFor({ state: 'visible', timeout: 60_000 });
    const ids = await importedIds();
    expect(ids).toHaveLength(4);
    // The cameras layer reloads: the new cameras are among the features the map has loaded.
    await page.waitForFunction((wanted) => wanted.every((id) => window.__app!.loadedFeatureIds('cameras').includes(id)), ids, { timeout: 30_000 });
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'import-06-committed-on-the-map');
    await testId('import-close').click();
  });

  it('the_cameras_in_view_export_as_a_vn2000_shapefile_with_the_imported_positions_to_the_centimetre', async () => {
    await testId('export-open').click();
    await testId('export-dialog').waitFor({ state: 'visible' });
    await choose('export-collection', 'export-collection-option-cameras');
    await testId('export-format-shapefile').click();
    await choose('export-crs', 'export-crs-option-EPSG:5899');
    await testId('export-scope-extent').click();
    await screenshot(page, 'export-01-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), testId('export-download').click()]);
    expect(download.suggestedFilename()).toBe('cameras-EPSG5899.zip');
    const zip = await JSZip.loadAsync(fs.readFileSync((await download.path())!));
    expect(await zip.file('cameras-EPSG5899.prj')!.async('string')).toContain('VN-2000');
    const read = await shapefile.read(await zip.file('cameras-EPSG5899.shp')!.async('uint8array'), await zip.file('cameras-EPSG5899.dbf')!.async('uint8array'), { encoding: 'utf-8' });
    for (const [k, [e, n]] of POSITIONS.entries()) {
      const f = read.features.find((x) => x.properties!.name === `${TAG} ${k + 1}`);
      expect(f, `camera ${k + 1} in the export`).toBeDefined();
      const [e2, n2] = (f!.geometry as GeoJSON.Point).coordinates;
      expect(Math.hypot(e2 - e, n2 - n)).toBeLessThan(0.01);
    }
    await testId('export-done').waitFor({ state: 'visible' });
    await screenshot(page, 'export-02-downloaded');
  });
});

describe('a self-intersecting building in the browser', () => {
  it('the_repair_offer_shows_what_changes_and_once_applied_the_buildings_import', async () => {
    const admin = await openBrowser();
    try {
      page = admin.page;
      await page.goto(`${baseUrl}/?test`, { waitUntil: 'load' });
      await signInThroughUi(page, ACCOUNTS.admin);
      await page.waitForFunction(() => Boolean(window.__app), undefined, { timeout: 60_000 });
      // Two footprints south of the Dragon Bridge on the TM-3 grid; the second one's outline crosses itself.
      const [x, y] = [DRAGON_BRIDGE.easting - 300, DRAGON_BRIDGE.northing - 400];
      const zip = await shapefileZip('nha_loi', 'POLYGON', [{ height_m: 12, floors: 3, use: 'office' }, { height_m: 9, floors: 2, use: 'residential' }],
        [[square(x, y, 24)], [bowTie(x + 40, y, 24)]], ESRI_PRJ_5899);
      await page.locator('#tab-data').click();
      await testId('import-open').click();
      await choose('import-collection', 'import-collection-option-buildings');
      await page.locator('input[data-testid="import-file"]').setInputFiles({ name: 'nha_loi.zip', mimeType: 'application/zip', buffer: zip });
      await testId('import-summary').waitFor({ state: 'visible', timeout: 30_000 });
      for (let k = 0; k < 3; k++) await testId('import-next').click();
      await testId('import-repairs').waitFor({ state: 'visible', timeout: 30_000 });
      // Row 2: valid once repaired ("có"), 0 m² before (its two lobes cancel), 144 m² after (the larger lobe
      // kept: a building is one polygon), +144 m², 2 parts made and 1 kept.
      expect(await testId('import-repairs').locator('.el-table__body tr').first().textContent()).toBe('2Self-intersectioncó0144+1442 (1)');
      await page.evaluate(() => window.__app!.whenRendered());
      await screenshot(page, 'import-07-repair-offered');
      await testId('import-repair').click();
      await testId('import-ready').waitFor({ state: 'visible', timeout: 30_000 });
      await page.evaluate(() => window.__app!.whenRendered());
      await screenshot(page, 'import-08-repair-applied');
      await testId('import-commit').click();
      await testId('import-done').waitFor({ state: 'visible', timeout: 60_000 });
      expect(await testId('import-done').textContent()).toContain('2');
    } finally {
      await admin.close();
    }
  });
});
