/**
 * The accounts the end-to-end tests sign in with, and signing in the way a user does. The server is started with
 * the demo accounts (one per role) and a known administrator password; ADMIN_PASSWORD only takes effect when
 * the server creates its first account, so a reused PostGIS database (E2E_DATABASE_URL) or a running server
 * (E2E_URL) needs E2E_ADMIN_PASSWORD set to the password its administrator already has.
 */
import type { Page } from 'playwright-core';

export interface Account {
  username: string;
  password: string;
}

/** The administrator's password in the end-to-end server (at least 10 characters, the server's policy). */
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD || 'e2e-admin-danang';

export const ACCOUNTS = {
  admin: { username: 'admin', password: ADMIN_PASSWORD },
  engineer: { username: 'engineer', password: 'engineer-danang' },
  planner: { username: 'planner', password: 'planner-danang' },
  viewer: { username: 'viewer', password: 'viewer-danang' },
} satisfies Record<string, Account>;

/** Environment the test server needs so that these accounts exist. */
export function accountEnv(): Record<string, string> {
  return { ADMIN_PASSWORD, DEMO_ACCOUNTS: 'true' };
}

/** HTTP Basic credentials: how a script (like GDAL or QGIS) reads the API without a browser session. */
export function basicAuth(account: Account): string {
  return `Basic ${Buffer.from(`${account.username}:${account.password}`).toString('base64')}`;
}

/** The native input of an Element Plus field: the test id may sit on the input or on its wrapper. */
export function inputOf(page: Page, testId: string) {
  return page.locator(`input[data-testid=${testId}], [data-testid=${testId}] input`).first();
}

/** Waits for the sign-in page and types the account into it. */
export async function fillSignIn(page: Page, account: Account): Promise<void> {
  await page.locator('[data-testid=sign-in-page]').waitFor({ state: 'visible', timeout: 60_000 });
  await inputOf(page, 'sign-in-username').fill(account.username);
  await inputOf(page, 'sign-in-password').fill(account.password);
}

/** Fills the sign-in form and submits it (without waiting for the outcome). */
export async function submitSignIn(page: Page, account: Account): Promise<void> {
  await fillSignIn(page, account);
  await page.locator('[data-testid=sign-in-submit]').click();
}

/** Signs in through the sign-in page and waits for the map app to show the user's bar. */
export async function signInThroughUi(page: Page, account: Account): Promise<void> {
  await submitSignIn(page, account);
  await page.locator('[data-testid=user-name]').waitFor({ state: 'visible', timeout: 60_000 });
}
