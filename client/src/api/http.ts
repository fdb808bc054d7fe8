/** Minimal typed fetch helpers shared by the API clients. */

/** An HTTP failure, carrying the RFC 7807 problem detail when the server sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problem?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GETs a JSON document; throws ApiError on a non-2xx answer. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { headers: { Accept: 'application/json, application/geo+json' }, signal });
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as T;
}

async function toApiError(res: Response): Promise<ApiError> {
  let problem: Record<string, unknown> | undefined;
  try {
    problem = (await res.json()) as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy error page, say): the status line is all we have.
  }
  const detail = typeof problem?.detail === 'string' ? problem.detail : undefined;
  const title = typeof problem?.title === 'string' ? problem.title : undefined;
  return new ApiError(res.status, detail ?? title ?? `${res.status} ${res.statusText}`, problem);
}
