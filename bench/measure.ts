/** Timing of paired runs (the HTTP path and the raw SQL of the same request) and their summary statistics. */
import { performance } from 'node:perf_hooks';

/** One request of a case: the same input run every way. */
export interface Sample {
  label: string;
  /** Over HTTP as a browser asks for it (gzip accepted). */
  http: () => Promise<unknown>;
  /** Over HTTP without compression: shows how much of the gap gzip is. */
  httpPlain: () => Promise<unknown>;
  /** The repository call the route makes, on the same pool. */
  sql: () => Promise<unknown>;
}

export interface CaseResult {
  name: string;
  reference?: boolean;
  iterations: number;
  httpMs: Stats;
  httpPlainMs: Stats;
  sqlMs: Stats;
  /** Median HTTP time over median SQL time. */
  ratio: number;
  /** The same without gzip. */
  plainRatio: number;
}

export interface Stats {
  median: number;
  p95: number;
  mean: number;
}

const WAYS = ['http', 'httpPlain', 'sql'] as const;

/**
 * Runs `iterations` rounds after `warmup` unmeasured ones, cycling through the samples; a round runs one sample
 * every way. The order within a round rotates, so that no way always finds the caches another just warmed.
 */
export async function measureCase(name: string, samples: Sample[], iterations: number, warmup: number): Promise<CaseResult> {
  if (samples.length === 0) throw new Error(`Case "${name}" has no samples`);
  for (let i = 0; i < warmup; i++) {
    for (const way of WAYS) await samples[i % samples.length][way]();
  }
  const times = { http: [] as number[], httpPlain: [] as number[], sql: [] as number[] };
  for (let i = 0; i < iterations; i++) {
    const s = samples[i % samples.length];
    for (let k = 0; k < WAYS.length; k++) {
      const way = WAYS[(i + k) % WAYS.length];
      times[way].push(await timed(s[way]));
    }
  }
  const [httpMs, httpPlainMs, sqlMs] = [stats(times.http), stats(times.httpPlain), stats(times.sql)];
  return { name, iterations, httpMs, httpPlainMs, sqlMs, ratio: httpMs.median / sqlMs.median, plainRatio: httpPlainMs.median / sqlMs.median };
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

/** Median, 95th percentile (nearest rank) and mean of durations in milliseconds. */
export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, p95: rank(0.95), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}
