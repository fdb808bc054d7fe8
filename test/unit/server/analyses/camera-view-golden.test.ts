/**
 * Golden fixtures of occlusion: test/fixtures/analysis/camera-view/in/<case>.geojson holds a camera and buildings in
 * EPSG:5899 metres with the options and hand-worked probe points (`seen`, `hidden`) in its properties; out/<case>
 * holds the zones. UPDATE_GOLDEN=1 rewrites the out files (review the diff).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cameraView, type CameraInput } from '../../../../server/src/analyses/camera-view/index.js';
import { buildBuildingSet } from '../../../../server/src/analyses/camera-view/buildings.js';
import { levelAt } from '../../../../server/src/analyses/camera-view/viewshed.js';
import { ZONE_PRESETS, type ZonePresetName } from '../../../../server/src/analyses/camera-optics/index.js';

const DIR = path.resolve(import.meta.dirname, '../../../fixtures/analysis/camera-view');
const cases = fs.readdirSync(path.join(DIR, 'in')).filter((f) => f.endsWith('.geojson')).map((f) => f.replace('.geojson', ''));

interface Fixture {
  properties: { preset: ZonePresetName; seen: [number, number][]; hidden: [number, number][] };
  features: { id?: string; geometry: { type: string; coordinates: any }; properties: Record<string, any> }[];
}

function run(fixture: Fixture) {
  const c = fixture.features.find((f) => f.properties.kind === 'camera')!;
  const p = c.properties;
  const camera: CameraInput = {
    x: c.geometry.coordinates[0], y: c.geometry.coordinates[1], mountHeightM: p.mount_height_m, headingDeg: p.heading_deg,
    tiltDeg: p.tilt_deg, hfovDeg: p.hfov_deg, resolutionH: p.resolution_h, resolutionV: p.resolution_v, owner: p.owner, manNodeId: p.man_node_id,
  };
  const buildings = buildBuildingSet(fixture.features.filter((f) => f.properties.kind === 'building')
    .map((f) => ({ id: f.id, ring: f.geometry.coordinates[0], heightM: f.properties.height_m })));
  return cameraView(camera, buildings, ZONE_PRESETS[fixture.properties.preset]);
}

const round = (v: unknown): unknown => (Array.isArray(v) ? v.map(round) : typeof v === 'number' ? Math.round(v * 100) / 100 : v);

describe('camera view golden fixtures', () => {
  it.each(cases)('%s', (name) => {
    const fixture: Fixture = JSON.parse(fs.readFileSync(path.join(DIR, 'in', `${name}.geojson`), 'utf8'));
    const result = run(fixture);
    expect(result.problems).toEqual([]);
    for (const [x, y] of fixture.properties.seen) expect(levelAt(result.viewshed!, x, y), `seen ${x},${y}`).toBeGreaterThanOrEqual(0);
    for (const [x, y] of fixture.properties.hidden) expect(levelAt(result.viewshed!, x, y), `hidden ${x},${y}`).toBe(-1);
    const zones = {
      type: 'FeatureCollection',
      features: result.zones.map((z) => ({ ...z, geometry: { ...z.geometry, coordinates: round(z.geometry.coordinates) } })),
    };
    const file = path.join(DIR, 'out', `${name}.geojson`);
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, `${JSON.stringify(zones)}\n`);
    expect(zones).toEqual(JSON.parse(fs.readFileSync(file, 'utf8')));
  });
});
