/**
 * `npm run bench:cctv` — issue 5's performance figures for the occluded camera zones (also run by `npm run bench`).
 *
 * On the full-scale city (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/planner_bench; read only:
 * nothing is written to it): loads every baseline camera and building, computes every camera's occluded zones
 * (rays + polygons), and for a sample of cameras compares with the straightforward PostGIS computation (sector
 * minus building shadows, cctv-sql.ts): time per camera and visible area. Also times the camera-view process
 * as the map calls it while a heading is dragged (cold and cached building index), and a full city-coverage pass
 * without its writes. Writes its section into bench/results.md between the CCTV markers.
 *
 * Options: --sample <n> (cameras compared with SQL, default 200), --workers <n> (0 = main thread only).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../server/src/db/engine.js';
import { indexBuildings, type BuildingSet } from '../server/src/analyses/camera-view/buildings.js';
import { selectAllBuildings, CAMERA_COLUMNS, type CameraRow } from '../server/src/analyses/camera-view/repository.js';
import { cameraInputOf } from '../server/src/analyses/city-coverage/cameras.js';
import { sqlVisibleArea } from './cctv-sql.js';
import { computeZones, type ZoneRun } from './cctv-zones.js';
import { measureCameraView, measureCoveragePass, type CoveragePass, type LiveFigures } from './cctv-process.js';
import { measureEmbeddedCameraView } from './cctv-embedded.js';
import { renderCctvReport, type CctvFigures, type SqlComparison } from './cctv-report.js';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/planner_bench';
const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.md');
export const CCTV_BEGIN = '<!-- cctv-bench -->';
export const CCTV_END = '<!-- /cctv-bench -->';

const seconds = (from: number) => (performance.now() - from) / 1000;

/** Runs the CCTV benchmark against `url` and answers its markdown section. */
export async function runCctvBench(url: string, options: { sample?: number; workers?: number } = {}): Promise<string> {
  const db = await openDatabase({ databaseUrl: url });
  try {
    return renderCctvReport(await measure(db, options.sample ?? 200, options.workers ?? 2));
  } finally {
    await db.close();
  }
}

async function measure(db: Database, sampleSize: number, workers: number): Promise<CctvFigures> {
  const loadBefore = os.loadavg()[0];
  const { rows: version } = await db.knex.raw(`SELECT split_part(version(), ' on ', 1) AS pg, postgis_lib_version() AS postgis`);
  let t = performance.now();
  const { rows } = await db.knex.raw(`SELECT ${CAMERA_COLUMNS} FROM cameras t WHERE t.scenario_id IS NULL ORDER BY t.id`);
  const cameras = (rows as CameraRow[]).map(cameraInputOf);
  const loadCamerasS = seconds(t);
  t = performance.now();
  const packed = await selectAllBuildings(db.knex);
  const loadBuildingsS = seconds(t);
  t = performance.now();
  const buildings = indexBuildings(packed);
  const indexS = seconds(t);
  console.log(`cctv: ${cameras.length} cameras in ${loadCamerasS.toFixed(1)} s, ${buildings.size} buildings in ${loadBuildingsS.toFixed(1)} s, index ${indexS.toFixed(1)} s`);
  const single: ZoneRun = await computeZones(cameras, buildings, 0);
  console.log(`cctv: zones of every camera on the main thread in ${single.seconds.toFixed(1)} s`);
  const parallel: ZoneRun | null = workers > 0 ? await computeZones(cameras, buildings, workers) : null;
  if (parallel) console.log(`cctv: with ${workers} worker threads in ${parallel.seconds.toFixed(1)} s`);
  const sql = await compareWithSql(db, cameras, buildings, single, sampleSize);
  const live: LiveFigures = await measureCameraView(db.knex, cameras[Math.floor(cameras.length / 3)].id!);
  console.log(`cctv: camera-view cold ${live.coldMs.toFixed(1)} ms, dragging median ${live.warmMedianMs.toFixed(1)} ms`);
  const coverage: CoveragePass = await measureCoveragePass(db.knex);
  console.log(`cctv: city coverage pass ${coverage.totalS.toFixed(1)} s`);
  const embedded = await measureEmbeddedCameraView();
  console.log(`cctv: embedded camera-view cold ${embedded.coldMs.toFixed(1)} ms, dragging median ${embedded.warmMedianMs.toFixed(1)} ms`);
  return {
    database: `${version[0].pg}, PostGIS ${version[0].postgis}`, cameras: cameras.length, buildings: buildings.size,
    loadCamerasS, loadBuildingsS, indexS, single, parallel, workers, sql, live, embedded, coverage, load: [loadBefore, os.loadavg()[0]],
  };
}

/** Every k-th camera with a non-empty view: its area and time in JS against the PostGIS computation. */
async function compareWithSql(db: Database, cameras: ReturnType<typeof cameraInputOf>[], buildings: BuildingSet, run: ZoneRun, sampleSize: number): Promise<SqlComparison> {
  const withView = run.perCamera.filter((c) => c.farM > 0 && !c.inside);
  const step = Math.max(1, Math.floor(withView.length / sampleSize));
  const sample = withView.filter((_, k) => k % step === 0).slice(0, sampleSize);
  let sqlMs = 0, jsMs = 0, sqlArea = 0, jsArea = 0;
  const errors: number[] = [];
  for (const c of sample) {
    const camera = cameras[c.index];
    const t0 = performance.now();
    const area = await sqlVisibleArea(db.knex, { x: camera.x, y: camera.y, mountHeightM: camera.mountHeightM, headingDeg: camera.headingDeg, hfovDeg: c.hfovDeg, nearM: c.nearM, farM: c.farM });
    sqlMs += performance.now() - t0;
    const again = (await computeZones([camera], buildings, 0)).perCamera[0];
    jsMs += again.ms;
    sqlArea += area;
    jsArea += again.areaM2;
    if (area > 1) errors.push(Math.abs(again.areaM2 - area) / area);
  }
  errors.sort((a, b) => a - b);
  return {
    cameras: sample.length, sqlMsPerCamera: sqlMs / sample.length, jsMsPerCamera: jsMs / sample.length,
    sqlAreaM2: sqlArea, jsAreaM2: jsArea, medianError: errors[Math.floor(errors.length / 2)] ?? 0,
    p95Error: errors[Math.floor(errors.length * 0.95)] ?? 0, maxError: errors.at(-1) ?? 0,
  };
}

/** Puts the CCTV section into results.md, replacing an earlier one. */
export function writeCctvSection(section: string): void {
  const block = `${CCTV_BEGIN}\n${section}\n${CCTV_END}\n`;
  const current = fs.existsSync(RESULTS_FILE) ? fs.readFileSync(RESULTS_FILE, 'utf8') : '';
  const start = current.indexOf(CCTV_BEGIN), end = current.indexOf(CCTV_END);
  const next = start >= 0 && end > start ? current.slice(0, start) + block + current.slice(end + CCTV_END.length + 1) : `${current.trimEnd()}\n\n${block}`;
  fs.writeFileSync(RESULTS_FILE, next);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const k = args.indexOf(name);
    return k >= 0 ? Number(args[k + 1]) : undefined;
  };
  const section = await runCctvBench(process.env.BENCH_DATABASE_URL || DEFAULT_URL, { sample: option('--sample'), workers: option('--workers') });
  console.log(`\n${section}`);
  writeCctvSection(section);
  console.log(`Written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

