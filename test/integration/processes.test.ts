import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, startTestApp, type TestApp } from '../helpers/test-app.js';
import { actAs, anonymous, fetchAs, getJson, sendJson } from '../helpers/http.js';
import { countCamerasSlowly, engineersOnlyJob } from '../fixtures/processes.js';
import { cameraFeature } from '../fixtures/features.js';

let app: TestApp;
let cameraCount: number;
beforeAll(async () => {
  actAs(basicAuth('planner'));
  app = await startTestApp({ processes: [countCamerasSlowly, engineersOnlyJob] });
  for (let i = 0; i < 3; i++) {
    const created = await sendJson('POST', `${app.url}/ogc/collections/cameras/items`, cameraFeature(), basicAuth('engineer'));
    expect(created.status).toBe(201);
  }
  cameraCount = 3;
});
afterAll(async () => {
  await app?.close();
});

const json = { 'content-type': 'application/json' };
const async = { ...json, Prefer: 'respond-async' };
const execute = (id: string, inputs: unknown, headers: Record<string, string> = json) =>
  sendJson('POST', `${app.url}/ogc/processes/${id}/execution`, { inputs }, headers);

/** Polls a job until it leaves accepted/running; returns every status document seen. */
async function waitForJob(location: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
  const seen: Record<string, unknown>[] = [];
  for (let i = 0; i < 200; i++) {
    const { body } = await getJson(location, headers);
    seen.push(body);
    if (!['accepted', 'running'].includes(body.status)) return seen;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${location} did not end`);
}

describe('OGC API – Processes', () => {
  it('lists_and_describes_the_processes_with_their_inputs_and_outputs', async () => {
    const list = await getJson(`${app.url}/ogc/processes`);
    expect(list.status).toBe(200);
    expect(list.body.processes.map((p: { id: string }) => p.id)).toEqual(['test-count-cameras', 'test-engineers-only']);
    const one = await getJson(`${app.url}/ogc/processes/test-count-cameras`);
    expect(Object.keys(one.body.inputs)).toEqual(['steps', 'stepMs', 'failAtStep']);
    expect(one.body.outputs.count.schema).toEqual({ type: 'integer' });
    const conformance = await getJson(`${app.url}/ogc/conformance`);
    expect(conformance.body.conformsTo).toContain('http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/core');
  });

  it('runs_a_process_synchronously_and_answers_its_outputs', async () => {
    const { status, body } = await execute('test-count-cameras', { steps: 2 });
    expect(status).toBe(200);
    expect(body).toEqual({ count: cameraCount });
  });

  it('refuses_unknown_missing_and_out_of_range_inputs_naming_each', async () => {
    const { status, body } = await execute('test-count-cameras', { steps: 0, colour: 'red' });
    expect(status).toBe(422);
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['inputs.colour', 'inputs.steps']);
    const missing = await execute('test-count-cameras', {});
    expect(missing.body.errors).toEqual([{ field: 'inputs.steps', message: 'is required' }]);
  });

  it('answers_404_with_the_ogc_exception_type_for_an_unknown_process_or_job', async () => {
    const process = await execute('no-such-analysis', {});
    expect(process.status).toBe(404);
    expect(process.body.type).toMatch(/no-such-process$/);
    const job = await getJson(`${app.url}/ogc/jobs/00000000-0000-0000-0000-000000000000`);
    expect(job.status).toBe(404);
    expect(job.body.type).toMatch(/no-such-job$/);
  });

  it('runs_a_job_with_progress_and_keeps_its_results', async () => {
    const started = await execute('test-count-cameras', { steps: 8, stepMs: 100 }, async);
    expect(started.status).toBe(201);
    const location = started.headers.get('location')!;
    expect(location).toMatch(/\/ogc\/jobs\/[0-9a-f-]{36}$/);
    const seen = await waitForJob(location);
    expect(seen.some((s) => s.status === 'running' && (s.progress as number) > 0 && (s.progress as number) < 100)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ status: 'successful', progress: 100 });
    const results = await getJson(`${location}/results`);
    expect(results.body).toEqual({ count: cameraCount });
    const list = await getJson(`${app.url}/ogc/jobs`);
    expect(list.body.jobs.map((j: { jobID: string }) => j.jobID)).toContain(location.split('/').pop());
  });

  it('shows_a_job_to_its_creator_and_administrators_only', async () => {
    const started = await execute('test-count-cameras', { steps: 1 }, async);
    const location = started.headers.get('location')!;
    await waitForJob(location);
    expect((await getJson(location, basicAuth('engineer'))).status).toBe(404);
    expect((await getJson(location, basicAuth('admin'))).status).toBe(200);
    expect((await getJson(location, anonymous)).status).toBe(401);
  });

  it('dismissing_a_running_job_stops_it_and_it_has_no_results', async () => {
    const started = await execute('test-count-cameras', { steps: 50, stepMs: 100 }, async);
    const location = started.headers.get('location')!;
    await new Promise((r) => setTimeout(r, 300));
    const dismissed = await fetchAs(location, { method: 'DELETE' });
    expect(dismissed.status).toBe(200);
    expect((await dismissed.json()).status).toBe('dismissed');
    const seen = await waitForJob(location);
    expect(seen.at(-1)!.status).toBe('dismissed');
    const results = await getJson(`${location}/results`);
    expect(results.status).toBe(404);
    expect(results.body.detail).toMatch(/dismissed/);
  });

  it('a_failing_job_ends_failed_with_the_analysis_message', async () => {
    const started = await execute('test-count-cameras', { steps: 3, failAtStep: 2 }, async);
    const seen = await waitForJob(started.headers.get('location')!);
    expect(seen.at(-1)).toMatchObject({ status: 'failed', message: 'Step 2 was asked to fail.' });
  });

  it('runs_an_async_only_process_as_a_job_even_without_prefer_and_checks_its_roles', async () => {
    const refused = await execute('test-engineers-only', {});
    expect(refused.status).toBe(403);
    const started = await execute('test-engineers-only', {}, { ...json, ...basicAuth('engineer') });
    expect(started.status).toBe(201);
    const seen = await waitForJob(started.headers.get('location')!, basicAuth('engineer'));
    expect(seen.at(-1)!.status).toBe('successful');
  });
});
