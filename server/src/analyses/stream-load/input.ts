/**
 * Reads what the stream-load and architecture analyses need from the database (baseline, or the baseline as a
 * plan changes it) and turns the process inputs into options.
 */
import type { Knex } from 'knex';
import type { LineString, Point } from 'geojson';
import { invalidInput } from '../../lib/errors.js';
import { getScenario } from '../../features/scenarios/scenarios.service.js';
import { ProblemError } from '../../lib/errors.js';
import { DEFAULT_BITS_PER_PIXEL, type Codec } from './bitrate.js';
import type { CameraRecord } from './cameras.js';
import type { LinkFeature, NodeFeature, RouteBy } from './routing.js';
import { DEFAULT_OPTIONS, type StreamLoadInput, type StreamLoadOptions } from './streams.js';
import * as repo from './network.repository.js';

/** The process inputs as options, defaults filled in (the inputs were checked against their schemas). */
export function optionsFrom(inputs: Record<string, unknown>): StreamLoadOptions {
  return {
    cameraStatuses: (inputs.cameraStatuses as string[] | undefined) ?? DEFAULT_OPTIONS.cameraStatuses,
    networkStatuses: (inputs.networkStatuses as string[] | undefined) ?? DEFAULT_OPTIONS.networkStatuses,
    routeBy: (inputs.routeBy as RouteBy | undefined) ?? DEFAULT_OPTIONS.routeBy,
    warnAtPercent: (inputs.warnAtPercent as number | undefined) ?? DEFAULT_OPTIONS.warnAtPercent,
    storageOverheadPercent: (inputs.storageOverheadPercent as number | undefined) ?? DEFAULT_OPTIONS.storageOverheadPercent,
    bitsPerPixel: { ...DEFAULT_BITS_PER_PIXEL, ...(inputs.bitsPerPixel as Partial<Record<Codec, number>> | undefined) },
    storageCapacityTb: (inputs.storageCapacityTb as number | undefined) ?? null,
  };
}

/** The plan named by the `scenario` input (null: the baseline); 422 when there is no such plan. */
export async function scenarioOf(db: Knex, inputs: Record<string, unknown>): Promise<string | null> {
  const id = inputs.scenario as string | undefined;
  if (!id) return null;
  try {
    await getScenario(db, id);
  } catch (err) {
    if (err instanceof ProblemError && err.status === 404) {
      throw invalidInput(`There is no plan "${id}"; run on the baseline (leave scenario out) or pick a plan from /api/scenarios.`,
        [{ field: 'inputs.scenario', message: 'no such plan' }]);
    }
    throw err;
  }
  return id;
}

/**
 * Cameras, nodes and links of the baseline or a plan. Inside a plan, a baseline node the plan replaces (moved or
 * re-attributed) is known by its copy's id: references to the baseline id are turned to the copy.
 */
export async function loadNetwork(db: Knex, scenarioId: string | null, options: StreamLoadOptions, withWards: boolean): Promise<StreamLoadInput> {
  const [nodeRows, linkRows, cameraRows] = [
    await repo.selectNodes(db, scenarioId),
    await repo.selectLinks(db, scenarioId),
    await repo.selectCameras(db, scenarioId, options.cameraStatuses, withWards),
  ];
  const copyOf = new Map(nodeRows.filter((n) => n.replaces_id).map((n) => [n.replaces_id!, n.id]));
  const node = (id: string) => copyOf.get(id) ?? id;
  const nodes: NodeFeature[] = nodeRows.map((n) => ({
    type: 'Feature', id: n.id, geometry: n.geometry as Point,
    properties: { name: n.name, kind: n.kind, status: n.status, capacity_gbps: n.capacity_gbps, storage_tb: n.storage_tb },
  }));
  const links: LinkFeature[] = linkRows.map((l) => ({
    type: 'Feature', id: l.id, geometry: l.geometry as LineString,
    properties: { from_node_id: node(l.from_node_id), to_node_id: node(l.to_node_id), status: l.status, capacity_gbps: l.capacity_gbps, length_m: l.length_m },
  }));
  const cameras: CameraRecord[] = cameraRows.map((c) => ({ ...c, man_node_id: c.man_node_id ? node(c.man_node_id) : null }));
  return { cameras, nodes, links };
}
