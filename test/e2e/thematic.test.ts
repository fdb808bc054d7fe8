/**
 * Thematic maps and the dashboard in a real headless Chromium, as a manager (the demo viewer) uses them: choose an
 * indicator and Jenks with 5 classes, read the legend and the map, click a ward and find it highlighted in the
 * chart, click a bar and find it selected on the map, export a PDF and check its page, reopen the link.
 * The tests run in order on one page, as one visit.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, openBrowser, screenshot, type BrowserSession } from './support/browser.js';
import { ACCOUNTS, basicAuth, fillSignIn } from './support/accounts.js';

interface UnitFigure {
  code: string;
  name: string;
  value: number | null;
  labelPoint: [number, number];
}

const baseUrl = inject('baseUrl');
const user = ACCOUNTS.viewer;
let browser: BrowserSession;
let page: Page;
let wards: UnitFigure[];

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(`${baseUrl}${url}`, { headers: { Authorization: basicAuth(user) } });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

/** Page pixel of a WGS 84 position on the map. */
async function pagePixelOf(lonDeg: number, latDeg: number): Promise<[number, number]> {
  return page.evaluate(([lon, lat]) => {
    const map = window.__app!.map;
    const R = 6378137;
    const c = [(R * lon * Math.PI) / 180, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
    const pixel = map.getPixelFromCoordinate(c)!;
    const box = map.getTargetElement()!.getBoundingClientRect();
    return [box.left + pixel[0], box.top + pixel[1]] as [number, number];
  }, [lonDeg, latDeg]);
}

/** Waits until the map shows a complete thematic drawing whose key starts with `prefix`. */
async function drawnWith(prefix: string): Promise<string> {
  const handle = await page.waitForFunction((p) => {
    const key = window.__app?.thematic?.lastDrawn().key;
    return key && key.startsWith(p) ? key : false;
  }, prefix, { timeout: 60_000 });
  return (await handle.jsonValue()) as string;
}

async function choose(selectTestId: string, optionTestId: string): Promise<void> {
  await page.locator(`[data-testid=${selectTestId}]`).click();
  await page.locator(`[data-testid=${optionTestId}]`).click();
}

beforeAll(async () => {
  wards = (await getJson<{ units: UnitFigure[] }>('/api/statistics/indicators/cameras_per_km2?level=ward')).units;
  browser = await openBrowser();
  page = browser.page;
  await page.goto(`${baseUrl}/?test`, { waitUntil: 'load' });
});

afterAll(async () => {
  await browser?.close();
});

describe('thematic maps and the dashboard for a manager', () => {
  it('a_viewer_signs_in_and_opens_the_thematic_tab_and_the_dashboard', async () => {
    await fillSignIn(page, user);
    await page.locator('[data-testid=sign-in-submit]').click();
    await page.waitForFunction(() => Boolean(window.__app), undefined, { timeout: 60_000 });
    await expect(page.locator('[data-testid=user-role]').getAttribute('data-role')).resolves.toBe('viewer');
    await page.locator('#tab-thematic').click();
    await page.locator('[data-testid=thematic-panel]').waitFor({ state: 'visible' });
    // Only boundaries and roads: the classes read clearly.
    await choose('thematic-indicator', 'thematic-indicator-option-cameras_per_km2');
    await page.locator('[data-testid=thematic-focus]').click();
    await page.locator('[data-testid=dashboard-open]').click();
    await page.locator('[data-testid=dashboard]').waitFor({ state: 'visible' });
    await page.locator('[data-testid=key-figure-cameras_per_km2]').waitFor({ state: 'visible' });
  });

  it('jenks_with_5_classes_draws_the_map_and_a_legend_whose_counts_cover_every_ward', async () => {
    await choose('thematic-method', 'thematic-method-option-jenks');
    await page.locator('[data-testid=thematic-classes]').fill('5');
    const key = await drawnWith('cameras_per_km2|ward|');
    expect(key.split('|')[3]).toBe('jenks');
    const legend = page.locator('[data-testid=thematic-legend]');
    await expect(legend.getAttribute('data-method')).resolves.toBe('jenks');
    await expect(legend.getAttribute('data-classes')).resolves.toBe('5');
    const counts = await page.locator('[data-testid^=legend-class-]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-count'))));
    const noData = await page.locator('[data-testid=legend-no-data]').count();
    expect(counts).toHaveLength(5);
    expect(counts.reduce((s, n) => s + n, 0) + noData).toBe(wards.length);
    await screenshot(page, 'thematic-01-jenks-5-classes');
  });

  it('hovering_a_ward_shows_its_name_value_and_rank', async () => {
    const ward = [...wards].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[3];
    await page.evaluate(([lon, lat]) => window.__app!.setView(lon, lat, 13), ward.labelPoint);
    await page.evaluate(() => window.__app!.whenRendered());
    const [x, y] = await pagePixelOf(...ward.labelPoint);
    await page.mouse.move(x, y);
    const hover = page.locator('[data-testid=thematic-hover]');
    await hover.waitFor({ state: 'visible' });
    await expect(hover.getAttribute('data-code')).resolves.toBe(ward.code);
    const text = await hover.innerText();
    expect(text).toContain(ward.name);
    expect(text).toContain('Hạng 4/');
  });

  it('clicking_a_ward_on_the_map_highlights_its_bar_in_the_chart', async () => {
    const ward = [...wards].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[3];
    const [x, y] = await pagePixelOf(...ward.labelPoint);
    await page.mouse.click(x, y);
    const chart = page.locator('[data-testid=dashboard-chart-ward]');
    await page.waitForFunction((code) => document.querySelector('[data-testid=dashboard-chart-ward]')?.getAttribute('data-selected') === code, ward.code);
    await expect(chart.getAttribute('data-selected')).resolves.toBe(ward.code);
    await expect(page.locator('[data-testid=dashboard-selection]').innerText()).resolves.toContain(ward.name);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'thematic-02-ward-selected-in-chart');
    // The address bar is written a moment after the last change (useUrlState), so wait for it.
    await page.waitForFunction((code) => new URL(location.href).searchParams.get('sel') === code, ward.code, { timeout: 10_000 });
  });

  it('clicking_the_first_bar_selects_the_top_ward_on_the_map', async () => {
    const top = [...wards].sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
    const box = (await page.locator('[data-testid=dashboard-chart-ward]').boundingBox())!;
    // The chart's grid starts 48 px from the left; bars are sorted from the highest value, which fills the grid.
    const barWidth = (box.width - 56) / wards.length;
    await page.mouse.click(box.x + 48 + barWidth / 2, box.y + box.height - 86 - 20);
    await page.waitForFunction((code) => new URL(location.href).searchParams.get('sel') === code, top.code, { timeout: 10_000 });
    await expect(page.locator('[data-testid=dashboard-selection]').innerText()).resolves.toContain(top.name);
    await drawnWith(`cameras_per_km2|ward|`);
    await page.evaluate(() => window.__app!.whenRendered());
    await screenshot(page, 'thematic-03-bar-selected-on-map');
  });

  it('the_pdf_export_has_one_landscape_page_with_the_title_and_the_legend', async () => {
    const download = page.waitForEvent('download', { timeout: 120_000 });
    await page.locator('[data-testid=export-pdf]').click();
    const file = path.join(ARTIFACTS_DIR, 'thematic-map.pdf');
    await (await download).saveAs(file);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\b/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Mật độ camera');
    expect(text).toContain('Mật độ camera (camera/km²)');
    expect(text).toContain('Ngắt tự nhiên (Jenks), 5 lớp');
    expect(text).toMatch(/Tỉ lệ 1 : [\d ]+/);
    const legendLabels = await page.locator('[data-testid^=legend-class-] .thematic-legend__range').allInnerTexts();
    for (const label of legendLabels) expect(text).toContain(label.trim());
    const stem = path.join(ARTIFACTS_DIR, 'thematic-map-pdf');
    execFileSync('pdftoppm', ['-png', '-r', '100', '-singlefile', file, stem]);
    expect(fs.statSync(`${stem}.png`).size).toBeGreaterThan(50_000);
  });

  it('the_link_reopens_the_same_thematic_view', async () => {
    const url = page.url();
    const second = await browser.context.newPage();
    try {
      await second.goto(url, { waitUntil: 'load' });
      await second.waitForFunction(() => window.__app?.thematic?.lastDrawn().key?.startsWith('cameras_per_km2|ward|'), undefined, { timeout: 60_000 });
      const legend = second.locator('[data-testid=thematic-legend]');
      await expect(legend.getAttribute('data-method')).resolves.toBe('jenks');
      await expect(legend.getAttribute('data-classes')).resolves.toBe('5');
      const selected = new URL(url).searchParams.get('sel');
      await second.waitForFunction((code) => document.querySelector('[data-testid=dashboard-chart-ward]')?.getAttribute('data-selected') === code, selected);
      const [a, b] = [new URL(url).searchParams.get('view'), new URL(second.url()).searchParams.get('view')];
      expect(b).toBe(a);
      await second.screenshot({ path: path.join(ARTIFACTS_DIR, 'thematic-04-link-reopened.png') });
    } finally {
      await second.close();
    }
    expect(browser.pageErrors).toEqual([]);
  });
});
