/**
 * The one fetch wrapper of the API clients. It sends the session's CSRF token on every write (the server refuses
 * a cookie-authenticated write without it), turns a 401 into "the session is gone" (the app returns to the
 * sign-in page) and parses RFC 7807 problem documents into a typed ApiError.
 */

/** One offending field of a request, as the server names it (`username`, `password`, `query.from`…). */
export interface FieldProblem {
  field: string;
  message: string;
  /** The kind of a problem only the server finds (invalid geometry, planning area, database rules), to be said in the UI language. */
  code?: string;
  params?: Record<string, string | number>;
}

/** An RFC 7807 problem document as the server sends it, with the members this client reads. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldProblem[];
  /** Sent with 429 (too many sign-in attempts), like the Retry-After header. */
  retryAfterSeconds?: number;
  [member: string]: unknown;
}

/** An HTTP failure, carrying the problem detail when the server sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem?: Problem,
    /** Seconds to wait before trying again (429), from Retry-After or the problem. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The server's message for each field it refused, keyed by field name. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem?.errors ?? []) out[e.field] ??= e.message;
    return out;
  }
}

export interface RequestOptions {
  /** JSON request body. */
  body?: unknown;
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
  /** More request headers (`Prefer: respond-async`, `If-Match`…). */
  headers?: Record<string, string>;
  /**
   * A 401 is an expected answer of this request (a wrong password at sign-in), not an expired session:
   * it is thrown as an ApiError without sending the app back to the sign-in page.
   */
  unauthorizedIsAnswer?: boolean;
  /** A file sent as the raw request body (an upload), instead of a JSON `body`. */
  file?: Blob;
  /** Resolve with the Response itself (a download: its blob and headers), once it is known to be a success. */
  raw?: boolean;
}

/** A parsed answer with its status and headers (the ETag of a feature read or write). */
export interface ApiResponse<T> {
  body: T;
  status: number;
  headers: Headers;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | null = null;
let unauthorizedHandler: ((error: ApiError) => void) | undefined;

/** Remembers the session's CSRF token (from GET/POST /api/session); null after sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called on every unexpected 401: the session expired or was closed elsewhere. */
export function onUnauthorized(handler: ((error: ApiError) => void) | undefined): void {
  unauthorizedHandler = handler;
}

/** Appends the non-empty query parameters to a URL. */
export function withQuery(url: string, query: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${url}${url.includes('?') ? '&' : '?'}${text}` : url;
}

/**
 * Sends a request and returns the parsed JSON answer (undefined for 204).
 * Throws ApiError on a non-2xx answer; on an unexpected 401 the unauthorized handler runs first.
 */
export async function request<T>(method: string, url: string, options: RequestOptions = {}): Promise<T> {
  return (await requestWithHeaders<T>(method, url, options)).body;
}

/** Like request(), but also returns the status and the response headers. */
export async function requestWithHeaders<T>(method: string, url: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json, application/geo+json, application/problem+json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.file) headers['Content-Type'] = options.file.type || 'application/octet-stream';
  if (WRITE_METHODS.has(method.toUpperCase()) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(withQuery(url, options.query), {
    method,
    headers,
    body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    credentials: 'same-origin',
    signal: options.signal,
  });
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !options.unauthorizedIsAnswer) unauthorizedHandler?.(error);
    throw error;
  }
  // A download (`raw`) hands over the Response itself to read its blob.
  const body = options.raw ? res : res.status === 204 ? undefined : await res.json();
  return { body: body as T, status: res.status, headers: res.headers };
}

/** GETs a JSON document; throws ApiError on a non-2xx answer. */
export function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', url, { signal });
}

async function toApiError(res: Response): Promise<ApiError> {
  let problem: Problem | undefined;
  try {
    const body: unknown = await res.json();
    if (body && typeof body === 'object') problem = body as Problem;
  } catch {
    // Not JSON (a proxy error page, say): the status line is all we have.
  }
  const detail = typeof problem?.detail === 'string' ? problem.detail : undefined;
  const title = typeof problem?.title === 'string' ? problem.title : undefined;
  const header = Number(res.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(header) && header > 0 ? header : typeof problem?.retryAfterSeconds === 'number' ? problem.retryAfterSeconds : undefined;
  return new ApiError(res.status, detail ?? title ?? `${res.status} ${res.statusText}`, problem, retryAfter);
}
