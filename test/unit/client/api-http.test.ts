import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { ApiError, onUnauthorized, request, setCsrfToken, withQuery } from '../../../client/src/api/http';
import { signIn } from '../../../client/src/api/session';
import { useSessionStore } from '../../../client/src/stores/session';
import { classifySignInFailure, waitParts } from '../../../client/src/lib/sign-in-errors';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** Replaces fetch with one answering `response` and recording what was sent. */
function answer(status: number, body?: unknown, headers: Record<string, string> = {}): Sent[] {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    sent.push({ url, method: init.method ?? 'GET', headers: (init.headers ?? {}) as Record<string, string>, body: init.body as string | undefined });
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
  });
  return sent;
}

const problem = (status: number, detail: string, extra: Record<string, unknown> = {}) => ({ type: 'about:blank', title: 'x', status, detail, ...extra });

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  onUnauthorized(undefined);
});

describe('api wrapper: CSRF token on writes', () => {
  it('every_write_method_carries_the_session_csrf_token', async () => {
    setCsrfToken('token-123');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const sent = answer(204);
      await request(method, '/api/users/1', { body: { version: 1 } });
      expect(sent[0].headers['X-CSRF-Token'], method).toBe('token-123');
    }
  });

  it('reads_do_not_send_the_token', async () => {
    setCsrfToken('token-123');
    const sent = answer(200, { users: [] });
    await request('GET', '/api/users');
    expect(sent[0].headers['X-CSRF-Token']).toBeUndefined();
  });

  it('no_token_is_sent_after_sign_out', async () => {
    setCsrfToken('token-123');
    setCsrfToken(null);
    const sent = answer(204);
    await request('DELETE', '/api/session');
    expect(sent[0].headers['X-CSRF-Token']).toBeUndefined();
  });

  it('a_json_body_is_sent_with_its_content_type_and_the_session_cookie', async () => {
    const sent = answer(201, { id: 'u' });
    await request('POST', '/api/users', { body: { username: 'an' } });
    expect(sent[0].headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(sent[0].body!)).toEqual({ username: 'an' });
  });
});

describe('api wrapper: 401 and problem documents', () => {
  it('a_401_runs_the_unauthorized_handler_then_throws', async () => {
    const handler = vi.fn();
    onUnauthorized(handler);
    answer(401, problem(401, 'Sign in first'));
    await expect(request('GET', '/api/collections')).rejects.toMatchObject({ status: 401, message: 'Sign in first' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('a_wrong_password_at_sign_in_is_an_answer_not_an_expired_session', async () => {
    const handler = vi.fn();
    onUnauthorized(handler);
    answer(401, problem(401, 'The user name or the password is wrong.', { errors: [{ field: 'password', message: 'wrong' }] }));
    await expect(signIn('viewer', 'nope')).rejects.toBeInstanceOf(ApiError);
    expect(handler).not.toHaveBeenCalled();
  });

  it('other_errors_do_not_end_the_session', async () => {
    const handler = vi.fn();
    onUnauthorized(handler);
    answer(403, problem(403, 'Your role may not edit cameras'));
    await expect(request('POST', '/ogc/collections/cameras/items', { body: {} })).rejects.toMatchObject({ status: 403 });
    expect(handler).not.toHaveBeenCalled();
  });

  it('a_problem_document_becomes_a_typed_error_with_field_messages', async () => {
    answer(422, problem(422, 'password: too short', { errors: [{ field: 'password', message: 'too short or too long' }, { field: 'username', message: 'taken' }] }));
    const error = await request('POST', '/api/users', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.status).toBe(422);
    expect(api.message).toBe('password: too short');
    expect(api.fieldErrors()).toEqual({ password: 'too short or too long', username: 'taken' });
  });

  it('retry_after_comes_from_the_header_of_a_429', async () => {
    answer(429, problem(429, 'Too many sign-in attempts', { retryAfterSeconds: 800 }), { 'Retry-After': '840' });
    const error = (await signIn('a', 'b').catch((e: unknown) => e)) as ApiError;
    expect(error.retryAfterSeconds).toBe(840);
  });

  it('an_answer_that_is_not_json_keeps_the_status_line', async () => {
    answer(502, '<html>Bad gateway</html>');
    await expect(request('GET', '/api/session')).rejects.toMatchObject({ status: 502, message: expect.stringContaining('502') });
  });

  it('a_204_answer_resolves_to_undefined', async () => {
    answer(204);
    await expect(request('DELETE', '/api/session')).resolves.toBeUndefined();
  });

  it('empty_query_parameters_are_left_out', () => {
    expect(withQuery('/api/audit/changes', { user: '', collection: 'roads', featureId: undefined, limit: 20, offset: 0 }))
      .toBe('/api/audit/changes?collection=roads&limit=20&offset=0');
  });
});

describe('session store: an expired session returns to the sign-in page', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('a_401_from_any_api_call_signs_the_user_out_with_a_note', async () => {
    answer(200, { user: { id: 'u1', username: 'engineer', displayName: 'Kỹ sư', role: 'engineer' }, csrfToken: 'c1', publicCollections: [] });
    const session = useSessionStore();
    await session.init();
    expect(session.showSignIn).toBe(false);

    answer(401, problem(401, 'Sign in first'));
    await expect(request('GET', '/api/collections')).rejects.toBeInstanceOf(ApiError);
    expect(session.user).toBeNull();
    expect(session.expired).toBe(true);
    expect(session.showSignIn).toBe(true);
  });

  it('signing_in_keeps_the_csrf_token_for_later_writes', async () => {
    setActivePinia(createPinia());
    answer(200, { user: { id: 'u1', username: 'admin', displayName: 'Admin', role: 'admin' }, csrfToken: 'csrf-9', publicCollections: [] });
    await useSessionStore().signIn('admin', 'secret-password');
    const sent = answer(201, {});
    await request('POST', '/api/users', { body: {} });
    expect(sent[0].headers['X-CSRF-Token']).toBe('csrf-9');
  });
});

describe('sign-in failures in words', () => {
  const now = 1_000_000;

  it('too_many_attempts_waits_as_long_as_the_server_says', () => {
    const failure = classifySignInFailure(new ApiError(429, 'Too many', undefined, 125), now);
    expect(failure).toMatchObject({ key: 'tooMany', retryAt: now + 125_000 });
    expect(waitParts(failure.retryAt!, now)).toEqual({ key: 'minutes', n: 3 });
    expect(waitParts(failure.retryAt!, now + 100_000)).toEqual({ key: 'seconds', n: 25 });
  });

  it('a_locked_account_reads_its_minutes_from_the_detail', () => {
    const detail = 'The account is locked after repeated failed sign-ins; try again in 14 minute(s) or ask an administrator.';
    const failure = classifySignInFailure(new ApiError(423, detail, { detail }), now);
    expect(failure).toMatchObject({ key: 'locked', retryAt: now + 14 * 60_000 });
  });

  it('a_wrong_password_and_an_unreachable_server_differ', () => {
    expect(classifySignInFailure(new ApiError(401, 'wrong')).key).toBe('wrongCredentials');
    expect(classifySignInFailure(new TypeError('Failed to fetch')).key).toBe('unreachable');
  });
});
