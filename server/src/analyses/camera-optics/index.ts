/**
 * Camera optics: what a CCTV camera can resolve on the ground, from its attributes alone (no buildings).
 *
 * Pixel density follows the operational requirements of IEC 62676-4:2014 (EN 62676-4:2015, "Video surveillance
 * systems for use in security applications – Part 4: Application guidelines"): the number of image pixels per
 * metre at the target decides what an operator can do there — monitor a crowd (12.5 px/m), detect a person
 * (25), observe what they do (62.5), recognise a known person (125), identify an unknown one (250) or inspect
 * a detail (1,000). The four middle levels are the default; monitor and inspect are options.
 *
 * Geometry (pinhole camera, square pixels, flat ground at height 0):
 *   HFOV = 2·atan(w / 2f)                       sensor width w and focal length f in mm, or a stated HFOV
 *   VFOV = 2·atan(tan(HFOV/2) · V_res / H_res)  the image's aspect ratio
 *   PPM(D) = H_res / (2·D·tan(HFOV/2))          D: slant distance from the lens, metres
 *   D(PPM) = H_res / (2·PPM·tan(HFOV/2))        the inverse; on the ground r = √(D² − h²)
 *   blind zone  = h / tan(tilt + VFOV/2)         ground hidden under the lower edge of the image
 *   far limit   = h / tan(tilt − VFOV/2)         where the upper edge meets the ground (∞ above the horizon)
 * with h the mount height and tilt the angle of the optical axis below the horizon.
 */

/** Pixel-density levels of IEC 62676-4, coarse to fine. */
export const ZONE_LEVELS = ['monitor', 'detection', 'observation', 'recognition', 'identification', 'inspect'] as const;
export type ZoneLevel = (typeof ZONE_LEVELS)[number];

/** The levels every preset has (monitor and inspect are optional). */
export const CORE_LEVELS: readonly ZoneLevel[] = ['detection', 'observation', 'recognition', 'identification'];

/** Minimum pixel density per level, px/m at the target. */
export type ZonePreset = Partial<Record<ZoneLevel, number>>;

/** IEC 62676-4 default levels (px/m). */
export const IEC_62676_4: Readonly<ZonePreset> = { detection: 25, observation: 62.5, recognition: 125, identification: 250 };

/** IEC 62676-4 with the optional monitor and inspect levels (px/m). */
export const IEC_62676_4_ALL: Readonly<ZonePreset> = { monitor: 12.5, ...IEC_62676_4, inspect: 1000 };

export const ZONE_PRESETS = { 'iec-62676-4': IEC_62676_4, 'iec-62676-4-all': IEC_62676_4_ALL } as const;
export type ZonePresetName = keyof typeof ZONE_PRESETS;

/** The attributes optics need (units in the names; tilt is degrees below the horizon). */
export interface CameraOptics {
  mountHeightM: number;
  headingDeg: number;
  tiltDeg: number;
  hfovDeg?: number | null;
  sensorWidthMm?: number | null;
  focalLengthMm?: number | null;
  resolutionH: number;
  resolutionV: number;
}

/** One thing wrong with a camera's optics, named after the attribute to fix. */
export interface OpticsProblem {
  field: string;
  code: 'hfov_out_of_range' | 'lens_missing' | 'zero_resolution' | 'tilt_out_of_range' | 'mount_height_out_of_range' | 'heading_out_of_range';
  message: string;
}

const RAD = Math.PI / 180;
/** Zones are modelled out to this ground distance (m): past it a flat-ground, clear-air model means little. */
export const MAX_RANGE_M = 2000;

/** Tilt range the cameras table accepts: 30° above to 90° below the horizon. */
export const TILT_RANGE_DEG = [-30, 90] as const;

/** Horizontal field of view in degrees from sensor width and focal length (mm): 2·atan(w / 2f). */
export function hfovFromLens(sensorWidthMm: number, focalLengthMm: number): number {
  return (2 * Math.atan(sensorWidthMm / (2 * focalLengthMm))) / RAD;
}

/** The camera's HFOV in degrees: the stated one when given (varifocal, PTZ), else from its lens; NaN when neither. */
export function resolvedHfovDeg(c: Pick<CameraOptics, 'hfovDeg' | 'sensorWidthMm' | 'focalLengthMm'>): number {
  if (c.hfovDeg !== null && c.hfovDeg !== undefined) return c.hfovDeg;
  if (c.sensorWidthMm && c.focalLengthMm) return hfovFromLens(c.sensorWidthMm, c.focalLengthMm);
  return Number.NaN;
}

/** Vertical field of view in degrees from the horizontal one and the image's pixel aspect (square pixels). */
export function vfovFromHfov(hfovDeg: number, resolutionH: number, resolutionV: number): number {
  return (2 * Math.atan(Math.tan((hfovDeg * RAD) / 2) * (resolutionV / resolutionH))) / RAD;
}

/** Pixel density (px/m) at slant distance `slantM` from the lens. */
export function pixelDensity(resolutionH: number, hfovDeg: number, slantM: number): number {
  return resolutionH / (2 * slantM * Math.tan((hfovDeg * RAD) / 2));
}

/** Slant distance (m) at which the pixel density falls to `ppm`. */
export function slantDistanceFor(resolutionH: number, hfovDeg: number, ppm: number): number {
  return resolutionH / (2 * ppm * Math.tan((hfovDeg * RAD) / 2));
}

/** Ground distance (m) from the foot of the mast to the point at slant distance `slantM`; 0 when it never reaches the ground. */
export function groundDistanceFor(slantM: number, mountHeightM: number): number {
  return slantM > mountHeightM ? Math.sqrt(slantM * slantM - mountHeightM * mountHeightM) : 0;
}

export interface Footprint {
  /** Ground distance (m) under the camera that the lower image edge does not reach. */
  blindZoneM: number;
  /** Ground distance (m) where the upper image edge meets the ground; Infinity when it looks above the horizon. */
  farLimitM: number;
  /** False when the whole image is above the horizon. */
  seesGround: boolean;
}

/** Ground footprint along the heading from mount height (m), tilt below the horizon (°) and VFOV (°). */
export function groundFootprint(mountHeightM: number, tiltDeg: number, vfovDeg: number): Footprint {
  const lower = tiltDeg + vfovDeg / 2;
  const upper = tiltDeg - vfovDeg / 2;
  if (lower <= 0) return { blindZoneM: Infinity, farLimitM: Infinity, seesGround: false };
  const blindZoneM = lower >= 90 ? 0 : mountHeightM / Math.tan(lower * RAD);
  const farLimitM = upper <= 0 ? Infinity : upper >= 90 ? 0 : mountHeightM / Math.tan(upper * RAD);
  return { blindZoneM, farLimitM, seesGround: true };
}

/** The levels of a preset, coarse to fine, with their thresholds. */
export function presetLevels(preset: ZonePreset): { level: ZoneLevel; minPpm: number }[] {
  return ZONE_LEVELS.filter((l) => preset[l] !== undefined).map((level) => ({ level, minPpm: preset[level]! }));
}

/** Problems with a zone preset: the core levels present, every threshold positive and rising coarse to fine. */
export function presetProblems(preset: ZonePreset): string[] {
  const problems: string[] = [];
  for (const level of CORE_LEVELS) if (preset[level] === undefined) problems.push(`${level} is required`);
  let previous = 0;
  for (const { level, minPpm } of presetLevels(preset)) {
    if (!(minPpm > 0) || !Number.isFinite(minPpm)) problems.push(`${level} must be a positive number of px/m`);
    else if (minPpm <= previous) problems.push(`${level} (${minPpm} px/m) must be higher than the coarser level before it (${previous} px/m)`);
    previous = Math.max(previous, minPpm);
  }
  return problems;
}

/** Checks a camera's optics; an empty list means the view can be computed. */
export function opticsProblems(c: CameraOptics): OpticsProblem[] {
  const problems: OpticsProblem[] = [];
  const hfov = resolvedHfovDeg(c);
  if (Number.isNaN(hfov)) {
    problems.push({ field: 'hfov_deg', code: 'lens_missing', message: 'Give either hfov_deg or both sensor_width_mm and focal_length_mm (greater than 0).' });
  } else if (!(hfov > 0 && hfov < 180)) {
    problems.push({ field: 'hfov_deg', code: 'hfov_out_of_range', message: `The horizontal field of view must be more than 0° and less than 180°; it is ${round(hfov)}°.` });
  }
  for (const [field, value] of [['resolution_h', c.resolutionH], ['resolution_v', c.resolutionV]] as const) {
    if (!(value >= 1) || !Number.isInteger(value)) {
      problems.push({ field, code: 'zero_resolution', message: `${field} must be a whole number of pixels, at least 1; it is ${value}.` });
    }
  }
  if (!(c.tiltDeg >= TILT_RANGE_DEG[0] && c.tiltDeg <= TILT_RANGE_DEG[1])) {
    problems.push({ field: 'tilt_deg', code: 'tilt_out_of_range', message: `The tilt must be between ${TILT_RANGE_DEG[0]}° (up) and ${TILT_RANGE_DEG[1]}° (straight down); it is ${c.tiltDeg}°.` });
  }
  if (!(c.mountHeightM > 0 && c.mountHeightM <= 500)) {
    problems.push({ field: 'mount_height_m', code: 'mount_height_out_of_range', message: `The mount height must be above 0 m and at most 500 m; it is ${c.mountHeightM} m.` });
  }
  if (!(c.headingDeg >= 0 && c.headingDeg < 360)) {
    problems.push({ field: 'heading_deg', code: 'heading_out_of_range', message: `The heading must be from 0° up to (not including) 360°; it is ${c.headingDeg}°.` });
  }
  return problems;
}

/** One ring of the footprint between two ground distances, at one pixel-density level. */
export interface ZoneBand {
  level: ZoneLevel;
  /** Density at the band's outer edge is at least this (px/m). */
  minPpm: number;
  /** The next finer level's threshold (px/m), null for the finest. */
  maxPpm: number | null;
  /** Ground distances from the foot of the mast, metres; the band is empty when toM ≤ fromM. */
  fromM: number;
  toM: number;
}

export interface OpticsSummary {
  hfovDeg: number;
  vfovDeg: number;
  footprint: Footprint;
  /** Ground distance (m) where each level ends, ignoring the footprint (0: the level never reaches the ground). */
  levelReachM: Partial<Record<ZoneLevel, number>>;
  /** Bands of the preset, fine to coarse, clipped to the footprint; empty bands left out. */
  bands: ZoneBand[];
  /** Outer edge (m) of the coarsest non-empty band; 0 when the camera sees no ground. */
  reachM: number;
}

/**
 * Everything about a valid camera's ground coverage except occlusion, bands clipped at MAX_RANGE_M. Call
 * `opticsProblems` first.
 */
export function opticsSummary(c: CameraOptics, preset: ZonePreset = IEC_62676_4): OpticsSummary {
  const hfovDeg = resolvedHfovDeg(c);
  const vfovDeg = vfovFromHfov(hfovDeg, c.resolutionH, c.resolutionV);
  const footprint = groundFootprint(c.mountHeightM, c.tiltDeg, vfovDeg);
  const levels = presetLevels(preset);
  const levelReachM: Partial<Record<ZoneLevel, number>> = {};
  for (const { level, minPpm } of levels) {
    levelReachM[level] = groundDistanceFor(slantDistanceFor(c.resolutionH, hfovDeg, minPpm), c.mountHeightM);
  }
  const bands: ZoneBand[] = [];
  if (footprint.seesGround) {
    for (let k = levels.length - 1; k >= 0; k--) {
      const { level, minPpm } = levels[k];
      const finer = levels[k + 1];
      const fromM = Math.max(footprint.blindZoneM, finer ? levelReachM[finer.level]! : 0);
      const toM = Math.min(footprint.farLimitM, levelReachM[level]!, MAX_RANGE_M);
      if (toM > fromM) bands.push({ level, minPpm, maxPpm: finer?.minPpm ?? null, fromM, toM });
    }
  }
  const reachM = bands.length ? bands[bands.length - 1].toM : 0;
  return { hfovDeg, vfovDeg, footprint, levelReachM, bands, reachM };
}

const round = (v: number) => Math.round(v * 100) / 100;
