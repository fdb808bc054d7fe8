/** Client for `/api/audit` (administrators only): feature changes and account events. */
import { request } from './http';

export type ChangeOperation = 'insert' | 'update' | 'delete' | 'import';
export const CHANGE_OPERATIONS: readonly ChangeOperation[] = ['insert', 'update', 'delete', 'import'];

export type AccountAction = 'login' | 'login_failed' | 'logout' | 'locked' | 'user_created' | 'user_changed';
export const ACCOUNT_ACTIONS: readonly AccountAction[] = ['login', 'login_failed', 'logout', 'locked', 'user_created', 'user_changed'];

/**
 * One change: who changed which feature of which collection, when; or one file import (operation 'import',
 * no feature or version, the file and its feature count).
 */
export interface FeatureChange {
  id: string;
  at: string;
  user_name: string | null;
  collection: string;
  feature_id: string | null;
  version: number | null;
  operation: ChangeOperation;
  features: number | null;
  file_name: string | null;
}

export interface AccountEvent {
  id: number | string;
  at: string;
  user_name: string | null;
  action: AccountAction;
  detail: Record<string, unknown> | null;
  ip: string | null;
}

export interface ChangeFilter {
  user?: string;
  collection?: string;
  operation?: ChangeOperation;
  featureId?: string;
  /** Inclusive start, ISO 8601 date or date-time. */
  from?: string;
  /** Exclusive end, ISO 8601 date or date-time. */
  to?: string;
  limit: number;
  offset: number;
}

export interface EventFilter {
  user?: string;
  action?: AccountAction;
  limit: number;
  offset: number;
}

/** Feature changes, newest first, with the number of matches for paging. */
export function listChanges(filter: ChangeFilter, signal?: AbortSignal): Promise<{ total: number; changes: FeatureChange[] }> {
  return request('GET', '/api/audit/changes', { query: { ...filter }, signal });
}

/** Account events, newest first (paged until a short page; the answer also carries `total`). */
export async function listEvents(filter: EventFilter, signal?: AbortSignal): Promise<AccountEvent[]> {
  return (await request<{ events: AccountEvent[] }>('GET', '/api/audit/events', { query: { ...filter }, signal })).events;
}
