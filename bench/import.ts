/**
 * `npm run bench:import` — issue 4's import figures: a 100,000-point GeoJSON and a 50,000-polygon zipped
 * shapefile (VN-2000) imported through this server's path (HTTP upload + commit to the app running in this
 * process) and by GDAL (`ogr2ogr -f PostgreSQL`) into the same scratch database on the PostgreSQL server,
 * side by side in one run. Goal: our time ≤ 1.0× GDAL's. Writes its section of bench/results.md.
 *
 * IMPORT_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/planner_import_bench) names the
 * scratch database: it is created when missing and its imported tables are emptied between runs.
 * Options: --runs N (default 3).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDatabase, migrateLatest, type Database } from '../server/src/db/engine.js';
import { createApp } from '../server/src/app.js';
import { loadConfig } from '../server/src/config.js';
import { findByUsername } from '../server/src/features/users/users.repository.js';
import { createUser } from '../server/src/features/users/users.service.js';
import { ensureDatabase } from './database.js';
import { writeBenchFiles } from './import-files.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/planner_import_bench';
const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.md');
const BEGIN = '<!-- import benchmark: begin (written by bench/import.ts) -->';
const END = '<!-- import benchmark: end -->';
// An account of the throw-away benchmark database only, so its password is fixed.
const IMPORTER = { username: 'bench-importer', displayName: 'Import benchmark', role: 'admin' as const, password: 'bench-importer-password' };

interface CaseFigures {
  name: string;
  collection: string;
  features: number;
  bytes: number;
  /** Per run, in ms: upload (parse and stage), commit (check and insert), their sum; GDAL's wall time. */
  uploadMs: number[];
  commitMs: number[];
  oursMs: number[];
  gdalMs: number[];
  /** GDAL appending into the layer table itself (its keys, constraints and indexes, and a history row per feature), for context. */
  gdalLayerMs: number[];
}

export interface ImportBenchFigures {
  database: string;
  gdal: string;
  cases: CaseFigures[];
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** GDAL's PostgreSQL connection string for a postgres:// URL. */
function pgDatasource(url: string): string {
  const u = new URL(url);
  const parts = [`host=${u.hostname}`, `port=${u.port || 5432}`, `dbname=${u.pathname.slice(1)}`, `user=${decodeURIComponent(u.username || 'postgres')}`];
  if (u.password) parts.push(`password=${decodeURIComponent(u.password)}`);
  return `PG:${parts.join(' ')}`;
}

/**
 * Loads `source` with ogr2ogr into `table`: a new table by default (COPY, then its GiST index, as GDAL does), or
 * appended to the existing layer table with `append` (COPY forced on). Returns ms.
 */
function runGdal(url: string, source: string, table: string, append = false): number {
  const started = performance.now();
  const target = append ? ['-append', '--config', 'PG_USE_COPY', 'YES'] : ['-overwrite', '-lco', 'GEOMETRY_NAME=geom'];
  const run = spawnSync('ogr2ogr', ['-f', 'PostgreSQL', pgDatasource(url), source, '-nln', table, ...target, '-t_srs', 'EPSG:4326'], { encoding: 'utf8' });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`ogr2ogr failed (${run.status}): ${run.stderr}`);
  return ms;
}

/**
 * Uploads and commits `file` into `collection` through the HTTP API; returns the two times in ms. The file goes
 * up with node:http, which writes the bytes as they are: fetch (undici) copies a 16 MB body before it sends a
 * byte, a cost of this process's client (a browser uploads from its own), not of the server.
 */
async function runOurs(baseUrl: string, auth: string, file: string, collection: string): Promise<{ upload: number; commit: number; inserted: number }> {
  const bytes = fs.readFileSync(file);
  const t0 = performance.now();
  const up = await postFile(`${baseUrl}/api/imports?name=${encodeURIComponent(path.basename(file))}`, auth, bytes);
  const staged = JSON.parse(up.body) as { id: string };
  if (up.status !== 201) throw new Error(`upload failed: ${up.status} ${up.body}`);
  const t1 = performance.now();
  const commit = await fetch(`${baseUrl}/api/imports/${staged.id}/commit`, {
    method: 'POST', headers: { Authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ collection }),
  });
  const result = await commit.json() as { inserted: number };
  if (commit.status !== 200) throw new Error(`commit failed: ${commit.status} ${JSON.stringify(result).slice(0, 2000)}`);
  return { upload: t1 - t0, commit: performance.now() - t1, inserted: result.inserted };
}

/** POSTs `bytes` as the request body; answers the status and the response text. */
function postFile(url: string, auth: string, bytes: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      headers: { Authorization: auth, 'content-type': 'application/octet-stream', 'content-length': bytes.length },
    }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text: string) => { body += text; });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(bytes);
  });
}

async function emptyTables(db: Database, collection: string, gdalTable: string): Promise<void> {
  await db.knex.raw(`TRUNCATE ${collection}`);
  await db.knex.raw('TRUNCATE feature_history, feature_imports');
  await db.knex.raw(`DROP TABLE IF EXISTS ${gdalTable}`);
}

/** Runs the import benchmark on the server engine; returns the figures (and writes them when `write`). */
export async function runImportBench(options: { url?: string; runs?: number; write?: boolean } = {}): Promise<ImportBenchFigures> {
  const url = options.url ?? process.env.IMPORT_BENCH_DATABASE_URL ?? DEFAULT_URL;
  if (/\/planner_bench$/.test(url)) throw new Error('The import benchmark writes into its database: give it a scratch one, not planner_bench');
  const runs = options.runs ?? 3;
  await ensureDatabase(url);
  const db = await openDatabase({ databaseUrl: url });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planner-import-bench-'));
  const log = fs.createWriteStream(path.join(os.tmpdir(), 'planner-import-bench-requests.log'));
  let server: Server | undefined;
  try {
    await migrateLatest(db.knex);
    if (!(await findByUsername(db.knex, IMPORTER.username))) await createUser(db.knex, IMPORTER, 'bench');
    const app = createApp(db, { ...loadConfig(), log: (line) => log.write(`${line}\n`) });
    server = await new Promise<Server>((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const auth = `Basic ${Buffer.from(`${IMPORTER.username}:${IMPORTER.password}`).toString('base64')}`;
    // The first request with these credentials pays the password hash (then cached), as a browser's sign-in does.
    await (await fetch(`${baseUrl}/api/session`, { headers: { Authorization: auth } })).arrayBuffer();
    const { rows } = await db.knex.raw(`SELECT split_part(version(), ' on ', 1) AS pg, postgis_lib_version() AS postgis`);
    const database = `${rows[0].pg}, PostGIS ${rows[0].postgis}`;
    const gdal = spawnSync('ogr2ogr', ['--version'], { encoding: 'utf8' }).stdout.trim();
    console.log(`${database}; ${gdal}\nWriting the input files to ${dir}…`);
    const files = await writeBenchFiles(dir);
    const cases: CaseFigures[] = [
      { name: '100,000 points, GeoJSON (WGS 84)', collection: 'sensors', features: 100_000, bytes: fs.statSync(files.pointsGeoJson).size, uploadMs: [], commitMs: [], oursMs: [], gdalMs: [], gdalLayerMs: [] },
      { name: '50,000 polygons, zipped shapefile (VN-2000 / TM-3)', collection: 'buildings', features: 50_000, bytes: fs.statSync(files.polygonsZip).size, uploadMs: [], commitMs: [], oursMs: [], gdalMs: [], gdalLayerMs: [] },
    ];
    const sources = [files.pointsGeoJson, files.polygonsZip];
    const gdalSources = [files.pointsGeoJson, `/vsizip/${files.polygonsZip}`];
    for (let run = 0; run < runs; run++) {
      for (const [k, c] of cases.entries()) {
        const gdalTable = `gdal_${c.collection}`;
        // Alternate who goes first, so that neither always meets the other's cache or checkpoint.
        const order = run % 2 === 0 ? ['ours', 'gdal', 'gdal-layer'] : ['gdal-layer', 'gdal', 'ours'];
        for (const who of order) {
          await emptyTables(db, c.collection, gdalTable);
          await db.knex.raw('CHECKPOINT');
          if (who === 'gdal-layer') {
            c.gdalLayerMs.push(runGdal(url, gdalSources[k], c.collection, true));
            const { rows: n } = await db.knex.raw(`SELECT count(*)::integer AS n FROM ${c.collection}`);
            if (n[0].n !== c.features) throw new Error(`GDAL appended ${n[0].n} of ${c.features} features`);
          } else if (who === 'gdal') {
            c.gdalMs.push(runGdal(url, gdalSources[k], gdalTable));
            const { rows: n } = await db.knex.raw(`SELECT count(*)::integer AS n FROM ${gdalTable}`);
            if (n[0].n !== c.features) throw new Error(`GDAL loaded ${n[0].n} of ${c.features} features`);
          } else {
            const t = await runOurs(baseUrl, auth, sources[k], c.collection);
            if (t.inserted !== c.features) throw new Error(`The import wrote ${t.inserted} of ${c.features} features`);
            c.uploadMs.push(t.upload);
            c.commitMs.push(t.commit);
            c.oursMs.push(t.upload + t.commit);
          }
        }
        console.log(`${c.name}, run ${run + 1}: ours ${c.oursMs.at(-1)!.toFixed(0)} ms (upload ${c.uploadMs.at(-1)!.toFixed(0)}, commit ${c.commitMs.at(-1)!.toFixed(0)}), GDAL ${c.gdalMs.at(-1)!.toFixed(0)} ms, GDAL into the layer table ${c.gdalLayerMs.at(-1)!.toFixed(0)} ms`);
      }
    }
    for (const c of cases) await emptyTables(db, c.collection, `gdal_${c.collection}`);
    const figures = { database, gdal, cases };
    if (options.write !== false) writeSection(renderImportSection(figures, runs));
    return figures;
  } finally {
    if (server) await new Promise((resolve) => server!.close(resolve));
    log.end();
    fs.rmSync(dir, { recursive: true, force: true });
    await db.close();
  }
}

/** The markdown section of the figures. */
export function renderImportSection(figures: ImportBenchFigures, runs: number): string {
  const f = (v: number) => (v / 1000).toFixed(2);
  const lines = [
    `## Import benchmark (\`npm run bench:import\`), ${new Date().toISOString().slice(0, 10)}`,
    '',
    `${figures.database}; ${figures.gdal}; Node ${process.version}; ${os.cpus().length} cores.`,
    'The same files loaded into the same scratch database by this server (HTTP upload, sent with node:http, then',
    'commit: parse, check every row with the OGC write rules and PostGIS validity, transform, write in one transaction',
    '(lon/lat points by COPY, other geometries by INSERT … SELECT) into the live layer table with its CHECK',
    'constraints and references, recorded as one import event; a file at least as big as the layer has the layer\'s',
    'primary key and indexes built once after the insert) and by `ogr2ogr -f PostgreSQL` (COPY',
    'into a new table without constraints or triggers, then its GiST index). For context, GDAL also appends the file',
    'to the layer table itself (`-append`, COPY forced on), where it meets the keys, constraints and indexes row by',
    `row, and the history trigger writes a version row per feature. Medians of ${runs} runs, in seconds; the order of the three loaders alternates.`,
    '',
    '| case | file | upload | commit | ours (total) | GDAL, new table | ours / GDAL | ≤ 1.0× | GDAL into the layer table | ours / that |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |',
  ];
  for (const c of figures.cases) {
    const ratio = median(c.oursMs) / median(c.gdalMs);
    const layerRatio = median(c.oursMs) / median(c.gdalLayerMs);
    lines.push(`| ${c.name} | ${(c.bytes / 1024 / 1024).toFixed(1)} MB | ${f(median(c.uploadMs))} | ${f(median(c.commitMs))} | ${f(median(c.oursMs))} | `
      + `${f(median(c.gdalMs))} | ${ratio.toFixed(2)}× | ${ratio <= 1 ? 'yes' : 'no'} | ${f(median(c.gdalLayerMs))} | ${layerRatio.toFixed(2)}× |`);
  }
  return lines.join('\n');
}

/** Replaces this benchmark's section of results.md (between its markers), or appends it; other sections stay. */
function writeSection(section: string): void {
  const text = fs.existsSync(RESULTS_FILE) ? fs.readFileSync(RESULTS_FILE, 'utf8') : '';
  const block = `${BEGIN}\n${section}\n${END}`;
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  const next = start >= 0 && end > start ? `${text.slice(0, start)}${block}${text.slice(end + END.length)}` : `${text.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(RESULTS_FILE, next);
  console.log(`\n${section}\n\nWritten to ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const runsArg = process.argv.indexOf('--runs');
  runImportBench({ runs: runsArg > 0 ? Number(process.argv[runsArg + 1]) : undefined }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
