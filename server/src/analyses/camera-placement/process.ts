/**
 * OGC process `camera-placement` (a job): K new cameras for an area (a ward or a bbox), chosen greedily among
 * candidate sites (intersections, poles along the roads, public-space edges) and headings to add the most road
 * length not yet seen at Recognition or better. Each suggestion carries its gain, its zone and a camera feature the
 * planner can post into a plan (`POST /ogc/collections/cameras/items?scenario=…`).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { invalidInput } from '../../lib/errors.js';
import { throwIfCancelled, type AnalysisProcess } from '../process.js';
import { ASSET_STATUS } from '../../features/collections/registry.js';
import { opticsProblems, ZONE_LEVELS, type ZonePreset } from '../camera-optics/index.js';
import { OPTICS_PROPERTIES, PRESET_INPUT, SCENARIO_INPUT, THRESHOLDS_INPUT, opticsOf, resolvePreset, resolveScenario } from '../camera-optics/inputs.js';
import { buildBuildingSet, type BuildingSet } from '../camera-view/buildings.js';
import { cameraViewshed, zoneFeatures } from '../camera-view/index.js';
import { localLonLat, lonLatOf, type LocalLonLat } from '../camera-view/area-cache.js';
import { selectBuildings } from '../camera-view/repository.js';
import { CoverageAccumulator, TARGET } from '../city-coverage/index.js';
import { buildSamples, type SampleSet } from '../city-coverage/samples.js';
import { cameraInputOf } from '../city-coverage/cameras.js';
import { selectIntersections } from '../city-coverage/repository.js';
import { coveredSamples, greedyPicks, intersectionSites, outsideBuildings, poleSites, publicSpaceSites, type CandidateSite, type CandidateView, type Pick } from './index.js';
import * as repo from './repository.js';
import { CAMERA_TEMPLATE_SCHEMA, DEFAULT_TEMPLATE, autoTilt, type CameraTemplate } from './template.js';

/** Existing cameras farther than this from the area cannot see into it (m). */
const CAMERA_MARGIN_M = 800;
const MAX_VIEWS = 80_000;
const CHUNK = 200;

export const cameraPlacementProcess: AnalysisProcess = {
  description: {
    id: 'camera-placement',
    title: 'Camera placement suggestions',
    description: 'K new cameras for a ward or a box, chosen greedily among intersections, poles along the roads and public-space edges (position and heading) to add the most road length not yet seen at Recognition (125 px/m) or better.',
    version: '1.0.0',
    jobControlOptions: ['async-execute'],
    inputs: {
      k: { title: 'Cameras', description: 'How many cameras to suggest (1–50).', schema: { type: 'integer', minimum: 1, maximum: 50, default: 5 }, minOccurs: 0 },
      ward: { title: 'Ward', description: 'Code of the ward to place cameras in (or give bbox).', schema: { type: 'string', maxLength: 20 }, minOccurs: 0 },
      bbox: { title: 'Box', description: 'minLon, minLat, maxLon, maxLat (CRS84), at most 4 km² (or give ward).', schema: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4 }, minOccurs: 0 },
      candidates: {
        title: 'Candidate sites', description: 'Where cameras may go.',
        schema: { type: 'array', items: { enum: ['intersections', 'poles', 'public_spaces'] }, minItems: 1, uniqueItems: true, default: ['intersections', 'poles', 'public_spaces'] },
        minOccurs: 0,
      },
      poleSpacingM: { title: 'Pole spacing (m)', description: 'Distance between candidate poles along a road (default 30 m).', schema: { type: 'number', minimum: 10, maximum: 500 }, minOccurs: 0 },
      headings: { title: 'Headings', description: 'Evenly spread headings tried at every site (default 8; poles also look both ways along their road).', schema: { type: 'integer', minimum: 1, maximum: 36 }, minOccurs: 0 },
      camera: { title: 'Camera model', description: `Attributes of the suggested cameras (defaults: ${JSON.stringify(DEFAULT_TEMPLATE)}; tilt chosen per model when absent).`, schema: CAMERA_TEMPLATE_SCHEMA, minOccurs: 0 },
      statuses: { title: 'Existing camera statuses', description: 'Existing cameras that already cover roads (default existing and planned).', schema: { type: 'array', items: { enum: ASSET_STATUS }, uniqueItems: true }, minOccurs: 0 },
      preset: PRESET_INPUT,
      thresholds: THRESHOLDS_INPUT,
      scenario: SCENARIO_INPUT,
    },
    outputs: {
      suggestions: { title: 'Suggestions', description: 'In order of choice: position (CRS84), heading, gain (m of road newly at Recognition or better), its Recognition-or-better zone and the camera feature to post into a plan.', schema: { type: 'array' } },
      summary: { title: 'Summary', description: 'Road length of the area, covered before and after, sites and views evaluated.', schema: { type: 'object' } },
    },
  },
  roles: ['planner', 'engineer', 'admin'],
  async execute(inputs, { db, progress, signal }) {
    const preset = resolvePreset(inputs);
    const scenarioId = await resolveScenario(db, inputs);
    const template = templateOf(inputs.camera as Record<string, unknown> | undefined);
    const area = await areaOf(db, inputs);
    progress(0.02, 'area');
    const margin = { minX: area.box.minX - CAMERA_MARGIN_M, minY: area.box.minY - CAMERA_MARGIN_M, maxX: area.box.maxX + CAMERA_MARGIN_M, maxY: area.box.maxY + CAMERA_MARGIN_M };
    const [pieces, spaceRings, allCrossings, buildingRows, cameras, lonLat] = [
      await repo.selectRoadPiecesIn(db, area), await repo.selectPublicSpaceRingsIn(db, area), await selectIntersections(db),
      await selectBuildings(db, margin), await repo.selectCamerasIn(db, scenarioId, margin),
      await localLonLat(db, (area.box.minX + area.box.maxX) / 2, (area.box.minY + area.box.maxY) / 2),
    ];
    const buildings = buildBuildingSet(buildingRows);
    const crossings = allCrossings.filter(([x, y]) => x >= area.box.minX && x <= area.box.maxX && y >= area.box.minY && y <= area.box.maxY);
    const samples = buildSamples(pieces, [], [], {});
    throwIfCancelled(signal);
    progress(0.1, 'existing-cameras');
    const statuses = (inputs.statuses as string[] | undefined) ?? ['existing', 'planned'];
    const existing = new CoverageAccumulator(samples, 1);
    for (const row of cameras.filter((c) => statuses.includes(c.status))) {
      const view = cameraViewshed(cameraInputOf(row), buildings, preset);
      if (view.viewshed) existing.add(view.viewshed, 1);
    }
    const covered = Uint8Array.from(existing.best[0], (level) => (level >= TARGET ? 1 : 0));
    const sites = candidateSites(inputs, pieces, crossings, spaceRings, buildings);
    const views = sites.reduce((n, s) => n + s.headings.length, 0);
    if (views > MAX_VIEWS) throw invalidInput(`The area has ${views} candidate views (more than ${MAX_VIEWS}): choose a smaller area, a wider pole spacing or fewer headings.`, [{ field: 'inputs.poleSpacingM', message: 'too many candidates' }]);
    const scene: Scene = { template, buildings, preset, samples, lonLat };
    const candidates = await evaluateViews(scene, sites, covered, signal, (done) => progress(0.15 + 0.8 * (done / Math.max(1, views)), `views: ${done} / ${views}`));
    const before = sumWeights(samples.weight, covered);
    const picks = greedyPicks(candidates, samples, covered, (inputs.k as number | undefined) ?? 5);
    progress(0.97, 'suggestions');
    const suggestions = picks.map((pick, rank) => describe(scene, sites[pick.candidate.site], pick, rank + 1));
    const roadM = samples.weight.reduce((a, b) => a + b, 0);
    return {
      suggestions,
      summary: {
        area_km2: Math.round(area.areaKm2 * 1000) / 1000, road_km: round3(roadM / 1000), covered_before_km: round3(before / 1000),
        covered_after_km: round3((before + (picks.at(-1)?.cumulativeGainM ?? 0)) / 1000), sites: sites.length, views, useful_views: candidates.length,
        existing_cameras: cameras.length, level: ZONE_LEVELS[TARGET],
      },
    };
  },
};

/** What every candidate view is computed against. */
interface Scene {
  template: CameraTemplate;
  buildings: BuildingSet;
  preset: ZonePreset;
  samples: SampleSet;
  lonLat: LocalLonLat;
}

/** Every site and heading's view, kept when it sees uncovered road at Recognition or better. */
async function evaluateViews(scene: Scene, sites: CandidateSite[], covered: Uint8Array, signal: AbortSignal, onProgress: (done: number) => void): Promise<CandidateView[]> {
  const candidates: CandidateView[] = [];
  let done = 0;
  for (let s = 0; s < sites.length; s++) {
    for (const heading of sites[s].headings) {
      if (done++ % CHUNK === 0) {
        throwIfCancelled(signal);
        onProgress(done);
        await nextTurn();
      }
      const view = cameraViewshed({ ...scene.template.optics, headingDeg: heading, x: sites[s].x, y: sites[s].y, owner: scene.template.owner }, scene.buildings, scene.preset);
      if (!view.viewshed || view.viewshed.inside) continue;
      const seen = coveredSamples(view.viewshed, scene.samples, covered, TARGET);
      if (seen.length) candidates.push({ site: s, headingDeg: heading, samples: seen });
    }
  }
  return candidates;
}

const SITE_NAMES: Record<CandidateSite['kind'], string> = { intersection: 'nút giao', pole: 'cột dọc đường', public_space: 'không gian công cộng' };

/** A pick as the client shows it: position, heading, gain, its Recognition-or-better zone and the camera to post. */
function describe(scene: Scene, site: CandidateSite, pick: Pick, rank: number) {
  const { template, lonLat } = scene;
  const heading = round1(pick.candidate.headingDeg);
  const view = cameraViewshed({ ...template.optics, headingDeg: pick.candidate.headingDeg, x: site.x, y: site.y, owner: template.owner }, scene.buildings, scene.preset);
  const zones = zoneFeatures(view.viewshed!, view.optics!).filter((z) => ZONE_LEVELS.indexOf(z.properties.level) >= TARGET);
  const toLonLat = ([x, y]: [number, number]) => lonLatOf(lonLat, x, y).map(round7);
  const [lon, lat] = toLonLat([site.x, site.y]);
  return {
    rank, kind: site.kind, lon, lat, heading_deg: heading, tilt_deg: round1(template.optics.tiltDeg),
    gain_m: round1(pick.gainM), cumulative_gain_m: round1(pick.cumulativeGainM),
    zone: { type: 'MultiPolygon', coordinates: zones.flatMap((z) => z.geometry.coordinates.map((p) => p.map((r) => r.map(toLonLat)))) },
    feature: {
      type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] },
      properties: { ...template.properties, heading_deg: heading, name: `Camera đề xuất ${rank} (${SITE_NAMES[site.kind]})` },
    },
  };
}

function templateOf(given: Record<string, unknown> = {}): CameraTemplate {
  const properties = { ...DEFAULT_TEMPLATE, ...given } as Record<string, unknown>;
  if (given.hfov_deg !== undefined && given.sensor_width_mm === undefined) {
    properties.sensor_width_mm = null;
    properties.focal_length_mm = null;
  }
  const optics = opticsOf({ ...properties, heading_deg: 0, tilt_deg: properties.tilt_deg ?? 0 });
  const bad = opticsProblems(optics);
  if (bad.length) throw invalidInput(bad.map((p) => p.message).join(' '), bad.map((p) => ({ field: `inputs.camera.${p.field}`, message: p.message })));
  if (properties.tilt_deg === undefined || properties.tilt_deg === null) optics.tiltDeg = autoTilt(optics);
  properties.tilt_deg = round1(optics.tiltDeg);
  for (const p of OPTICS_PROPERTIES) if (properties[p] === undefined) properties[p] = null;
  return { optics, owner: properties.owner as string, properties };
}

async function areaOf(db: Parameters<AnalysisProcess['execute']>[1]['db'], inputs: Record<string, unknown>) {
  if ((inputs.ward === undefined) === (inputs.bbox === undefined)) {
    throw invalidInput('Give the area as either `ward` (a ward code) or `bbox`, not both or neither.', [{ field: 'inputs.ward', message: 'exactly one of ward, bbox' }]);
  }
  if (inputs.ward !== undefined) {
    const area = await repo.selectWardArea(db, inputs.ward as string);
    if (!area) throw invalidInput(`There is no ward with code "${inputs.ward}".`, [{ field: 'inputs.ward', message: 'no such ward' }]);
    return area;
  }
  const [minLon, minLat, maxLon, maxLat] = inputs.bbox as number[];
  if (!(minLon < maxLon && minLat < maxLat)) throw invalidInput('The bbox must be minLon, minLat, maxLon, maxLat with min < max.', [{ field: 'inputs.bbox', message: 'min must be below max' }]);
  const area = await repo.selectBboxArea(db, inputs.bbox as number[]);
  if (area.areaKm2 > 4) throw invalidInput(`The box covers ${area.areaKm2.toFixed(1)} km²; keep it within 4 km² or choose a ward.`, [{ field: 'inputs.bbox', message: 'too large' }]);
  return area;
}

function candidateSites(inputs: Record<string, unknown>, pieces: Parameters<typeof poleSites>[0], crossings: [number, number][], spaceRings: [number, number][][], buildings: Parameters<typeof outsideBuildings>[1]): CandidateSite[] {
  const kinds = (inputs.candidates as string[] | undefined) ?? ['intersections', 'poles', 'public_spaces'];
  const o = { poleSpacingM: (inputs.poleSpacingM as number | undefined) ?? 30, poleOffsetM: 5, edgeSpacingM: 40, headings: (inputs.headings as number | undefined) ?? 8, toeInDeg: 14 };
  const sites = [
    ...(kinds.includes('intersections') ? intersectionSites(crossings, o) : []),
    ...(kinds.includes('poles') ? poleSites(pieces, o) : []),
    ...(kinds.includes('public_spaces') ? publicSpaceSites(spaceRings, o) : []),
  ];
  return outsideBuildings(sites, buildings);
}

const sumWeights = (weight: Float64Array, covered: Uint8Array) => weight.reduce((s, w, i) => s + (covered[i] ? w : 0), 0);
const round1 = (v: number) => Math.round(v * 10) / 10;
const round3 = (v: number) => Math.round(v * 1000) / 1000;
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
