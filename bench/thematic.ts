/**
 * `npm run bench:thematic` — issue 6's performance figures, also run by `npm run bench` (bench/run.ts):
 * 1. every indicator for all wards on the full-scale city (server engine, BENCH_DATABASE_URL, default
 *    postgres://postgres@127.0.0.1:5432/planner_bench), the service call and the HTTP request, plus the key
 *    figures and a heat map's positions;
 * 2. the time from choosing an indicator to the map drawn, in headless Chromium on the production client.
 * The layer data is only read: the benchmark waits for a database still being loaded, and writes only its
 * viewer account and its browser session. Goal: under 1 s for both. The figures replace the "Thematic maps"
 * section of bench/results.md.
 *
 * Options: --quick (fewer rounds), --skip-browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Database } from '../server/src/db/engine.js';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { findByUsername } from '../server/src/features/users/users.repository.js';
import { createUser } from '../server/src/features/users/users.service.js';
import { INDICATORS } from '../server/src/features/statistics/indicators.js';
import { indicatorFigures, keyFigures, pointPositions } from '../server/src/features/statistics/statistics.service.js';
import { stats, type Stats } from './measure.js';
import { ensureClientBuild, timeIndicatorDraws, type DrawTiming } from './thematic-browser.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/planner_bench';
const FULL_SCALE_BUILDINGS = 300_000;
const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.md');
const SECTION_TITLE = '## Thematic maps';
export const GOAL_MS = 1000;
// The same throw-away viewer account as bench/run.ts uses in the benchmark database.
const BENCH_USER = { username: 'bench', displayName: 'Benchmark', role: 'viewer' as const, password: 'bench-viewer-password' };

interface ServerCase {
  name: string;
  service: Stats;
  http: Stats;
}

export interface ThematicFigures {
  database: string;
  counts: Record<string, number>;
  cases: ServerCase[];
  draws: DrawTiming[] | null;
}

/** Waits (up to 30 min) while the full-scale city is still being loaded by someone else; never loads it. */
async function waitForFullScale(db: Database): Promise<void> {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const { rows } = await db.knex.raw(`SELECT (SELECT count(*) FROM buildings)::int AS n`).catch(() => ({ rows: [{ n: 0 }] }));
    if (rows[0].n >= FULL_SCALE_BUILDINGS) return;
    if (Date.now() > deadline) throw new Error(`The benchmark database holds ${rows[0].n} buildings; run npm run bench to load the full-scale city.`);
    console.log(`Waiting for the full-scale city (${rows[0].n} buildings so far)…`);
    await new Promise((r) => setTimeout(r, 30_000));
  }
}

async function ensureBenchUser(db: Database): Promise<void> {
  if (await findByUsername(db.knex, BENCH_USER.username)) return;
  // Another benchmark may create it at the same moment: a duplicate is fine.
  await createUser(db.knex, BENCH_USER, 'bench').catch(async (e) => {
    if (!(await findByUsername(db.knex, BENCH_USER.username))) throw e;
  });
}

async function timeRounds(rounds: number, run: () => Promise<unknown>): Promise<Stats> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return stats(times);
}

async function serverCases(db: Database, baseUrl: string, rounds: number): Promise<ServerCase[]> {
  const auth = { Authorization: `Basic ${Buffer.from(`${BENCH_USER.username}:${BENCH_USER.password}`).toString('base64')}` };
  const get = (url: string) => async () => {
    const res = await fetch(`${baseUrl}${url}`, { headers: { ...auth, 'Accept-Encoding': 'gzip' } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const cases: ServerCase[] = [];
  for (const spec of INDICATORS) {
    cases.push({
      name: `${spec.id}, all wards`,
      service: await timeRounds(rounds, () => indicatorFigures(db.knex, spec.id, { level: 'ward' })),
      http: await timeRounds(rounds, get(`/api/statistics/indicators/${spec.id}?level=ward`)),
    });
  }
  cases.push({
    name: `key figures (city, ${INDICATORS.length} indicators)`,
    service: await timeRounds(rounds, () => keyFigures(db.knex, {})),
    http: await timeRounds(rounds, get('/api/statistics/key-figures')),
  });
  cases.push({
    name: 'heat-map positions of every camera',
    service: await timeRounds(rounds, () => pointPositions(db.knex, 'cameras', {})),
    http: await timeRounds(rounds, get('/api/statistics/points/cameras')),
  });
  return cases;
}

/** Runs the thematic benchmark and returns its figures. */
export async function runThematicBench(options: { databaseUrl?: string; quick?: boolean; browser?: boolean } = {}): Promise<ThematicFigures> {
  const db = await openDatabase({ databaseUrl: options.databaseUrl ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_URL });
  let server: Server | undefined;
  try {
    await waitForFullScale(db);
    await ensureBenchUser(db);
    const { rows } = await db.knex.raw(`SELECT split_part(version(), ' on ', 1) AS pg, postgis_lib_version() AS postgis,
      (SELECT count(*) FROM cameras)::int AS cameras, (SELECT count(*) FROM buildings)::int AS buildings,
      (SELECT count(*) FROM admin_units WHERE level = 'ward')::int AS wards`);
    const database = `${rows[0].pg}, PostGIS ${rows[0].postgis}`;
    const counts = { wards: rows[0].wards, cameras: rows[0].cameras, buildings: rows[0].buildings };
    if (options.browser !== false) ensureClientBuild();
    const app = createApp(db, { ...loadConfig(), log: () => {} });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    console.log(`${database}; ${JSON.stringify(counts)}; app at ${baseUrl}`);
    const cases = await serverCases(db, baseUrl, options.quick ? 5 : 20);
    for (const c of cases) console.log(`${c.name}: service median ${c.service.median.toFixed(1)} ms, HTTP median ${c.http.median.toFixed(1)} ms`);
    let draws: DrawTiming[] | null = null;
    if (options.browser !== false) {
      const ids = INDICATORS.map((i) => i.id).filter((id) => id !== 'population');
      draws = await timeIndicatorDraws(baseUrl, BENCH_USER, ids, 'population');
      for (const d of draws) console.log(`draw ${d.indicator}: first ${d.firstMs.toFixed(0)} ms (server SQL ${d.serverMs} ms), again ${d.againMs.toFixed(0)} ms`);
    }
    return { database, counts, cases, draws };
  } finally {
    if (server) await new Promise((resolve) => server!.close(resolve));
    await db.close();
  }
}

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const verdict = (v: number) => (v < GOAL_MS ? 'yes' : 'no');

/** The figures as the "Thematic maps" section of bench/results.md. */
export function renderThematicSection(f: ThematicFigures): string {
  const lines = [
    `${SECTION_TITLE} (\`npm run bench:thematic\`), ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Machine: ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.cpus().length} cores; Node ${process.version}. ${f.database};`,
    `${f.counts.wards} wards, ${f.counts.cameras.toLocaleString('en-US')} cameras, ${f.counts.buildings.toLocaleString('en-US')} buildings. Goal: under ${GOAL_MS} ms.`,
    '',
    '### Indicator computation for all wards (server engine)',
    '',
    'The service call (PostGIS SQL and the mapping to JSON) and the HTTP request as the client makes it (signed in,',
    'gzip), in turn, after one unmeasured run; medians and 95th percentiles in ms.',
    '',
    '| case | service median | service p95 | HTTP median | HTTP p95 | < 1 s |',
    '| --- | ---: | ---: | ---: | ---: | :---: |',
    ...f.cases.map((c) => `| ${c.name} | ${ms(c.service.median)} | ${ms(c.service.p95)} | ${ms(c.http.median)} | ${ms(c.http.p95)} | ${verdict(c.http.p95)} |`),
  ];
  if (f.draws) {
    const first = stats(f.draws.map((d) => d.firstMs));
    const again = stats(f.draws.map((d) => d.againMs));
    lines.push(
      '',
      '### From choosing an indicator to the map drawn (headless Chromium)',
      '',
      'The production client in headless Chromium (software rendering, 1400 × 900, the whole city at zoom 12, wards',
      'and roads shown), served by the app above. Start: the indicator option is clicked inside the page',
      '(performance.now()); end: the first complete render (`rendercomplete`) of that indicator\'s drawing. "First":',
      'the page has never asked for the indicator (request, PostGIS computation, classification, redraw); "again":',
      'chosen again after the others (figures cached in the page). ms:',
      '',
      '| indicator | first | of which server SQL | again | < 1 s |',
      '| --- | ---: | ---: | ---: | :---: |',
      ...f.draws.map((d) => `| ${d.indicator} | ${d.firstMs.toFixed(0)} | ${d.serverMs} | ${d.againMs.toFixed(0)} | ${verdict(d.firstMs)} |`),
      `| **median (p95)** | **${first.median.toFixed(0)} (${first.p95.toFixed(0)})** | | **${again.median.toFixed(0)} (${again.p95.toFixed(0)})** | ${verdict(first.p95)} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Replaces (or appends) the "Thematic maps" section of bench/results.md. */
export function writeThematicSection(section: string, file = RESULTS_FILE): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = text.indexOf(SECTION_TITLE);
  if (start < 0) {
    fs.writeFileSync(file, `${text.trimEnd()}\n\n${section}`);
    return;
  }
  const next = text.indexOf('\n## ', start + SECTION_TITLE.length);
  fs.writeFileSync(file, `${text.slice(0, start)}${section}${next < 0 ? '' : text.slice(next)}`);
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = new Set(process.argv.slice(2));
  runThematicBench({ quick: args.has('--quick'), browser: !args.has('--skip-browser') })
    .then((figures) => {
      const section = renderThematicSection(figures);
      console.log(`\n${section}`);
      writeThematicSection(section);
      console.log(`Written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
