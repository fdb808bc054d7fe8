/** SQL of analysis jobs (table analysis_jobs). */
import type { Knex } from 'knex';

export type JobStatus = 'accepted' | 'running' | 'successful' | 'failed' | 'dismissed';

export interface JobRow {
  id: string;
  process_id: string;
  status: JobStatus;
  progress: number;
  message: string | null;
  inputs: Record<string, unknown>;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  updated_at: Date;
}

const COLUMNS = 'id, process_id, status, progress, message, inputs, created_by, created_at, started_at, finished_at, updated_at';

export async function insertJob(db: Knex, processId: string, inputs: Record<string, unknown>, userId: string): Promise<JobRow> {
  const { rows } = await db.raw(
    `INSERT INTO analysis_jobs (process_id, inputs, created_by) VALUES (?, ?::jsonb, ?) RETURNING ${COLUMNS}`,
    [processId, JSON.stringify(inputs), userId],
  );
  return rows[0];
}

export async function findJob(db: Knex, id: string): Promise<JobRow | undefined> {
  const { rows } = await db.raw(`SELECT ${COLUMNS} FROM analysis_jobs WHERE id = ?`, [id]);
  return rows[0];
}

/** The newest jobs, of one user unless `userId` is null (administrators see everyone's). */
export async function listJobs(db: Knex, userId: string | null, limit: number, processId?: string): Promise<JobRow[]> {
  const { rows } = await db.raw(
    `SELECT ${COLUMNS} FROM analysis_jobs
      WHERE (?::uuid IS NULL OR created_by = ?::uuid) AND (?::text IS NULL OR process_id = ?::text)
      ORDER BY created_at DESC LIMIT ?`,
    [userId, userId, processId ?? null, processId ?? null, limit],
  );
  return rows;
}

export async function markRunning(db: Knex, id: string): Promise<boolean> {
  const { rows } = await db.raw(
    `UPDATE analysis_jobs SET status = 'running', started_at = now(), updated_at = now()
      WHERE id = ? AND status = 'accepted' RETURNING id`,
    [id],
  );
  return rows.length > 0;
}

export async function saveProgress(db: Knex, id: string, progress: number, message: string | null): Promise<void> {
  await db.raw(
    `UPDATE analysis_jobs SET progress = ?, message = ?, updated_at = now() WHERE id = ? AND status = 'running'`,
    [progress, message, id],
  );
}

/** Ends a job; a job already ended (dismissed meanwhile) keeps its first ending. */
export async function finishJob(
  db: Knex,
  id: string,
  status: 'successful' | 'failed' | 'dismissed',
  message: string | null,
  results: Record<string, unknown> | null,
): Promise<void> {
  await db.raw(
    `UPDATE analysis_jobs
        SET status = ?, message = ?, results = ?::jsonb, finished_at = now(), updated_at = now(),
            progress = CASE WHEN ? = 'successful' THEN 100 ELSE progress END
      WHERE id = ? AND status IN ('accepted', 'running')`,
    [status, message, results === null ? null : JSON.stringify(results), status, id],
  );
}

export async function findResults(db: Knex, id: string): Promise<Record<string, unknown> | null> {
  const { rows } = await db.raw('SELECT results FROM analysis_jobs WHERE id = ?', [id]);
  return rows[0]?.results ?? null;
}

/** Jobs left unfinished by a previous server process can never end: they are marked failed at start-up. */
export async function failAbandonedJobs(db: Knex): Promise<number> {
  const { rows } = await db.raw(
    `UPDATE analysis_jobs SET status = 'failed', message = 'The server restarted while the job ran; run it again.',
            finished_at = now(), updated_at = now()
      WHERE status IN ('accepted', 'running') RETURNING id`,
  );
  return rows.length;
}
