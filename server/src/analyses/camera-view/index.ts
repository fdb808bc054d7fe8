/**
 * What one camera really sees: its IEC 62676-4 pixel-density zones (camera-optics) on the ground, clipped by the
 * buildings in the way (viewshed.ts), as one MultiPolygon per zone level. Pure: coordinates are metres in a
 * local metric CRS (the processes use VN-2000 / TM-3 107°45′, EPSG:5899); no database.
 */
import { IEC_62676_4, opticsProblems, opticsSummary, type CameraOptics, type OpticsSummary, type ZoneLevel, type ZonePreset } from '../camera-optics/index.js';
import type { BuildingSet } from './buildings.js';
import { computeViewshed, type ViewOptions, type Viewshed } from './viewshed.js';
import { ringArea, visibleRings, type Ring } from './polygons.js';

/** A camera placed in the metric CRS, with the attributes the checks read. */
export interface CameraInput extends CameraOptics {
  id?: string;
  name?: string | null;
  x: number;
  y: number;
  owner?: string;
  status?: string;
  manNodeId?: string | null;
}

export type ProblemCode =
  | ReturnType<typeof opticsProblems>[number]['code']
  | 'inside_building'
  | 'looks_above_horizon'
  | 'no_man_node';

/** Something wrong with one camera. Errors leave it without zones; warnings are worth knowing. */
export interface CameraProblem {
  cameraId?: string;
  cameraName?: string | null;
  field: string;
  code: ProblemCode;
  severity: 'error' | 'warning';
  message: string;
}

export interface ZoneProperties {
  level: ZoneLevel;
  /** Pixel density range of the band, px/m (max null: the finest level). */
  min_ppm: number;
  max_ppm: number | null;
  /** Ground distances of the band from the mast, metres, before occlusion. */
  from_m: number;
  to_m: number;
  /** Ground seen in the band after occlusion, and the band's whole sector, m². */
  area_m2: number;
  nominal_area_m2: number;
}

export interface ZoneFeature {
  type: 'Feature';
  geometry: { type: 'MultiPolygon'; coordinates: Ring[][] };
  properties: ZoneProperties;
}

export interface CameraViewResult {
  /** One feature per non-empty band, fine to coarse. Empty when the camera has errors or sees no ground. */
  zones: ZoneFeature[];
  optics: OpticsSummary | null;
  problems: CameraProblem[];
  viewshed: Viewshed | null;
}

/** Checks a camera: its optics (errors) and its MAN connection (a warning for public cameras). */
export function cameraProblems(camera: CameraInput): CameraProblem[] {
  const about = { cameraId: camera.id, cameraName: camera.name ?? null };
  const problems: CameraProblem[] = opticsProblems(camera).map((p) => ({ ...about, ...p, severity: 'error' as const }));
  // Residents' cameras reach the police over the Internet, not the city's MAN: no node is expected there.
  if (!camera.manNodeId && camera.owner !== 'resident') {
    problems.push({
      ...about, field: 'man_node_id', code: 'no_man_node', severity: 'warning',
      message: 'The camera is not connected to a MAN node: its stream cannot reach the data centre. Set man_node_id.',
    });
  }
  return problems;
}

/**
 * A camera's visible ground without polygons (what coverage counts need). Problems are reported, never thrown:
 * a camera with optics errors or inside a building sees nothing (null viewshed or an `inside` one).
 */
export function cameraViewshed(camera: CameraInput, buildings: BuildingSet, preset: ZonePreset = IEC_62676_4, options: ViewOptions = {}) {
  const problems = cameraProblems(camera);
  if (problems.some((p) => p.severity === 'error')) return { optics: null, problems, viewshed: null };
  const optics = opticsSummary(camera, preset);
  const about = { cameraId: camera.id, cameraName: camera.name ?? null };
  if (!optics.footprint.seesGround) {
    problems.push({
      ...about, field: 'tilt_deg', code: 'looks_above_horizon', severity: 'warning',
      message: `With a tilt of ${camera.tiltDeg}° and a vertical field of view of ${optics.vfovDeg.toFixed(1)}° the camera sees only sky: tilt it further down.`,
    });
  }
  const shed = computeViewshed({ x: camera.x, y: camera.y, mountHeightM: camera.mountHeightM, headingDeg: camera.headingDeg, hfovDeg: optics.hfovDeg, bands: optics.bands }, buildings, options);
  if (shed.inside) {
    problems.push({
      ...about, field: 'geometry', code: 'inside_building', severity: 'error',
      message: `The camera is ${shed.inside.depthM.toFixed(1)} m inside a building (${shed.inside.buildingHeightM} m high) below its roof (mount height ${camera.mountHeightM} m), so it sees nothing: move it onto the façade or raise it above the roof.`,
    });
  }
  return { optics, problems, viewshed: shed };
}

/**
 * The occlusion-clipped zones of a camera. Problems are reported, never thrown: a camera with optics errors or
 * inside a building gets no zones, one without a MAN node gets its zones and a warning.
 */
export function cameraView(camera: CameraInput, buildings: BuildingSet, preset: ZonePreset = IEC_62676_4, options: ViewOptions = {}): CameraViewResult {
  const { optics, problems, viewshed } = cameraViewshed(camera, buildings, preset, options);
  const zones = optics && viewshed && !viewshed.inside ? zoneFeatures(viewshed, optics) : [];
  return { zones, optics, problems, viewshed };
}

/** One MultiPolygon feature per band with its seen and nominal areas. */
export function zoneFeatures(shed: Viewshed, optics: OpticsSummary): ZoneFeature[] {
  const width = (shed.rays - 1) * shed.step;
  const zones: ZoneFeature[] = [];
  for (const band of optics.bands) {
    const rings = visibleRings(shed, band.fromM, band.toM);
    if (rings.length === 0) continue;
    zones.push({
      type: 'Feature',
      geometry: { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) },
      properties: {
        level: band.level, min_ppm: band.minPpm, max_ppm: band.maxPpm, from_m: round2(band.fromM), to_m: round2(band.toM),
        area_m2: round2(rings.reduce((s, r) => s + Math.abs(ringArea(r)), 0)),
        nominal_area_m2: round2((width / 2) * (band.toM ** 2 - band.fromM ** 2)),
      },
    });
  }
  return zones;
}

const round2 = (v: number) => Math.round(v * 100) / 100;
