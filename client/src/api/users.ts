/** Client for `/api/users` (administrators only): accounts and their roles. */
import { request } from './http';
import type { Role } from './session';

/** An account as the server lists it (never the password hash). Times are ISO 8601 strings. */
export interface UserAccount {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  disabled: boolean;
  locked_until: string | null;
  last_login_at: string | null;
  /** Optimistic-locking version: sent back with every change (a stale one gets 412). */
  version: number;
  created_at?: string;
  updated_at?: string;
  updated_by?: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  /** At least 10 characters (the server's policy). */
  password: string;
}

export interface UserChange {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  /** A new password (reset by the administrator). */
  password?: string;
}

/** The server's minimum password length, checked here first so the form can say so before sending. */
export const MIN_PASSWORD_LENGTH = 10;
/** The server's rule for user names. */
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;

/** Every account, by user name. */
export async function listUsers(signal?: AbortSignal): Promise<UserAccount[]> {
  return (await request<{ users: UserAccount[] }>('GET', '/api/users', { signal })).users;
}

/** Creates an account (409 when the user name is taken, 422 with field errors when invalid). */
export function createUser(user: NewUser): Promise<UserAccount> {
  return request<UserAccount>('POST', '/api/users', { body: user });
}

/** Changes an account as of `version` (412 when someone changed it meanwhile). */
export function updateUser(id: string, version: number, change: UserChange): Promise<UserAccount> {
  return request<UserAccount>('PATCH', `/api/users/${encodeURIComponent(id)}`, { body: { version, ...change } });
}
