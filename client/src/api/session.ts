/** Client for `/api/session`: who is signed in, sign in, sign out. */
import { request } from './http';

export type Role = 'viewer' | 'planner' | 'engineer' | 'admin';
export const ROLES: readonly Role[] = ['viewer', 'planner', 'engineer', 'admin'];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface SessionInfo {
  user: SessionUser | null;
  /** Sent back in X-CSRF-Token on every write of this session. */
  csrfToken: string | null;
  /** Collections anyone may read without signing in (open data); usually none. */
  publicCollections: string[];
}

/** The current session (user null when nobody is signed in). */
export function getSession(signal?: AbortSignal): Promise<SessionInfo> {
  return request<SessionInfo>('GET', '/api/session', { signal });
}

/**
 * Signs in; the server sets the httpOnly session cookie. Throws ApiError 401 (wrong credentials),
 * 429 (too many attempts, with retryAfterSeconds), 423 (account locked) or 422 (invalid input).
 */
export function signIn(username: string, password: string): Promise<SessionInfo> {
  return request<SessionInfo>('POST', '/api/session', { body: { username, password }, unauthorizedIsAnswer: true });
}

/** Closes the session (the server drops it and clears the cookie). */
export function signOut(): Promise<void> {
  return request<void>('DELETE', '/api/session', { unauthorizedIsAnswer: true });
}
