/**
 * The CCTV processes as the server runs them, timed on the benchmark database without writing to it: the
 * camera-view process while a heading is dragged, and the city-coverage pass up to (not including) its writes.
 */
import type { Knex } from 'knex';
import { cameraViewProcess } from '../server/src/analyses/camera-view/process.js';
import type { ProcessContext } from '../server/src/analyses/process.js';
import { IEC_62676_4 } from '../server/src/analyses/camera-optics/index.js';
import { indexBuildings } from '../server/src/analyses/camera-view/buildings.js';
import { selectAllBuildings } from '../server/src/analyses/camera-view/repository.js';
import * as coverage from '../server/src/analyses/city-coverage/repository.js';
import { CoverageAccumulator, sumLevels } from '../server/src/analyses/city-coverage/index.js';
import { buildSamples } from '../server/src/analyses/city-coverage/samples.js';
import { computeCameraViews } from '../server/src/analyses/city-coverage/cameras.js';
import { roadFigures } from '../server/src/analyses/city-coverage/summary.js';

export interface LiveFigures {
  coldMs: number;
  warmMedianMs: number;
  warmP95Ms: number;
  calls: number;
}

export interface CoveragePass {
  loadS: number;
  buildingsS: number;
  samples: number;
  camerasS: number;
  totalS: number;
  roadKm: number;
  observationPct: number;
}

const context = (db: Knex): ProcessContext => ({
  db, signal: new AbortController().signal, progress: () => {},
  user: { id: '00000000-0000-0000-0000-000000000000', username: 'bench', displayName: 'Benchmark', role: 'engineer' },
});

/** The first camera-view call (index built) and 36 more turning the heading by 10° (index reused). */
export async function measureCameraView(db: Knex, cameraId: string): Promise<LiveFigures> {
  let t = performance.now();
  await cameraViewProcess.execute({ camera: cameraId }, context(db));
  const coldMs = performance.now() - t;
  const times: number[] = [];
  for (let heading = 0; heading < 360; heading += 10) {
    t = performance.now();
    await cameraViewProcess.execute({ camera: cameraId, overrides: { heading_deg: heading } }, context(db));
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { coldMs, warmMedianMs: times[Math.floor(times.length / 2)], warmP95Ms: times[Math.floor(times.length * 0.95)], calls: times.length };
}

/** The city-coverage job's work on the baseline, its writes left out. */
export async function measureCoveragePass(db: Knex): Promise<CoveragePass> {
  const t0 = performance.now();
  const cameras = await coverage.selectCameras(db, null);
  const [pieces, spaces, crossings] = [await coverage.selectRoadPieces(db), await coverage.selectPublicSpaces(db), await coverage.selectIntersections(db)];
  await coverage.selectWards(db);
  const loadS = (performance.now() - t0) / 1000;
  let t = performance.now();
  const buildings = indexBuildings(await selectAllBuildings(db));
  const buildingsS = (performance.now() - t) / 1000;
  const samples = buildSamples(pieces, spaces, crossings);
  const acc = new CoverageAccumulator(samples, 1);
  t = performance.now();
  await computeCameraViews([cameras], ['existing', 'planned'], IEC_62676_4, buildings, acc, { signal: new AbortController().signal });
  const camerasS = (performance.now() - t) / 1000;
  const roads = roadFigures(sumLevels(acc, 0, pieces.map((p) => p.roadClass), pieces.map((p) => p.wardCode), spaces.length), ['observation']);
  return { loadS, buildingsS, samples: samples.size, camerasS, totalS: (performance.now() - t0) / 1000, roadKm: roads.total_km, observationPct: roads.pct.observation };
}
