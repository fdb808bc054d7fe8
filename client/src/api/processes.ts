/** Client for OGC API – Processes (`/ogc/processes`, `/ogc/jobs`): run analyses, follow and dismiss jobs. */
import { getJson, request } from './http';

export type JobStatus = 'accepted' | 'running' | 'successful' | 'failed' | 'dismissed';

/** A job's status document (OGC statusInfo). */
export interface JobInfo {
  jobID: string;
  processID: string;
  status: JobStatus;
  message?: string;
  /** Percent, 0–100. */
  progress: number;
  created?: string;
  started?: string;
  finished?: string;
}

const processUrl = (processId: string) => `/ogc/processes/${encodeURIComponent(processId)}/execution`;
const jobUrl = (jobId: string) => `/ogc/jobs/${encodeURIComponent(jobId)}`;

/** Runs a process within the request and returns its outputs document. */
export function executeNow<T = Record<string, unknown>>(processId: string, inputs: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  return request<T>('POST', processUrl(processId), { body: { inputs }, signal });
}

/** Starts a process as a job (Prefer: respond-async) and returns its first status. */
export function startJob(processId: string, inputs: Record<string, unknown>): Promise<JobInfo> {
  return request<JobInfo>('POST', processUrl(processId), { body: { inputs }, headers: { Prefer: 'respond-async' } });
}

export function getJob(jobId: string, signal?: AbortSignal): Promise<JobInfo> {
  return getJson<JobInfo>(jobUrl(jobId), signal);
}

/** The outputs document of a successful job. */
export function getJobResults<T = Record<string, unknown>>(jobId: string): Promise<T> {
  return getJson<T>(`${jobUrl(jobId)}/results`);
}

/** Dismisses (cancels) a job. */
export function dismissJob(jobId: string): Promise<JobInfo> {
  return request<JobInfo>('DELETE', jobUrl(jobId));
}

/** The user's recent jobs of one process, newest first. */
export async function listJobs(processId: string): Promise<JobInfo[]> {
  const body = await getJson<{ jobs: JobInfo[] }>(`/ogc/jobs?processID=${encodeURIComponent(processId)}`);
  return body.jobs;
}
