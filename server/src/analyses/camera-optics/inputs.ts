/**
 * Inputs the CCTV processes share: the zone preset and its thresholds, the plan to run on, and camera attributes
 * given or overridden in a request. Ranges are checked by the optics module (its messages say what to fix), so
 * the schemas only fix the types.
 */
import type { Knex } from 'knex';
import { invalidInput } from '../../lib/errors.js';
import { selectScenario } from '../../features/scenarios/scenarios.repository.js';
import type { InputDescription, JsonSchema } from '../process.js';
import { ZONE_LEVELS, ZONE_PRESETS, presetProblems, type CameraOptics, type ZonePreset, type ZonePresetName } from './index.js';

const UUID_SCHEMA: JsonSchema = { type: 'string', format: 'uuid' };

export const PRESET_INPUT: InputDescription = {
  title: 'Zone preset',
  description: 'IEC 62676-4 pixel-density levels: `iec-62676-4` (detection 25, observation 62.5, recognition 125, identification 250 px/m) or `iec-62676-4-all` (adds monitor 12.5 and inspect 1000).',
  schema: { type: 'string', enum: Object.keys(ZONE_PRESETS), default: 'iec-62676-4' },
  minOccurs: 0,
};

export const THRESHOLDS_INPUT: InputDescription = {
  title: 'Zone thresholds',
  description: 'Pixel densities (px/m) replacing the preset\'s, per level; they must rise from monitor to inspect.',
  schema: {
    type: 'object',
    properties: Object.fromEntries(ZONE_LEVELS.map((l) => [l, { type: ['number', 'null'] }])),
    additionalProperties: false,
  },
  minOccurs: 0,
};

export const SCENARIO_INPUT: InputDescription = {
  title: 'Plan',
  description: 'Id of the plan (scenario) to run on: the baseline as the plan changes it. Absent: the baseline.',
  schema: UUID_SCHEMA,
  minOccurs: 0,
};

/** Camera attributes (the cameras collection's names) that a request may give or override. */
export const OPTICS_PROPERTIES = ['mount_height_m', 'heading_deg', 'tilt_deg', 'hfov_deg', 'sensor_width_mm', 'focal_length_mm', 'resolution_h', 'resolution_v'] as const;
export type OpticsProperty = (typeof OPTICS_PROPERTIES)[number];

export const OPTICS_SCHEMA: JsonSchema = {
  type: 'object',
  properties: Object.fromEntries(OPTICS_PROPERTIES.map((p) => [p, { type: ['number', 'null'] }])),
  additionalProperties: false,
};

/** The preset named by the inputs with the given thresholds applied (a null threshold drops an optional level). */
export function resolvePreset(inputs: Record<string, unknown>): ZonePreset {
  const preset: ZonePreset = { ...ZONE_PRESETS[(inputs.preset as ZonePresetName | undefined) ?? 'iec-62676-4'] };
  for (const [level, value] of Object.entries((inputs.thresholds as Record<string, number | null> | undefined) ?? {})) {
    if (value === null) delete preset[level as keyof ZonePreset];
    else preset[level as keyof ZonePreset] = value;
  }
  const problems = presetProblems(preset);
  if (problems.length) {
    throw invalidInput(`The zone thresholds are not usable: ${problems.join('; ')}.`, problems.map((message) => ({ field: 'inputs.thresholds', message })));
  }
  return preset;
}

/** The plan id of the inputs after checking it exists (null: the baseline). */
export async function resolveScenario(db: Knex, inputs: Record<string, unknown>, input = 'scenario'): Promise<string | null> {
  const id = inputs[input] as string | undefined;
  if (!id) return null;
  if (!(await selectScenario(db, id))) {
    throw invalidInput(`There is no plan "${id}". GET /api/scenarios lists the plans.`, [{ field: `inputs.${input}`, message: 'no such plan' }]);
  }
  return id;
}

/** Camera optics from snake_case attributes (a database row or a request), with overrides applied on top. */
export function opticsOf(attributes: Record<string, unknown>, overrides: Record<string, unknown> = {}): CameraOptics {
  const value = (p: OpticsProperty) => (p in overrides ? overrides[p] : attributes[p]) as number | null | undefined;
  return {
    mountHeightM: value('mount_height_m') as number,
    headingDeg: value('heading_deg') as number,
    tiltDeg: value('tilt_deg') as number,
    hfovDeg: value('hfov_deg') ?? null,
    sensorWidthMm: value('sensor_width_mm') ?? null,
    focalLengthMm: value('focal_length_mm') ?? null,
    resolutionH: value('resolution_h') as number,
    resolutionV: value('resolution_v') as number,
  };
}
