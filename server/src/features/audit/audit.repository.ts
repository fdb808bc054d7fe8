import type { Knex } from 'knex';

export type AuditAction = 'login' | 'login_failed' | 'logout' | 'locked' | 'user_created' | 'user_changed';

/** Writes one account event (sign-ins, lockouts, account changes). Feature changes go to feature_history, file imports to feature_imports. */
export async function recordEvent(db: Knex, event: { userName: string | null; action: AuditAction; detail?: object; ip?: string }): Promise<void> {
  await db.raw('INSERT INTO audit_events (user_name, action, detail, ip) VALUES (?, ?, ?::jsonb, ?)', [
    event.userName, event.action, JSON.stringify(event.detail ?? {}), event.ip ?? null,
  ]);
}

export interface ChangeFilter {
  user?: string;
  collection?: string;
  operation?: string;
  featureId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/**
 * Feature changes, newest first, filtered: the rows of feature_history and the file imports (feature_imports,
 * operation 'import', one row per file with its feature count). `collection` has been checked against the
 * registry by the caller.
 */
export async function selectChanges(db: Knex, f: ChangeFilter) {
  const where: string[] = [];
  const bindings: Knex.Value[] = [];
  const add = (sql: string, value: Knex.Value | undefined) => {
    if (value === undefined) return;
    where.push(sql);
    bindings.push(value);
  };
  add('user_name = ?', f.user);
  add('collection = ?', f.collection);
  add('operation = ?', f.operation);
  add('feature_id = ?::uuid', f.featureId);
  add('at >= ?::timestamptz', f.from);
  add('at < ?::timestamptz', f.to);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const { rows } = await db.raw(
    `SELECT id, at, user_name, collection, feature_id, version, operation, features, file_name, count(*) OVER () AS total
     FROM (
       SELECT id::text AS id, id AS seq, at, user_name, collection, feature_id, version, operation, NULL::integer AS features, NULL::text AS file_name
       FROM feature_history
       UNION ALL
       SELECT 'import-' || id, NULL, at, user_name, collection, NULL::uuid, NULL::integer, 'import', features, file_name
       FROM feature_imports
     ) c ${clause} ORDER BY at DESC, seq DESC NULLS FIRST, id DESC LIMIT ? OFFSET ?`,
    [...bindings, f.limit, f.offset],
  );
  return { total: rows.length ? Number(rows[0].total) : 0, changes: rows.map(({ total: _t, ...r }: { total: unknown }) => r) };
}

/** Account events, newest first. */
export async function selectEvents(db: Knex, f: { user?: string; action?: string; limit: number; offset: number }) {
  const where: string[] = [];
  const bindings: Knex.Value[] = [];
  if (f.user) { where.push('user_name = ?'); bindings.push(f.user); }
  if (f.action) { where.push('action = ?'); bindings.push(f.action); }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const { rows } = await db.raw(
    `SELECT id, at, user_name, action, detail, ip, count(*) OVER () AS total FROM audit_events ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`,
    [...bindings, f.limit, f.offset],
  );
  return { total: rows.length ? Number(rows[0].total) : 0, events: rows.map(({ total: _t, ...r }: { total: unknown }) => r) };
}
