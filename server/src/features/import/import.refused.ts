import type { Knex } from 'knex';
import type { CollectionSpec } from '../collections/registry.js';
import * as repo from './import.repository.js';

/**
 * The rules only the database holds (a camera's optics: a field of view or a sensor and a lens; references to
 * MAN nodes and gateways that must exist) surface at the commit, as an error of the whole INSERT. This finds
 * the row that broke one, so the answer can name it: it replays the insert in a transaction that is always
 * rolled back, halving the failing batch under savepoints until one row is left (about log₂(batch) inserts).
 */

export interface DataError {
  code: string;
  message: string;
  constraint?: string;
  column?: string;
  detail?: string;
}

/** A PostgreSQL error that means "this data breaks a rule" (SQLSTATE classes 22 and 23). */
export function isDataError(err: unknown): err is DataError {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** What the database said, as a sentence about the row. */
export function describeDataError(err: DataError): string {
  switch (err.code) {
    case '23514': return `breaks the database rule "${err.constraint}"${err.constraint === 'cameras_check' ? ' (a camera needs hfov_deg, or both sensor_width_mm and focal_length_mm)' : ''}`;
    case '23503': return `refers to a feature that does not exist (${err.detail ?? err.constraint})`;
    case '23502': return `has no value for the required "${err.column}"`;
    case '23505': return `repeats a value that must be unique (${err.constraint})`;
    default: return `has a value the database cannot store (${err.message})`;
  }
}

class RolledBack extends Error {}

/** The first row the database refuses: its index into `rows` and the database's error for that row alone. */
export interface RefusedRow {
  index: number;
  error: DataError;
}

/** The first row the database refuses, or undefined when every row goes in (then nothing is kept either). */
export async function locateRefusedRow(
  db: Knex, spec: CollectionSpec, srid: number, rows: repo.InsertRow[], batchSize: number, user: string, scenarioId: string | undefined,
): Promise<RefusedRow | undefined> {
  let found: RefusedRow | undefined;
  /** Inserts rows from…to − 1 in a savepoint: undefined when they went in, else the database's refusal. */
  const attempt = async (trx: Knex.Transaction, from: number, to: number): Promise<DataError | undefined> => {
    try {
      await trx.transaction((sp) => repo.insertBatch(sp, spec, srid, rows.slice(from, to), user, scenarioId));
      return undefined;
    } catch (err) {
      if (!isDataError(err)) throw err;
      return err;
    }
  };
  await db.transaction(async (trx) => {
    await repo.setActingUser(trx, user);
    await repo.startBulkImport(trx);
    for (let from = 0; from < rows.length && found === undefined; from += batchSize) {
      let [lo, hi] = [from, Math.min(from + batchSize, rows.length)];
      if (!(await attempt(trx, lo, hi))) continue;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (await attempt(trx, lo, mid)) hi = mid;
        else lo = mid;
      }
      // The row alone, after the rows before it: its own error, not that of a batch it was part of.
      const error = await attempt(trx, lo, lo + 1);
      if (error) found = { index: lo, error };
    }
    throw new RolledBack();
  }).catch((err) => {
    if (!(err instanceof RolledBack)) throw err;
  });
  return found;
}
