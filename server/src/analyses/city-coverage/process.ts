/**
 * OGC process `city-coverage` (a job with progress, cancellable): how the cameras of the baseline or a plan cover
 * the city's roads, intersections and public spaces per IEC 62676-4 level, the blind spots, the per-ward figures
 * (stored in cctv_coverage_ward_figures for the thematic maps), and optionally a second camera set side by side.
 * Problem cameras (bad optics, inside a building, looking at the sky) are listed and left out; the rest of the
 * city is still computed. Progress messages are `step` or `step: done / total` (the client words them).
 */
import type { Knex } from 'knex';
import { throwIfCancelled, type AnalysisProcess, type ProcessContext } from '../process.js';
import { ASSET_STATUS } from '../../features/collections/registry.js';
import { presetLevels, type ZoneLevel, type ZonePreset } from '../camera-optics/index.js';
import { PRESET_INPUT, SCENARIO_INPUT, THRESHOLDS_INPUT, resolvePreset, resolveScenario } from '../camera-optics/inputs.js';
import { indexBuildings } from '../camera-view/buildings.js';
import { selectAllBuildings, type CameraRow } from '../camera-view/repository.js';
import { selectScenario } from '../../features/scenarios/scenarios.repository.js';
import { CoverageAccumulator, sumLevels } from './index.js';
import { buildSamples } from './samples.js';
import { intersectionFigures, overlapFigures, publicSpaceFigures, roadFigures, wardFigures } from './summary.js';
import { roadBlindSpots, spaceBlindSpots } from './blind-spots.js';
import { compareRuns, type RunFigures } from './compare.js';
import { computeCameraViews, type ProblemList } from './cameras.js';
import * as repo from './repository.js';

const RUNS_KEPT = 20;

export const cityCoverageProcess: AnalysisProcess = {
  description: {
    id: 'city-coverage',
    title: 'City CCTV coverage',
    description: 'Road length per zone level and road class, intersections and public spaces covered, overlap, blind spots (below Observation) and per-ward figures, for the baseline or a plan, optionally compared with another.',
    version: '1.0.0',
    jobControlOptions: ['async-execute'],
    inputs: {
      scenario: SCENARIO_INPUT,
      compareWith: {
        title: 'Compare with',
        description: '`baseline` or the id of another plan: its coverage is computed in the same pass and shown side by side.',
        schema: { anyOf: [{ const: 'baseline' }, { type: 'string', format: 'uuid' }] },
        minOccurs: 0,
      },
      statuses: {
        title: 'Camera statuses',
        description: 'Which cameras watch: by default the existing and the planned ones (faulty and decommissioned cameras see nothing).',
        schema: { type: 'array', items: { enum: ASSET_STATUS }, minItems: 1, uniqueItems: true, default: ['existing', 'planned'] },
        minOccurs: 0,
      },
      preset: PRESET_INPUT,
      thresholds: THRESHOLDS_INPUT,
      roadSpacingM: { title: 'Road sample spacing (m)', description: 'Distance between road sample points (default 5 m).', schema: { type: 'number', minimum: 1, maximum: 50 }, minOccurs: 0 },
      spaceCellM: { title: 'Public-space grid (m)', description: 'Cell of the grid over public spaces (default 5 m).', schema: { type: 'number', minimum: 1, maximum: 50 }, minOccurs: 0 },
    },
    outputs: {
      coverage: { title: 'Coverage', description: 'Per run: figures for roads, intersections, public spaces, overlap and wards; problem cameras; the comparison when asked.', schema: { type: 'object' } },
      blindSpots: { title: 'Blind spots', description: 'FeatureCollection (CRS84): road stretches and parts of public spaces below Observation, with run_id.', schema: { type: 'object' } },
    },
  },
  roles: ['planner', 'engineer', 'admin'],
  async execute(inputs, context) {
    const { db, progress, signal } = context;
    const preset = resolvePreset(inputs);
    const runs = await runsOf(db, inputs);
    const statuses = (inputs.statuses as string[] | undefined) ?? ['existing', 'planned'];
    progress(0.01, 'load-cameras');
    const camerasPerRun = await Promise.all(runs.map((r) => repo.selectCameras(db, r.scenarioId)));
    progress(0.03, 'load-layers');
    const [wards, pieces, spaces, intersections] = [await repo.selectWards(db), await repo.selectRoadPieces(db), await repo.selectPublicSpaces(db), await repo.selectIntersections(db)];
    throwIfCancelled(signal);
    progress(0.06, 'load-buildings');
    const buildings = indexBuildings(await selectAllBuildings(db, (n) => progress(0.08, `load-buildings: ${n}`)));
    throwIfCancelled(signal);
    const samples = buildSamples(pieces, spaces, intersections, { roadSpacingM: inputs.roadSpacingM as number | undefined, spaceCellM: inputs.spaceCellM as number | undefined });
    const acc = new CoverageAccumulator(samples, runs.length);
    const problems = await computeCameraViews(camerasPerRun, statuses, preset, buildings, acc, {
      signal, onProgress: (done, total) => progress(0.2 + 0.7 * (done / Math.max(1, total)), `cameras: ${done} / ${total}`),
    });
    progress(0.9, 'save');
    const levels = presetLevels(preset).map((l) => l.level);
    const figures = runs.map((run, r) => runFigures(acc, r, run.label, camerasPerRun[r], statuses, problems, { wards, pieces, spaces, levels }));
    throwIfCancelled(signal);
    const stored = await storeRuns(db, context, runs, figures, statuses, preset, acc, pieces, spaces);
    return {
      coverage: {
        levels, statuses, runs: figures.map((f, r) => ({ run_id: stored.runIds[r], scenario_id: runs[r].scenarioId, ...f })),
        problems: problems.summary(),
        comparison: figures.length === 2 ? compareRuns(figures[0], figures[1], levels) : null,
      },
      blindSpots: stored.blindSpots,
    };
  },
};

interface RunSpec {
  scenarioId: string | null;
  label: string;
}

async function runsOf(db: Knex, inputs: Record<string, unknown>): Promise<RunSpec[]> {
  const label = async (id: string | null) => (id ? (await selectScenario(db, id))!.name : 'baseline');
  const first = await resolveScenario(db, inputs);
  const runs = [{ scenarioId: first, label: await label(first) }];
  if (inputs.compareWith !== undefined) {
    const other = inputs.compareWith === 'baseline' ? null : await resolveScenario(db, inputs, 'compareWith');
    runs.push({ scenarioId: other, label: await label(other) });
  }
  return runs;
}

interface Layers {
  wards: Awaited<ReturnType<typeof repo.selectWards>>;
  pieces: Awaited<ReturnType<typeof repo.selectRoadPieces>>;
  spaces: Awaited<ReturnType<typeof repo.selectPublicSpaces>>;
  levels: ZoneLevel[];
}

function runFigures(acc: CoverageAccumulator, r: number, label: string, cameras: CameraRow[], statuses: string[], problems: ProblemList, layers: Layers): RunFigures & Record<string, unknown> {
  const sums = sumLevels(acc, r, layers.pieces.map((p) => p.roadClass), layers.pieces.map((p) => p.wardCode), layers.spaces.length);
  const byStatus: Record<string, number> = {};
  for (const c of cameras) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
  const computed = cameras.filter((c) => statuses.includes(c.status) && !problems.hasError(c.id)).length;
  return {
    label,
    cameras: { total: cameras.length, computed, faulty: byStatus.faulty ?? 0, by_status: byStatus, with_errors: cameras.filter((c) => problems.hasError(c.id)).length } as RunFigures['cameras'],
    roads: roadFigures(sums, layers.levels),
    intersections: intersectionFigures(sums, layers.levels),
    public_spaces: publicSpaceFigures(sums, layers.spaces, layers.levels),
    overlap: overlapFigures(sums),
    wards: wardFigures(sums, layers.wards, cameras.map((c) => ({ status: c.status, wardCode: c.ward_code ?? null }))),
  };
}

/** Writes every run, its ward figures and its blind spots in one transaction; answers their ids and the layer. */
async function storeRuns(
  db: Knex, context: ProcessContext, runs: RunSpec[], figures: (RunFigures & Record<string, unknown>)[], statuses: string[], preset: ZonePreset,
  acc: CoverageAccumulator, pieces: Layers['pieces'], spaces: Layers['spaces'],
) {
  return db.transaction(async (trx) => {
    const runIds: string[] = [];
    const features: unknown[] = [];
    for (let r = 0; r < runs.length; r++) {
      const { wards, ...city } = figures[r];
      const runId = await repo.insertRun(trx, {
        scenarioId: runs[r].scenarioId, label: runs[r].label, statuses, thresholds: preset as Record<string, number>, figures: city, user: context.user.username,
      });
      await repo.insertWardFigures(trx, runId, wards);
      await repo.insertRoadBlindSpots(trx, runId, roadBlindSpots(acc, r, pieces));
      await repo.insertSpaceBlindSpots(trx, runId, spaceBlindSpots(acc, r, spaces));
      features.push(...(await repo.selectBlindSpots(trx, runId)).features);
      runIds.push(runId);
    }
    await repo.pruneRuns(trx, RUNS_KEPT);
    return { runIds, blindSpots: { type: 'FeatureCollection', features } };
  });
}
