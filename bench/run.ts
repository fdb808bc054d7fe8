/**
 * `npm run bench` — issue 2's performance figures (not a timed test).
 *
 * Server engine (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/planner_bench, created with
 * PostGIS and loaded with the full-scale sample city when it holds fewer than 300,000 buildings): the app runs
 * in this process, and each case times the HTTP path against the same repository SQL on the same pool.
 * Embedded engine: cold and warm start of the server as a child process, with its peak memory.
 *
 * Then, each as its own section of results.md: thematic maps (issue 6, bench/thematic.ts) unless --skip-thematic,
 * the occluded camera zones of the whole city (issue 5, bench/cctv.ts) unless --skip-cctv, and issue 4's import
 * figures (bench/import.ts) unless --skip-import. The CCTV architecture figures are `npm run bench:architecture`.
 *
 * Options: --quick (a fifth of the iterations, one import run), --skip-server, --skip-embedded, --skip-thematic,
 * --skip-cctv, --skip-import.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openDatabase, migrateLatest, type Database } from '../server/src/db/engine.js';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { findByUsername } from '../server/src/features/users/users.repository.js';
import { createUser } from '../server/src/features/users/users.service.js';
import { buildCases } from './cases.js';
import { ensureDatabase } from './database.js';
import { measureCase, type CaseResult } from './measure.js';
import { measureEmbeddedStarts, type EmbeddedFigures } from './embedded.js';
import { renderReport, RATIO_GOAL, type ServerFigures } from './report.js';
import { runImportBench } from './import.js';
import { CCTV_BEGIN, CCTV_END, runCctvBench } from './cctv.js';

const FULL_SCALE_BUILDINGS = 300_000;
const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/planner_bench';
const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.md');
// A viewer account of the benchmark database only (a local, throw-away database), so its password is fixed.
const BENCH_USER = { username: 'bench', displayName: 'Benchmark', role: 'viewer' as const, password: 'bench-viewer-password' };

/** Loads the full-scale city unless the database already holds one (loading takes minutes). */
async function ensureFullScaleCity(db: Database): Promise<void> {
  const { rows } = await db.knex.raw('SELECT count(*)::integer AS n FROM buildings');
  if (rows[0].n >= FULL_SCALE_BUILDINGS) return;
  console.log(`The database holds ${rows[0].n} buildings: loading the full-scale sample city (this takes a while)…`);
  const started = Date.now();
  // Imported only when needed: the generator is large and most runs reuse the loaded database.
  const { loadSampleCity } = await import('../server/src/features/sample-city/sample-city.service.js');
  const counts = await loadSampleCity(db.knex, { scale: 'full' });
  await db.knex.raw('ANALYZE');
  console.log(`Loaded in ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}`);
}

/**
 * Signs the benchmark in as a browser does and returns the session cookie: every HTTP request then pays what a
 * signed-in user's request pays (the session lookup included).
 */
async function signIn(db: Database, baseUrl: string): Promise<Record<string, string>> {
  if (!(await findByUsername(db.knex, BENCH_USER.username))) await createUser(db.knex, BENCH_USER, 'bench');
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: BENCH_USER.username, password: BENCH_USER.password }),
  });
  if (!res.ok) throw new Error(`Signing in as ${BENCH_USER.username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie };
}

async function rowCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['buildings', 'cameras', 'roads']) {
    const { rows } = await db.knex.raw(`SELECT count(*)::integer AS n FROM ${table}`);
    counts[table] = rows[0].n;
  }
  return counts;
}

async function benchServerEngine(url: string, scale: number): Promise<ServerFigures> {
  await ensureDatabase(url);
  const db = await openDatabase({ databaseUrl: url });
  let server: Server | undefined;
  // The request log is part of the HTTP path, so it stays on, but it goes to a file rather than over the figures.
  const requestLog = fs.createWriteStream(path.join(os.tmpdir(), 'planner-bench-requests.log'));
  try {
    await migrateLatest(db.knex);
    await ensureFullScaleCity(db);
    const { rows } = await db.knex.raw(`SELECT split_part(version(), ' on ', 1) AS pg, postgis_lib_version() AS postgis`);
    const database = `${rows[0].pg}, PostGIS ${rows[0].postgis}${db.capabilities.mvt ? '' : ' (no ST_AsMVT: tiles encoded in Node)'}`;
    const app = createApp(db, { ...loadConfig(), log: (line) => requestLog.write(`${line}\n`) });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    console.log(`${database}\nApp at ${baseUrl}`);
    const headers = await signIn(db, baseUrl);
    const cases = await buildCases({ baseUrl, headers, knex: db.knex, capabilities: db.capabilities, scale });
    const results: CaseResult[] = [];
    for (const c of cases) {
      const warmup = Math.min(20, Math.max(5, c.samples.length));
      const result = { ...(await measureCase(c.name, c.samples, c.iterations, warmup)), reference: c.reference };
      results.push(result);
      console.log(
        `${c.name}: HTTP median ${result.httpMs.median.toFixed(2)} ms p95 ${result.httpMs.p95.toFixed(2)} ms | ` +
          `no-gzip median ${result.httpPlainMs.median.toFixed(2)} ms | SQL median ${result.sqlMs.median.toFixed(2)} ms ` +
          `p95 ${result.sqlMs.p95.toFixed(2)} ms | ratio ${result.ratio.toFixed(2)}× (no gzip ${result.plainRatio.toFixed(2)}×)`,
      );
    }
    return { database, rows: await rowCounts(db), results };
  } finally {
    if (server) await new Promise((resolve) => server!.close(resolve));
    requestLog.end();
    await db.close();
  }
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const scale = args.has('--quick') ? 0.2 : 1;
  let serverFigures: ServerFigures | undefined;
  let embeddedFigures: EmbeddedFigures | undefined;
  if (!args.has('--skip-server')) {
    serverFigures = await benchServerEngine(process.env.BENCH_DATABASE_URL || DEFAULT_URL, scale);
  }
  if (!args.has('--skip-embedded')) {
    console.log('Embedded engine: cold start on an empty DATA_DIR, then a warm start…');
    embeddedFigures = await measureEmbeddedStarts();
  }
  let report = renderReport(serverFigures, embeddedFigures);
  if (!args.has('--skip-thematic')) {
    const { runThematicBench, renderThematicSection } = await import('./thematic.js');
    report = `${report.trimEnd()}\n\n${renderThematicSection(await runThematicBench({ quick: args.has('--quick') }))}`;
  }
  if (!args.has('--skip-cctv')) {
    console.log('CCTV: occluded zones of every camera of the full-scale city…');
    report += `\n${CCTV_BEGIN}\n${await runCctvBench(process.env.BENCH_DATABASE_URL || DEFAULT_URL)}\n${CCTV_END}\n`;
  }
  console.log(`\n${report}`);
  fs.writeFileSync(RESULTS_FILE, report);
  console.log(`Written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
  const over = serverFigures?.results.filter((r) => !r.reference && r.ratio > RATIO_GOAL) ?? [];
  if (over.length) console.log(`Above the ${RATIO_GOAL}× goal: ${over.map((r) => r.name).join('; ')}`);
  if (!args.has('--skip-import')) await runImportBench({ runs: args.has('--quick') ? 1 : 3 });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
