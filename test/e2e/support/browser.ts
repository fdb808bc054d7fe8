/**
 * Headless Debian Chromium driven by playwright-core. Playwright's own browser downloads are never used: the
 * machine has no route to them, and the system Chromium is what CI installs with apt.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from './server-process.js';

export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts/e2e');

/** CHROMIUM_PATH, else the `chromium` on PATH, else Debian's location. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim() || '/usr/bin/chromium';
  } catch {
    return '/usr/bin/chromium';
  }
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions in the page, and console errors (kept apart: a missing tile is not a crash). */
  pageErrors: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * A fresh Chromium profile with one page. `launchPersistentContext` because Playwright's `launch` refuses a
 * --user-data-dir argument, and a fresh profile keeps runs independent (the language choice is remembered).
 * The networking flags stop Chromium calling home: this machine refuses those connections, slowly.
 */
export async function openBrowser(viewport = { width: 1400, height: 900 }): Promise<BrowserSession> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'planner-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport,
    locale: 'vi-VN',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(String(err.stack ?? err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  return {
    context,
    page,
    pageErrors,
    consoleErrors,
    close: async () => {
      // Console errors do not fail a test (a missing tile is not a crash) but belong in its output.
      if (consoleErrors.length) console.log(`Browser console errors:\n${consoleErrors.join('\n')}`);
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-window screenshot as test-artifacts/e2e/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: file });
  return file;
}
