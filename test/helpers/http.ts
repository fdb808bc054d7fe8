/**
 * Small fetch wrappers for API tests. Requests carry the credentials set by `actAs` (HTTP Basic of a test
 * account) unless a test passes its own Authorization header, or `{}` via `anonymous`.
 */
let defaultHeaders: Record<string, string> = {};

/** Makes the following requests of this test file run as the given credentials. */
export function actAs(headers: Record<string, string>): void {
  defaultHeaders = headers;
}

/** Headers that override the default credentials with none. */
export const anonymous = { Authorization: '' };

function merge(headers: Record<string, string>): Record<string, string> {
  const all = { ...defaultHeaders, ...headers };
  if (all.Authorization === '') delete all.Authorization;
  return all;
}

export async function getJson(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers: merge(headers) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function sendJson(method: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers: merge({ 'content-type': 'application/geo+json', ...headers }),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** A fetch with the default credentials, for requests whose body is not JSON (tiles, deletes). */
export function fetchAs(url: string, init: RequestInit = {}) {
  return fetch(url, { ...init, headers: merge((init.headers as Record<string, string>) ?? {}) });
}
