/**
 * Runs analyses: synchronously inside a request, or as jobs. Jobs run one after another in this process (the
 * server has two cores; two city-wide analyses at once would only both be slower), report progress to memory at
 * any rate and to the database at most twice a second, and stop when dismissed.
 */
import type { Knex } from 'knex';
import { ProblemError } from '../../lib/errors.js';
import { JobCancelled, type AnalysisProcess, type ProcessContext } from '../../analyses/process.js';
import type { AuthenticatedUser } from '../session/authenticate.js';
import * as jobs from './jobs.repository.js';

const PROGRESS_WRITE_INTERVAL_MS = 500;

interface LiveJob {
  controller: AbortController;
  progress: number;
  message: string | null;
}

export class JobRunner {
  private readonly live = new Map<string, LiveJob>();
  private queue: Promise<void> = Promise.resolve();
  private readonly ready: Promise<unknown>;

  constructor(private readonly db: Knex) {
    this.ready = jobs.failAbandonedJobs(db).catch(() => 0);
  }

  /** Runs a process within the request; `signal` aborts it when the client goes away. */
  async runNow(process: AnalysisProcess, inputs: Record<string, unknown>, user: AuthenticatedUser, signal: AbortSignal): Promise<Record<string, unknown>> {
    const context: ProcessContext = { db: this.db, user, signal, progress: () => {} };
    return process.execute(inputs, context);
  }

  /** Queues a job and answers its row at once (status `accepted`). */
  async submit(process: AnalysisProcess, inputs: Record<string, unknown>, user: AuthenticatedUser): Promise<jobs.JobRow> {
    await this.ready;
    const row = await jobs.insertJob(this.db, process.description.id, inputs, user.id);
    const live: LiveJob = { controller: new AbortController(), progress: 0, message: null };
    this.live.set(row.id, live);
    this.queue = this.queue.then(() => this.run(row.id, process, inputs, user, live));
    return row;
  }

  /** The job's row with its latest in-memory progress. */
  async status(id: string): Promise<jobs.JobRow | undefined> {
    const row = await jobs.findJob(this.db, id);
    const live = this.live.get(id);
    if (row && live && row.status === 'running') return { ...row, progress: live.progress, message: live.message };
    return row;
  }

  async list(userId: string | null, limit: number, processId?: string): Promise<jobs.JobRow[]> {
    await this.ready;
    return jobs.listJobs(this.db, userId, limit, processId);
  }

  results(id: string): Promise<Record<string, unknown> | null> {
    return jobs.findResults(this.db, id);
  }

  /** Dismisses a job: a queued one never starts, a running one is asked to stop, an ended one is left as it is. */
  async dismiss(id: string): Promise<void> {
    this.live.get(id)?.controller.abort();
    await jobs.finishJob(this.db, id, 'dismissed', 'Dismissed by the user.', null);
  }

  private async run(id: string, process: AnalysisProcess, inputs: Record<string, unknown>, user: AuthenticatedUser, live: LiveJob): Promise<void> {
    try {
      if (live.controller.signal.aborted || !(await jobs.markRunning(this.db, id))) return;
      let lastWrite = 0;
      const context: ProcessContext = {
        db: this.db,
        user,
        signal: live.controller.signal,
        progress: (fraction, message) => {
          live.progress = Math.max(0, Math.min(99, Math.floor(fraction * 100)));
          live.message = message ?? live.message;
          const now = Date.now();
          if (now - lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
          lastWrite = now;
          void jobs.saveProgress(this.db, id, live.progress, live.message).catch(() => undefined);
        },
      };
      const results = await process.execute(inputs, context);
      if (live.controller.signal.aborted) return;
      await jobs.finishJob(this.db, id, 'successful', null, results);
    } catch (err) {
      if (err instanceof JobCancelled || live.controller.signal.aborted) return;
      const message = err instanceof ProblemError ? err.detail : 'The analysis failed unexpectedly; the server log has the details.';
      if (!(err instanceof ProblemError)) console.error(JSON.stringify({ time: new Date().toISOString(), job: id, error: String((err as Error)?.stack ?? err) }));
      await jobs.finishJob(this.db, id, 'failed', message, null).catch(() => undefined);
    } finally {
      this.live.delete(id);
    }
  }
}
