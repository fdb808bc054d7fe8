/**
 * Time from choosing an indicator to the thematic map drawn, in headless Chromium against a running app: the
 * option is clicked inside the page (its performance.now() is the start), and the end is the first complete render
 * (`rendercomplete`: tiles loaded, canvases drawn) of a drawing of that indicator, read from `__app.thematic`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { openBrowser } from '../test/e2e/support/browser.js';
import { REPO_ROOT } from '../test/e2e/support/server-process.js';

export interface DrawTiming {
  indicator: string;
  /** Uncached: the first time the page asks for this indicator (server computes it). */
  firstMs: number;
  /** Chosen again later: the client has the figures and only classifies and redraws. */
  againMs: number;
  /** What the server reported for its SQL (computedMs) on the first request. */
  serverMs: number;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds client/dist when it is missing or older than the client's sources (users get the production build). */
export function ensureClientBuild(): void {
  const index = path.join(REPO_ROOT, 'client/dist/index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > newestMtime(path.join(REPO_ROOT, 'client/src'))) return;
  const build = spawnSync('npm', ['run', 'build:client'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build:client failed');
}

async function chooseAndTime(page: Page, indicator: string): Promise<{ ms: number; serverMs: number }> {
  const responseWait = page.waitForResponse((r) => r.url().includes(`/api/statistics/indicators/${indicator}?`), { timeout: 5_000 }).catch(() => null);
  await page.locator('[data-testid=thematic-indicator]').click();
  const option = page.locator(`[data-testid=thematic-indicator-option-${indicator}]`);
  await option.waitFor({ state: 'visible' });
  const start = await option.evaluate((el) => {
    const t0 = performance.now();
    (el as HTMLElement).click();
    return t0;
  });
  const handle = await page.waitForFunction(
    (prefix) => {
      const drawn = window.__app?.thematic?.lastDrawn();
      return drawn?.key?.startsWith(prefix) ? drawn.atMs : false;
    },
    `${indicator}|ward|`,
    { timeout: 60_000, polling: 'raf' },
  );
  const end = (await handle.jsonValue()) as number;
  const response = await responseWait;
  const serverMs = response ? ((await response.json()) as { computedMs: number }).computedMs : 0;
  return { ms: end - start, serverMs };
}

/**
 * Signs in as `account` on `baseUrl`, opens the thematic tab over the whole city and times each indicator twice
 * (first uncached, then again after the others). `anchor` is chosen first so that tiles are loaded before timing.
 */
export async function timeIndicatorDraws(baseUrl: string, account: { username: string; password: string }, indicators: string[], anchor: string): Promise<DrawTiming[]> {
  const browser = await openBrowser({ width: 1400, height: 900 });
  try {
    const { page } = browser;
    await page.goto(`${baseUrl}/?test&tab=thematic&layers=admin_units,roads&view=108.2,16.05,12`, { waitUntil: 'load' });
    await page.locator('[data-testid=sign-in-page]').waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('input[data-testid=sign-in-username], [data-testid=sign-in-username] input').first().fill(account.username);
    await page.locator('input[data-testid=sign-in-password], [data-testid=sign-in-password] input').first().fill(account.password);
    await page.locator('[data-testid=sign-in-submit]').click();
    await page.locator('[data-testid=thematic-panel]').waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForFunction(() => Boolean(window.__app?.thematic), undefined, { timeout: 60_000 });
    await chooseAndTime(page, anchor);
    const first = new Map<string, { ms: number; serverMs: number }>();
    for (const id of indicators) first.set(id, await chooseAndTime(page, id));
    const timings: DrawTiming[] = [];
    for (const id of indicators) {
      const again = await chooseAndTime(page, id);
      timings.push({ indicator: id, firstMs: first.get(id)!.ms, againMs: again.ms, serverMs: first.get(id)!.serverMs });
    }
    if (browser.pageErrors.length) throw new Error(`page errors: ${browser.pageErrors.join('; ')}`);
    return timings;
  } finally {
    await browser.close();
  }
}
