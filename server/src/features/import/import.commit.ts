import type { Knex } from 'knex';
import { ProblemError, invalidInput } from '../../lib/errors.js';
import { assertDraft } from '../scenarios/scenarios.service.js';
import { checkRows, type Checked, type CheckedRow } from './import.checks.js';
import { describeDataError, isDataError, locateRefusedRow } from './import.refused.js';
import { REPORT_ROWS, type ResolvedChoices } from './import.service.js';
import type { ImportStore, StagedImport } from './import.store.js';
import * as repo from './import.repository.js';

/** Rows per INSERT … SELECT statement. */
const INSERT_BATCH = 10_000;

/**
 * A bulk load: at least this many rows, and at least as many as the layer holds. The layer's primary key,
 * self-references and non-unique indexes are then built and checked once after the insert instead of for every
 * inserted row (PostgreSQL 15 manual §14.4.3-4; see liftForBulkLoad), inside the import's transaction, so a
 * failed import gives them back untouched.
 */
const BULK_LOAD_MIN_ROWS = 10_000;
/** How long a bulk load waits for the layer's readers to finish before it inserts with the keys and indexes in place. */
const BULK_LOAD_LOCK_WAIT_MS = 2_000;

/** The outcome of a commit. */
export interface CommitResult {
  collection: string;
  scenario: string | null;
  inserted: number;
  /** lon/lat extent of what was inserted: minLon, minLat, maxLon, maxLat. */
  extent: [number, number, number, number] | null;
}

/** A batch wrote fewer rows than it was given: some lay outside the planning area. */
class NotWritten extends Error {}

/**
 * Writes every feature of the staged file in one transaction, or nothing. Every row is first checked against
 * the collection's schema as an API write is; PostGIS's checks (validity, the planning area) are enforced by
 * the insert itself — the table's CHECK (ST_IsValid) and the insert's area filter — so a good file is read and
 * transformed once. If anything is refused, the transaction rolls back and the full report names the rows
 * (422), or, for a rule only the database holds, the row that broke it. Recorded as one import event of `user`'s
 * (feature_imports); each row is its feature's version 1.
 * The staged import is forgotten once written.
 */
export async function commitImport(db: Knex, store: ImportStore, staged: StagedImport, choices: ResolvedChoices, user: string): Promise<CommitResult> {
  if (choices.scenarioId) await assertDraft(db, choices.scenarioId);
  const features = staged.parsed.features;
  // Repairs change geometries before they are written, so they need PostGIS's verdict first.
  const checked = await checkRows(db, features, choices, { postgis: choices.repair });
  let failure: unknown;
  if (checked.problemRows === 0) {
    try {
      const result = await write(db, choices, checked, user, staged.fileName);
      store.delete(staged.id);
      return { collection: choices.spec.id, scenario: choices.scenarioId ?? null, ...result };
    } catch (err) {
      if (!(err instanceof NotWritten) && !isDataError(err)) throw err;
      failure = err;
    }
  }
  const full = checked.problemRows === 0 || !choices.repair ? await checkRows(db, features, choices) : checked;
  if (full.problemRows > 0) throw reportOf(full, features.length);
  if (!isDataError(failure)) throw failure;
  const refused = await locateRefusedRow(db, choices.spec, choices.crs.srid, full.ready.map(insertRowOf), INSERT_BATCH, user, choices.scenarioId);
  const row = refused === undefined ? undefined : full.ready[refused.index].row;
  // The located row's own error: the failed write's may be another row's (a batch stops at whichever refusal
  // it meets first, and a key re-checked after a bulk load at whichever bad row its scan meets).
  const what = describeDataError(refused?.error ?? failure);
  throw invalidInput(`${row === undefined ? 'A row' : `Row ${row}`} ${what}, so nothing was imported. Fix it in the file and try again.`,
    [{ field: row === undefined ? 'rows' : `rows[${row}]`, message: what }]);
}

async function write(db: Knex, choices: ResolvedChoices, checked: Checked, user: string, fileName: string): Promise<Omit<CommitResult, 'collection' | 'scenario'>> {
  const rows = checked.ready;
  // Counted before the transaction: a lock taken to count would have to be upgraded to the bulk load's, and two
  // imports upgrading at once deadlock.
  const large = rows.length >= BULK_LOAD_MIN_ROWS && (await repo.layerHoldsAtMost(db, choices.spec, rows.length));
  return db.transaction(async (trx) => {
    await repo.setActingUser(trx, user);
    // One import event instead of a history row per feature; each row is its own version 1 until first edited.
    await repo.startBulkImport(trx);
    const bulk = large && (await repo.lockLayerForBulkLoad(trx, choices.spec, BULK_LOAD_LOCK_WAIT_MS));
    const restore = bulk ? await repo.liftForBulkLoad(trx, choices.spec) : [];
    let inserted = 0;
    let extent: CommitResult['extent'] = null;
    const wrote = (done: { n: number; extent: CommitResult['extent'] }, sent: number) => {
      if (done.n < sent) throw new NotWritten();
      inserted += done.n;
      extent = union(extent, done.extent);
    };
    if (repo.copiesPoints(trx, choices.spec, choices.crs.srid)) {
      // One streamed COPY: this process makes the lines while the server stores the last ones.
      wrote(await repo.copyPoints(trx, choices.spec, rows, user, choices.scenarioId), rows.length);
    } else {
      for (let k = 0; k < rows.length; k += INSERT_BATCH) {
        const batch = rows.slice(k, k + INSERT_BATCH).map(insertRowOf);
        wrote(await repo.insertBatch(trx, choices.spec, choices.crs.srid, batch, user, choices.scenarioId), batch.length);
      }
    }
    await repo.restoreAfterBulkLoad(trx, restore);
    await repo.insertImportEvent(trx, { collection: choices.spec.table, scenarioId: choices.scenarioId, fileName, features: inserted, extent, user });
    return { inserted, extent };
  });
}

/** A checked row as insertBatch takes it: the geometry beside the properties. */
function insertRowOf(row: CheckedRow): repo.InsertRow {
  return { g: row.geometry, ...row.properties };
}

function reportOf(checked: Checked, total: number): ProblemError {
  const first = checked.problems.slice(0, 20);
  return new ProblemError(422, 'Invalid input',
    `${checked.problemRows} of ${total} rows have problems, so nothing was imported. Fix them in the file (or map other columns, or choose the repair) and try again; the first: ${first.slice(0, 3).map((p) => `row ${p.row} ${p.field} ${p.problem}`).join('; ')}.`,
    first.map((p) => ({ field: `rows[${p.row}].${p.field}`, message: p.problem })),
    { problemRows: checked.problemRows, problems: checked.problems.slice(0, REPORT_ROWS) });
}

function union(a: CommitResult['extent'], b: CommitResult['extent']): CommitResult['extent'] {
  if (!a || !b) return a ?? b;
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}
