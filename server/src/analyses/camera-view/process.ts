/**
 * OGC process `camera-view`: the occlusion-clipped IEC 62676-4 zones of one camera — a stored one (as the baseline
 * or a plan has it) or an unsaved placement — with optional attribute overrides, answered synchronously in CRS84.
 * Fast enough to follow a heading being dragged: the area's building index is cached (area-cache.ts).
 */
import type { Knex } from 'knex';
import { invalidInput, notFound } from '../../lib/errors.js';
import { PLANNING_AREA, inPlanningArea } from '../../lib/planning-area.js';
import type { AnalysisProcess } from '../process.js';
import { opticsProblems, opticsSummary } from '../camera-optics/index.js';
import { OPTICS_PROPERTIES, OPTICS_SCHEMA, PRESET_INPUT, SCENARIO_INPUT, THRESHOLDS_INPUT, opticsOf, resolvePreset, resolveScenario } from '../camera-optics/inputs.js';
import { cameraView, type CameraInput } from './index.js';
import { areaCacheOf, lonLatOf, type LocalLonLat } from './area-cache.js';
import { selectCamera, toMetric } from './repository.js';

const FEATURE_SCHEMA = {
  type: 'object',
  required: ['type', 'geometry', 'properties'],
  properties: {
    type: { const: 'Feature' },
    geometry: {
      type: 'object',
      required: ['type', 'coordinates'],
      properties: { type: { const: 'Point' }, coordinates: { type: 'array', items: { type: 'number' }, minItems: 2, maxItems: 3 } },
    },
    properties: {
      type: 'object',
      required: ['mount_height_m', 'heading_deg', 'tilt_deg', 'resolution_h', 'resolution_v'],
      properties: {
        ...(OPTICS_SCHEMA.properties as object),
        name: { type: ['string', 'null'] },
        owner: { type: 'string' },
        man_node_id: { type: ['string', 'null'] },
      },
    },
  },
};

export const cameraViewProcess: AnalysisProcess = {
  description: {
    id: 'camera-view',
    title: 'Camera view',
    description: 'What one camera sees: one polygon per IEC 62676-4 zone (identification, recognition, observation, detection…), clipped by the buildings in the way (2.5D occlusion), in CRS84.',
    version: '1.0.0',
    jobControlOptions: ['sync-execute'],
    inputs: {
      camera: { title: 'Camera', description: 'Id of a stored camera (with `scenario`, as the plan has it).', schema: { type: 'string', format: 'uuid' }, minOccurs: 0 },
      feature: { title: 'Unsaved camera', description: 'A GeoJSON Point feature in CRS84 with the cameras collection\'s attributes, for a placement not yet saved.', schema: FEATURE_SCHEMA, minOccurs: 0 },
      overrides: { title: 'Overrides', description: `Attributes replacing the camera's for this view: ${OPTICS_PROPERTIES.join(', ')}.`, schema: OPTICS_SCHEMA, minOccurs: 0 },
      preset: PRESET_INPUT,
      thresholds: THRESHOLDS_INPUT,
      scenario: SCENARIO_INPUT,
    },
    outputs: {
      zones: { title: 'Zones', description: 'FeatureCollection (CRS84) of MultiPolygons, one per zone level, fine to coarse, with level, px/m range, ground distances and seen/nominal areas (m²).', schema: { type: 'object' } },
      camera: { title: 'Camera', description: 'The camera as computed: id, position, attributes after overrides.', schema: { type: 'object' } },
      optics: { title: 'Optics', description: 'HFOV and VFOV (°), blind zone and far limit (m), reach of each level (m).', schema: { type: 'object' } },
      problems: { title: 'Problems', description: 'Errors (no zones) and warnings about the camera, each with the field to fix.', schema: { type: 'array' } },
    },
  },
  async execute(inputs, { db }) {
    if ((inputs.camera === undefined) === (inputs.feature === undefined)) {
      throw invalidInput('Give either `camera` (a stored camera\'s id) or `feature` (an unsaved camera), not both or neither.', [{ field: 'inputs.camera', message: 'exactly one of camera, feature' }]);
    }
    const preset = resolvePreset(inputs);
    const scenarioId = await resolveScenario(db, inputs);
    const overrides = (inputs.overrides as Record<string, unknown> | undefined) ?? {};
    const camera = inputs.camera ? await storedCamera(db, inputs.camera as string, scenarioId, overrides) : await unsavedCamera(db, inputs.feature as Feature, overrides);
    const bad = opticsProblems(camera);
    if (bad.length) {
      const where = inputs.camera ? (p: string) => (p in overrides ? `inputs.overrides.${p}` : `camera.${p}`) : (p: string) => (p in overrides ? `inputs.overrides.${p}` : `inputs.feature.properties.${p}`);
      throw invalidInput(bad.map((p) => p.message).join(' '), bad.map((p) => ({ field: where(p.field), message: p.message })));
    }
    const reach = opticsSummary(camera, preset).reachM;
    const area = await areaCacheOf(db).around(db, camera.x, camera.y, reach);
    const view = cameraView(camera, area.buildings, preset);
    return {
      zones: { type: 'FeatureCollection', features: view.zones.map((z) => ({ ...z, geometry: { type: 'MultiPolygon', coordinates: z.geometry.coordinates.map((p) => p.map((r) => r.map(([x, y]) => round7(lonLatOf(area.lonLat, x, y))))) } })) },
      camera: describeCamera(camera, area.lonLat),
      optics: view.optics && {
        hfov_deg: round2(view.optics.hfovDeg), vfov_deg: round2(view.optics.vfovDeg),
        blind_zone_m: round2(view.optics.footprint.blindZoneM), far_limit_m: Number.isFinite(view.optics.footprint.farLimitM) ? round2(view.optics.footprint.farLimitM) : null,
        reach_m: round2(view.optics.reachM),
        level_reach_m: Object.fromEntries(Object.entries(view.optics.levelReachM).map(([k, v]) => [k, round2(v!)])),
      },
      problems: view.problems,
    };
  },
};

interface Feature {
  geometry: { coordinates: number[] };
  properties: Record<string, unknown>;
}

async function storedCamera(db: Knex, id: string, scenarioId: string | null, overrides: Record<string, unknown>): Promise<CameraInput> {
  const row = await selectCamera(db, id, scenarioId);
  if (!row) throw notFound(`There is no camera "${id}" in ${scenarioId ? 'this plan' : 'the baseline'}.`);
  return { ...opticsOf(row as unknown as Record<string, unknown>, overrides), id: row.id, name: row.name, x: row.x, y: row.y, owner: row.owner, status: row.status, manNodeId: row.man_node_id };
}

async function unsavedCamera(db: Knex, feature: Feature, overrides: Record<string, unknown>): Promise<CameraInput> {
  const [lon, lat] = feature.geometry.coordinates;
  if (!inPlanningArea(lon, lat)) {
    throw invalidInput(`The camera at ${lon}, ${lat} is outside ${PLANNING_AREA.name}: coordinates are longitude, latitude in CRS84.`, [{ field: 'inputs.feature.geometry.coordinates', message: 'outside the planning area' }]);
  }
  const { x, y } = await toMetric(db, lon, lat);
  const p = feature.properties;
  return { ...opticsOf(p, overrides), name: (p.name as string) ?? null, x, y, owner: p.owner as string | undefined, manNodeId: (p.man_node_id as string) ?? null };
}

function describeCamera(c: CameraInput, lonLat: LocalLonLat) {
  const [lon, lat] = lonLatOf(lonLat, c.x, c.y);
  return {
    id: c.id ?? null, name: c.name ?? null, lon: round7([lon, 0])[0], lat: round7([0, lat])[1],
    mount_height_m: c.mountHeightM, heading_deg: c.headingDeg, tilt_deg: c.tiltDeg, hfov_deg: c.hfovDeg, sensor_width_mm: c.sensorWidthMm,
    focal_length_mm: c.focalLengthMm, resolution_h: c.resolutionH, resolution_v: c.resolutionV, man_node_id: c.manNodeId ?? null,
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;
const round7 = ([lon, lat]: [number, number]): [number, number] => [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
