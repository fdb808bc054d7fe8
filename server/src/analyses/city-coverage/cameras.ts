/**
 * The camera pass of a coverage run: every camera of every run once (a baseline camera a plan keeps counts in both
 * runs), its occluded view added to the accumulator. It yields to the event loop every few cameras so that the
 * server keeps answering (progress polls among them) and stops when the job is dismissed.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { throwIfCancelled } from '../process.js';
import type { ZonePreset } from '../camera-optics/index.js';
import { opticsOf } from '../camera-optics/inputs.js';
import { cameraViewshed, type CameraInput, type CameraProblem, type ProblemCode } from '../camera-view/index.js';
import type { BuildingSet } from '../camera-view/buildings.js';
import type { CameraRow } from '../camera-view/repository.js';
import type { CoverageAccumulator } from './index.js';

const CHUNK = 64;
/** Problems listed by name in the results; beyond this only their counts. */
export const PROBLEMS_LISTED = 500;

/** Problems of the cameras of a run, by camera. */
export class ProblemList {
  private readonly byCamera = new Map<string, CameraProblem[]>();

  add(cameraId: string, problems: CameraProblem[]): void {
    if (problems.length) this.byCamera.set(cameraId, problems);
  }

  /** True when the camera was left out (its view could not be computed or it sees nothing). */
  hasError(cameraId: string): boolean {
    return this.byCamera.get(cameraId)?.some((p) => p.severity === 'error') ?? false;
  }

  /** Counts per problem code, and the problems themselves (errors first) up to PROBLEMS_LISTED. */
  summary() {
    const all = [...this.byCamera.values()].flat().sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    const counts: Partial<Record<ProblemCode, number>> = {};
    for (const p of all) counts[p.code] = (counts[p.code] ?? 0) + 1;
    return { total: all.length, cameras: this.byCamera.size, counts, listed: all.slice(0, PROBLEMS_LISTED) };
  }
}

/** A database row as the pure modules' camera. */
export function cameraInputOf(row: CameraRow): CameraInput {
  return {
    ...opticsOf(row as unknown as Record<string, unknown>), id: row.id, name: row.name, x: row.x, y: row.y,
    owner: row.owner, status: row.status, manNodeId: row.man_node_id,
  };
}

/** Computes the view of every camera whose status watches and adds it to the runs holding it. */
export async function computeCameraViews(
  camerasPerRun: CameraRow[][], statuses: readonly string[], preset: ZonePreset, buildings: BuildingSet, acc: CoverageAccumulator,
  options: { signal: AbortSignal; onProgress?: (done: number, total: number) => void },
): Promise<ProblemList> {
  const masks = new Map<string, { row: CameraRow; mask: number }>();
  camerasPerRun.forEach((rows, run) => {
    for (const row of rows) {
      if (!statuses.includes(row.status)) continue;
      const entry = masks.get(row.id) ?? masks.set(row.id, { row, mask: 0 }).get(row.id)!;
      entry.mask |= 1 << run;
    }
  });
  const problems = new ProblemList();
  const entries = [...masks.values()];
  for (let k = 0; k < entries.length; k++) {
    if (k % CHUNK === 0) {
      throwIfCancelled(options.signal);
      options.onProgress?.(k, entries.length);
      await nextTurn();
    }
    const { row, mask } = entries[k];
    const view = cameraViewshed(cameraInputOf(row), buildings, preset);
    problems.add(row.id, view.problems);
    if (view.viewshed && !view.viewshed.inside) acc.add(view.viewshed, mask);
  }
  options.onProgress?.(entries.length, entries.length);
  return problems;
}
