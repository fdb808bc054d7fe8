/**
 * Follows one analysis job for a component: starts it, polls its status for the progress bar, fetches the results
 * when it succeeds, and dismisses it on request. Polling stops when the job ends or the component goes away.
 */
import { computed, onBeforeUnmount, ref, shallowRef } from 'vue';
import { ApiError } from '../api/http';
import { dismissJob, getJob, getJobResults, startJob, type JobInfo } from '../api/processes';

const POLL_INTERVAL_MS = 500;

export function useJob<T = Record<string, unknown>>(processId: string) {
  const job = shallowRef<JobInfo | null>(null);
  const results = shallowRef<T | null>(null);
  const error = ref<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const running = computed(() => job.value?.status === 'accepted' || job.value?.status === 'running');
  const progress = computed(() => job.value?.progress ?? 0);

  function stopPolling(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
  }

  async function poll(): Promise<void> {
    if (!job.value) return;
    try {
      job.value = await getJob(job.value.jobID);
      if (job.value.status === 'successful') results.value = await getJobResults<T>(job.value.jobID);
      else if (job.value.status === 'failed') error.value = job.value.message;
    } catch (err) {
      error.value = err instanceof ApiError ? err.message : String(err);
      return;
    }
    if (running.value) timer = setTimeout(poll, POLL_INTERVAL_MS);
  }

  /** Starts the process as a job; resolves once it is accepted (follow `job`, `progress` and `results`). */
  async function start(inputs: Record<string, unknown>): Promise<void> {
    stopPolling();
    results.value = null;
    error.value = undefined;
    try {
      job.value = await startJob(processId, inputs);
    } catch (err) {
      job.value = null;
      error.value = err instanceof ApiError ? err.message : String(err);
      throw err;
    }
    timer = setTimeout(poll, POLL_INTERVAL_MS);
  }

  /** Shows the results of an earlier job again. */
  async function reopen(jobId: string): Promise<void> {
    stopPolling();
    job.value = await getJob(jobId);
    results.value = null;
    await poll();
  }

  /** Dismisses the running job. */
  async function cancel(): Promise<void> {
    if (!job.value) return;
    stopPolling();
    job.value = await dismissJob(job.value.jobID);
  }

  onBeforeUnmount(stopPolling);
  return { job, results, error, running, progress, start, reopen, cancel };
}
