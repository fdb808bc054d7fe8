/** The benchmark's figures as a markdown report (printed, and written to bench/results.md for the README). */
import os from 'node:os';
import type { CaseResult } from './measure.js';
import type { EmbeddedFigures } from './embedded.js';

/** HTTP path over raw SQL the server should stay under (issue 2, Performance). */
export const RATIO_GOAL = 1.2;

export interface ServerFigures {
  database: string;
  rows: Record<string, number>;
  results: CaseResult[];
}

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));

function serverSection(server: ServerFigures): string[] {
  const lines = [
    `### Server engine: HTTP path against the same SQL on the same pool`,
    '',
    `${server.database}; ${Object.entries(server.rows).map(([k, v]) => `${v.toLocaleString('en-US')} ${k}`).join(', ')}.`,
    'Sequential requests over loopback (Node fetch in the same process, body read in full), each round running one',
    'input three ways in rotating order: HTTP accepting gzip as a browser does, HTTP uncompressed, and the',
    'repository call the route makes. Medians and 95th percentiles in ms; the ratio is of the medians. Each HTTP',
    'request carries a signed-in session cookie (one session lookup) and is written to the request log, as in use.',
    '',
    `| case | rounds | HTTP median | HTTP p95 | HTTP no-gzip median | SQL median | SQL p95 | HTTP / SQL | no-gzip / SQL | ≤ ${RATIO_GOAL}× |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |',
  ];
  for (const r of server.results) {
    lines.push(
      `| ${r.name} | ${r.iterations} | ${ms(r.httpMs.median)} | ${ms(r.httpMs.p95)} | ${ms(r.httpPlainMs.median)} | ${ms(r.sqlMs.median)} | ${ms(r.sqlMs.p95)} ` +
        `| ${r.ratio.toFixed(2)}× | ${r.plainRatio.toFixed(2)}× | ${r.reference ? 'reference' : r.ratio <= RATIO_GOAL ? 'yes' : 'no'} |`,
    );
  }
  return lines;
}

function embeddedSection(embedded: EmbeddedFigures): string[] {
  const rss = (v: number | undefined) => (v === undefined ? 'n/a' : `${Math.round(v)} MiB`);
  return [
    '### Embedded engine (PGlite + PostGIS): start-up',
    '',
    'The server as a child process (`node --import tsx server/src/server.ts`); time from spawn to the first',
    'healthy `/api/health`, and the process\'s peak resident memory (VmHWM) by then.',
    '',
    '| start | ready after | peak RSS |',
    '| --- | ---: | ---: |',
    `| cold: empty DATA_DIR (open, migrate, load the small sample city) | ${embedded.cold.readySeconds.toFixed(1)} s | ${rss(embedded.cold.peakRssMiB)} |`,
    `| warm: the same DATA_DIR again | ${embedded.warm.readySeconds.toFixed(1)} s | ${rss(embedded.warm.peakRssMiB)} |`,
    '',
    `Data folder after the first start: ${Math.round(embedded.dataDirMiB)} MiB.`,
  ];
}

/** The whole report; either part may be missing when it was skipped. */
export function renderReport(server: ServerFigures | undefined, embedded: EmbeddedFigures | undefined): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const lines = [
    `## Benchmark (\`npm run bench\`), ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; Node ${process.version}.`,
    '',
  ];
  if (server) lines.push(...serverSection(server), '');
  if (embedded) lines.push(...embeddedSection(embedded), '');
  return lines.join('\n');
}
