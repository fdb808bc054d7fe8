/**
 * Computes every camera's occluded zones (rays and polygons) for the benchmark, on the main thread or split over
 * worker threads (each rebuilds the R-tree from the packed footprints it is sent).
 */
import { Worker } from 'node:worker_threads';
import { cameraViewshed, zoneFeatures, type CameraInput } from '../server/src/analyses/camera-view/index.js';
import type { BuildingSet, PackedBuildings } from '../server/src/analyses/camera-view/buildings.js';
import { IEC_62676_4 } from '../server/src/analyses/camera-optics/index.js';

export interface CameraZones {
  index: number;
  ms: number;
  /** Ground seen in all zones together (m²). */
  areaM2: number;
  hfovDeg: number;
  nearM: number;
  farM: number;
  inside: boolean;
  rays: number;
  candidates: number;
  zones: number;
}

export interface ZoneRun {
  seconds: number;
  /** CPU time of this process meanwhile (main thread runs only; the machine may be shared). */
  cpuSeconds: number;
  perCamera: CameraZones[];
}

/** The zones of one camera, timed. */
export function zonesOf(camera: CameraInput, index: number, buildings: BuildingSet): CameraZones {
  const t0 = performance.now();
  const view = cameraViewshed(camera, buildings, IEC_62676_4);
  const zones = view.optics && view.viewshed && !view.viewshed.inside ? zoneFeatures(view.viewshed, view.optics) : [];
  const ms = performance.now() - t0;
  const shed = view.viewshed;
  return {
    index, ms, areaM2: zones.reduce((s, z) => s + z.properties.area_m2, 0), hfovDeg: view.optics?.hfovDeg ?? 0,
    nearM: shed?.nearM ?? 0, farM: shed?.farM ?? 0, inside: Boolean(shed?.inside), rays: shed?.rays ?? 0, candidates: shed?.candidates ?? 0, zones: zones.length,
  };
}

/** Zones of all cameras; with `workers` > 0 the cameras are split evenly over that many threads. */
export async function computeZones(cameras: CameraInput[], buildings: BuildingSet, workers: number): Promise<ZoneRun> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpu0);
    return (used.user + used.system) / 1e6;
  };
  if (workers <= 0) {
    const perCamera = cameras.map((c, k) => zonesOf(c, k, buildings));
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSeconds(), perCamera };
  }
  const per = Math.ceil(cameras.length / workers);
  const parts = await Promise.all(Array.from({ length: workers }, (_, w) => runWorker(cameras.slice(w * per, (w + 1) * per), w * per, buildings)));
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSeconds(), perCamera: parts.flat() };
}

function runWorker(cameras: CameraInput[], offset: number, set: BuildingSet): Promise<CameraZones[]> {
  const buildings: PackedBuildings = { xy: set.xy, start: set.start, heightM: set.heightM, ids: [] };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./cctv-worker.mjs', import.meta.url), {
      workerData: { cameras, offset, buildings },
    });
    worker.once('message', (result: CameraZones[]) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
