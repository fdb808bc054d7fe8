/**
 * The CCTV jobs report progress as `step` or `step: done / total` (server/src/analyses/city-coverage/process.ts,
 * camera-placement/process.ts); this words them in the UI language, leaving any other message as it is.
 */
import type { JobInfo } from '../api/processes';

const STEP = /^([a-z-]+)(?:: (\d+)(?: \/ (\d+))?)?$/;

/** The job with its progress message translated by `t` (keys cctv.progress.<step>). */
export function wordedJob(job: JobInfo | null, t: (key: string, values?: Record<string, unknown>) => string, te: (key: string) => boolean): JobInfo | null {
  if (!job?.message) return job;
  const match = STEP.exec(job.message);
  if (!match || !te(`cctv.progress.${match[1]}`)) return job;
  return { ...job, message: t(`cctv.progress.${match[1]}`, { done: match[2], total: match[3] }) };
}
