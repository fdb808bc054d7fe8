/**
 * `npm run bench:architecture` — the stream-load and architecture analyses on the full-scale city
 * (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/planner_bench, used read-only: no migration,
 * no account, no write). Times, over repeated runs: reading the network and the cameras (SQL), the pure
 * computation, and the whole process as the OGC route runs it; writes its section of bench/results.md.
 * Options: --runs N (default 10).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../server/src/db/engine.js';
import type { ProcessContext } from '../server/src/analyses/process.js';
import { DEFAULT_OPTIONS, streamLoad } from '../server/src/analyses/stream-load/index.js';
import { loadNetwork } from '../server/src/analyses/stream-load/input.js';
import { streamLoadProcess } from '../server/src/analyses/stream-load/process.js';
import { architectureTiers } from '../server/src/analyses/cctv-architecture/index.js';
import { architectureProcess } from '../server/src/analyses/cctv-architecture/process.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/planner_bench';
const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.md');
const BEGIN = '<!-- bench:architecture -->';
const END = '<!-- /bench:architecture -->';

interface Row { name: string; median: number; p95: number }

async function time(name: string, runs: number, fn: () => Promise<unknown> | unknown): Promise<Row> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const row = { name, median: ms[Math.floor(ms.length / 2)], p95: ms[Math.min(ms.length - 1, Math.ceil(ms.length * 0.95) - 1)] };
  console.log(`${name}: median ${row.median.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms`);
  return row;
}

/** Replaces this benchmark's section of results.md (or appends it), leaving the rest of the file as it is. */
function writeSection(section: string): void {
  const old = fs.existsSync(RESULTS_FILE) ? fs.readFileSync(RESULTS_FILE, 'utf8') : '';
  const block = `${BEGIN}\n${section}\n${END}`;
  const start = old.indexOf(BEGIN);
  const end = old.indexOf(END);
  const next = start >= 0 && end > start ? `${old.slice(0, start)}${block}${old.slice(end + END.length)}` : `${old.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(RESULTS_FILE, next);
}

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10;
  const loadBefore = os.loadavg()[0];
  const db = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL || DEFAULT_URL });
  try {
    const context = { db: db.knex, user: {} as ProcessContext['user'], progress: () => {}, signal: new AbortController().signal };
    const options = DEFAULT_OPTIONS;
    const network = await loadNetwork(db.knex, null, options, true);
    const result = streamLoad(network, options);
    const t = result.totals;
    const { rows } = await db.knex.raw(`SELECT split_part(version(), ' on ', 1) AS pg, postgis_lib_version() AS postgis`);
    const rowsOut: Row[] = [
      await time('read nodes, links and cameras (SQL)', runs, () => loadNetwork(db.knex, null, options, false)),
      await time('read them with each camera\'s ward (SQL, spatial join)', runs, () => loadNetwork(db.knex, null, options, true)),
      await time('stream load: cost, route, sum (pure)', runs, () => streamLoad(network, options)),
      await time('architecture tiers (pure)', runs, () => architectureTiers(network, options)),
      await time('stream-load process, whole city', runs, () => streamLoadProcess.execute({}, context)),
      await time('cctv-architecture process, whole city', runs, () => architectureProcess.execute({}, context)),
    ];
    const perCamera = (ms: number) => `${((ms * 1000) / network.cameras.length).toFixed(1)} µs`;
    const section = [
      `## CCTV architecture (\`npm run bench:architecture\`), ${new Date().toISOString().slice(0, 10)}`,
      '',
      `${rows[0].pg}, PostGIS ${rows[0].postgis}; full-scale city: ${network.cameras.length.toLocaleString('en')} cameras of the analysed statuses `
        + `(${t.cameras.routed.toLocaleString('en')} streamed, ${t.cameras.private.toLocaleString('en')} residents' private ones), `
        + `${network.nodes.length} MAN nodes, ${network.links.length} links. Result: ${(t.routedMbps / 1000).toFixed(1)} Gbit/s, `
        + `${(t.storage.requiredTb / 1000).toFixed(1)} PB needed against ${t.storage.capacityTb} TB, busiest link ${t.links.maxUtilisationPct} %.`,
      `${runs} runs after one warm-up, one after another on this ${os.cpus().length}-core machine (1-minute load average `
        + `${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after: other work on the machine slows every figure); milliseconds.`,
      '',
      '| step | median | p95 | per camera (median) |',
      '| --- | ---: | ---: | ---: |',
      ...rowsOut.map((r) => `| ${r.name} | ${r.median.toFixed(1)} | ${r.p95.toFixed(1)} | ${perCamera(r.median)} |`),
    ].join('\n');
    console.log(`\n${section}`);
    writeSection(section);
    console.log(`Written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
