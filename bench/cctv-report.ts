/** The CCTV benchmark's figures as a markdown section of bench/results.md. */
import os from 'node:os';
import type { ZoneRun } from './cctv-zones.js';
import { DEFAULT_MAX_CHORD_M, DEFAULT_MAX_STEP_DEG } from '../server/src/analyses/camera-view/viewshed.js';
import type { CoveragePass, LiveFigures } from './cctv-process.js';

export interface SqlComparison {
  cameras: number;
  sqlMsPerCamera: number;
  jsMsPerCamera: number;
  sqlAreaM2: number;
  jsAreaM2: number;
  medianError: number;
  p95Error: number;
  maxError: number;
}

export interface CctvFigures {
  database: string;
  cameras: number;
  buildings: number;
  loadCamerasS: number;
  loadBuildingsS: number;
  indexS: number;
  single: ZoneRun;
  parallel: ZoneRun | null;
  workers: number;
  sql: SqlComparison;
  live: LiveFigures;
  /** The same on the embedded engine with the small sample city. */
  embedded: LiveFigures;
  coverage: CoveragePass;
  /** 1-minute load average of the machine before and after the run (2 cores: above 2 means waiting for CPU). */
  load: [number, number];
}

const f1 = (v: number) => v.toFixed(1);
const f2 = (v: number) => v.toFixed(2);
const pct = (v: number) => `${(100 * v).toFixed(2)} %`;
const n = (v: number) => v.toLocaleString('en-US');

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
}

/** Markdown of the figures, with the issue's goals checked. */
export function renderCctvReport(f: CctvFigures): string {
  const best = f.parallel && f.parallel.seconds < f.single.seconds ? f.parallel : f.single;
  const load = f.loadCamerasS + f.loadBuildingsS + f.indexS;
  const total = load + best.seconds;
  const withZones = f.single.perCamera.filter((c) => c.zones > 0).length;
  const ms = f.single.perCamera.map((c) => c.ms);
  const speedup = f.sql.sqlMsPerCamera / f.sql.jsMsPerCamera;
  const loadPerCameraMs = ((f.loadBuildingsS + f.indexS) * 1000) / f.cameras;
  const speedupWithLoad = f.sql.sqlMsPerCamera / (f.sql.jsMsPerCamera + loadPerCameraMs);
  const areaError = Math.abs(f.sql.jsAreaM2 - f.sql.sqlAreaM2) / f.sql.sqlAreaM2;
  return [
    `## CCTV: occluded camera zones (\`npm run bench:cctv\`), ${new Date().toISOString().slice(0, 10)}`,
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores; Node ${process.version}. ${f.database};`,
    `${n(f.cameras)} baseline cameras, ${n(f.buildings)} buildings (read only). Zones: IEC 62676-4 detection, observation,`,
    `recognition, identification; rays at most ${DEFAULT_MAX_STEP_DEG}° and ${DEFAULT_MAX_CHORD_M} m apart at the far edge; polygons built for every camera.`,
    `The machine is shared: its load average was ${f2(f.load[0])} before and ${f2(f.load[1])} after the run (2 cores), so wall`,
    'times include waiting for a CPU; the CPU time of the main-thread pass shows the work itself.',
    '',
    '| step | time |',
    '| --- | ---: |',
    `| load the cameras (EPSG:5899, PostGIS) | ${f1(f.loadCamerasS)} s |`,
    `| load the building footprints (EPSG:5899, PostGIS) | ${f1(f.loadBuildingsS)} s |`,
    `| pack and index them (R-tree, rbush) | ${f1(f.indexS)} s |`,
    `| occluded zones of every camera, main thread | ${f1(f.single.seconds)} s (CPU ${f1(f.single.cpuSeconds)} s) |`,
    ...(f.parallel ? [`| occluded zones of every camera, ${f.workers} worker threads (incl. start-up and index rebuild) | ${f1(f.parallel.seconds)} s |`] : []),
    `| **whole city** (load + index + zones, ${best === f.single ? 'main thread' : `${f.workers} workers`}) | **${f1(total)} s** (goal < 60 s: ${total < 60 ? 'met' : 'not met'}) |`,
    '',
    `Per camera on the main thread: mean ${f2((f.single.seconds * 1000) / f.cameras)} ms, median ${f2(quantile(ms, 0.5))} ms,`,
    `p95 ${f2(quantile(ms, 0.95))} ms, max ${f1(quantile(ms, 1))} ms; ${n(withZones)} cameras have zones (the others are inside a building`,
    `or see no ground); on average ${f1(mean(f.single.perCamera.map((c) => c.candidates)))} buildings examined and ${f1(mean(f.single.perCamera.map((c) => c.rays)))} rays per camera.`,
    '',
    `**Against PostGIS alone** (sector polygon minus the union of building shadows, one query per camera; ${f.sql.cameras} cameras,`,
    'every k-th camera with a view):',
    '',
    '| | PostGIS SQL | this module | |',
    '| --- | ---: | ---: | ---: |',
    `| time per camera | ${f1(f.sql.sqlMsPerCamera)} ms | ${f2(f.sql.jsMsPerCamera)} ms | ${f1(speedup)}× faster (goal ≥ 10×: ${speedup >= 10 ? 'met' : 'not met'}) |`,
    `| visible area, all sampled cameras | ${n(Math.round(f.sql.sqlAreaM2))} m² | ${n(Math.round(f.sql.jsAreaM2))} m² | ${pct(areaError)} apart (goal ≤ 2 %: ${areaError <= 0.02 ? 'met' : 'not met'}) |`,
    `| per-camera area difference | | | median ${pct(f.sql.medianError)}, p95 ${pct(f.sql.p95Error)}, max ${pct(f.sql.maxError)} |`,
    '',
    'The module\'s time per camera includes its polygons but not the loading of the footprints, which the SQL time',
    `includes: loaded once for the whole city they cost ${f2(loadPerCameraMs)} ms per camera, which makes it ${f1(speedupWithLoad)}× faster all counted.`,
    '',
    `**camera-view process** (what the map calls while the heading is dragged; SQL + computation, no HTTP): first call`,
    `${f1(f.live.coldMs)} ms (loads and indexes the area), then ${f.live.calls} calls turning the heading: median ${f1(f.live.warmMedianMs)} ms, p95 ${f1(f.live.warmP95Ms)} ms.`,
    `On the embedded engine (PGlite, small sample city, in memory): first call ${f1(f.embedded.coldMs)} ms, then median ${f1(f.embedded.warmMedianMs)} ms,`,
    `p95 ${f1(f.embedded.warmP95Ms)} ms.`,
    '',
    `**city-coverage pass** on the baseline (everything but its writes): ${f1(f.coverage.totalS)} s — layers ${f1(f.coverage.loadS)} s,`,
    `buildings ${f1(f.coverage.buildingsS)} s, cameras ${f1(f.coverage.camerasS)} s over ${n(f.coverage.samples)} sample points; ${n(Math.round(f.coverage.roadKm))} km of road,`,
    `${f1(f.coverage.observationPct)} % of it at Observation or better.`,
  ].join('\n');
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}
