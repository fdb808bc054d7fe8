/**
 * Calls the API from inside the page, with the browser's own session cookie and CSRF token: how a test does
 * what another part of the UI (the drawing tools, say) would do, as the signed-in user.
 */
import type { Page } from 'playwright-core';

export interface PageAnswer<T = any> {
  status: number;
  body: T;
  location: string | null;
  etag: string | null;
}

/** Sends `method path` with a JSON body as the page's signed-in user. */
export async function pageApi<T = any>(page: Page, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<PageAnswer<T>> {
  return page.evaluate(
    async ({ method, path, body, headers }) => {
      const session = await (await fetch('/api/session', { credentials: 'same-origin' })).json();
      const res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken ?? '', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null, location: res.headers.get('location'), etag: res.headers.get('etag') };
    },
    { method, path, body, headers },
  );
}
