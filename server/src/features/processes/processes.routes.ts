/**
 * OGC API – Processes – Part 1: Core (OGC 18-062r2) at /ogc/processes and /ogc/jobs: the analyses of
 * server/src/analyses/registry.ts, executed synchronously or as jobs with progress, results and dismissal.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { ProblemError } from '../../lib/errors.js';
import { readJsonBody } from '../../lib/http-body.js';
import { requireRole, requireUser } from '../../lib/access.js';
import { validateInputs } from '../../analyses/inputs.js';
import type { AnalysisProcess } from '../../analyses/process.js';
import type { AuthenticatedUser } from '../session/authenticate.js';
import { baseUrl } from '../ogc/items.routes.js';
import type { JobRunner } from './jobs.service.js';
import type { JobRow } from './jobs.repository.js';

export const PROCESSES_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/json',
  'http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/job-list',
  'http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/dismiss',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function processesRouter(processes: readonly AnalysisProcess[], runner: JobRunner, maxBodyBytes: number): Router {
  const byId = new Map(processes.map((p) => [p.description.id, p]));
  const router = new Router({ prefix: '/ogc' });

  router.get('/processes', (ctx) => {
    requireUser(ctx);
    const base = baseUrl(ctx);
    ctx.body = {
      processes: processes.map((p) => summary(p, base)),
      links: [{ rel: 'self', type: 'application/json', href: `${base}/ogc/processes` }],
    };
  });

  router.get('/processes/:processId', (ctx) => {
    requireUser(ctx);
    const process = processOf(byId, ctx.params.processId);
    ctx.body = { ...summary(process, baseUrl(ctx)), inputs: process.description.inputs, outputs: process.description.outputs };
  });

  router.post('/processes/:processId/execution', async (ctx) => {
    const process = processOf(byId, ctx.params.processId);
    const user = process.roles ? requireRole(ctx, process.roles, `run ${process.description.id}`) : requireUser(ctx);
    const body = (await readJsonBody(ctx, maxBodyBytes)) as { inputs?: unknown } | null;
    const inputs = validateInputs(process.description, body && typeof body === 'object' ? body.inputs : undefined);
    const options = process.description.jobControlOptions;
    const wantsAsync = /respond-async/i.test(ctx.get('prefer'));
    if ((wantsAsync && options.includes('async-execute')) || !options.includes('sync-execute')) {
      const row = await runner.submit(process, inputs, user);
      ctx.status = 201;
      ctx.set('Location', `${baseUrl(ctx)}/ogc/jobs/${row.id}`);
      ctx.set('Preference-Applied', 'respond-async');
      ctx.body = statusInfo(row, baseUrl(ctx));
      return;
    }
    const request = new AbortController();
    ctx.req.once('close', () => { if (!ctx.res.writableEnded) request.abort(); });
    ctx.body = await runner.runNow(process, inputs, user, request.signal);
  });

  router.get('/jobs', async (ctx) => {
    const user = requireUser(ctx);
    const processId = typeof ctx.query.processID === 'string' ? ctx.query.processID : undefined;
    const rows = await runner.list(user.role === 'admin' ? null : user.id, 100, processId);
    const base = baseUrl(ctx);
    ctx.body = { jobs: rows.map((r) => statusInfo(r, base)), links: [{ rel: 'self', type: 'application/json', href: `${base}/ogc/jobs` }] };
  });

  router.get('/jobs/:jobId', async (ctx) => {
    ctx.body = statusInfo(await visibleJob(ctx, runner), baseUrl(ctx));
  });

  router.get('/jobs/:jobId/results', async (ctx) => {
    const row = await visibleJob(ctx, runner);
    if (row.status !== 'successful') {
      const reason = row.status === 'failed' ? `it failed: ${row.message}` : row.status === 'dismissed' ? 'it was dismissed' : 'it has not finished yet';
      throw new ProblemError(404, 'Result not ready', `Job ${row.id} has no results: ${reason}.`, [], { type: 'http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/result-not-ready' });
    }
    ctx.body = await runner.results(row.id);
  });

  router.delete('/jobs/:jobId', async (ctx) => {
    const row = await visibleJob(ctx, runner);
    await runner.dismiss(row.id);
    ctx.body = statusInfo((await runner.status(row.id)) ?? row, baseUrl(ctx));
  });

  return router;
}

function processOf(byId: Map<string, AnalysisProcess>, id: string): AnalysisProcess {
  const process = byId.get(id);
  if (!process) {
    throw new ProblemError(404, 'No such process', `There is no process "${id}". GET /ogc/processes lists them.`, [], {
      type: 'http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/no-such-process',
    });
  }
  return process;
}

/** A job its creator or an administrator asked for; anyone else gets the same 404 as for a job that never was. */
async function visibleJob(ctx: Context, runner: JobRunner): Promise<JobRow> {
  const user: AuthenticatedUser = requireUser(ctx);
  const id = String(ctx.params.jobId);
  const row = UUID.test(id) ? await runner.status(id) : undefined;
  if (!row || (row.created_by !== user.id && user.role !== 'admin')) {
    throw new ProblemError(404, 'No such job', `There is no job "${id}" of yours. GET /ogc/jobs lists them.`, [], {
      type: 'http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/no-such-job',
    });
  }
  return row;
}

function summary(process: AnalysisProcess, base: string) {
  const { id, title, description, version, jobControlOptions } = process.description;
  return {
    id, title, description, version, jobControlOptions,
    links: [{ rel: 'self', type: 'application/json', href: `${base}/ogc/processes/${id}` }],
  };
}

function statusInfo(row: JobRow, base: string) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : undefined);
  return {
    type: 'process',
    processID: row.process_id,
    jobID: row.id,
    status: row.status,
    message: row.message ?? undefined,
    progress: row.progress,
    created: iso(row.created_at),
    started: iso(row.started_at),
    finished: iso(row.finished_at),
    updated: iso(row.updated_at),
    links: [
      { rel: 'self', type: 'application/json', href: `${base}/ogc/jobs/${row.id}` },
      ...(row.status === 'successful' ? [{ rel: 'http://www.opengis.net/def/rel/ogc/1.0/results', type: 'application/json', href: `${base}/ogc/jobs/${row.id}/results` }] : []),
    ],
  };
}
