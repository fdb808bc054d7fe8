/**
 * A camera's field of view as a sector on the map, for the placement tool's live preview (the precise
 * visibility analysis, with buildings in the way, is a server process of its own).
 *
 * Horizontal angle: the camera's `hfov_deg`, else from the sensor width w and focal length f of a rectilinear
 * lens, hfov = 2·atan(w / 2f). Reach: the distance at which the horizontal pixel density falls to the "detect"
 * level of IEC 62676-4:2014 (25 px/m, DORI): d = resolution_h / (2 · 25 · tan(hfov / 2)), kept within 5–500 m.
 */
import { bearing, sector } from '@turf/turf';

/** Pixels per metre at which a person can still be detected (IEC 62676-4:2014, DORI "detect"). */
export const DETECT_PX_PER_M = 25;
export const DEFAULT_HFOV_DEG = 60;
export const DEFAULT_RESOLUTION_H_PX = 1920;
const MIN_RANGE_M = 5;
const MAX_RANGE_M = 500;

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** Horizontal field of view in degrees from a camera's attributes (numbers or form text), with a default. */
export function horizontalFovDeg(attributes: Record<string, unknown>): number {
  const hfov = num(attributes.hfov_deg);
  if (hfov !== undefined && hfov > 0 && hfov < 360) return hfov;
  const widthMm = num(attributes.sensor_width_mm);
  const focalMm = num(attributes.focal_length_mm);
  if (widthMm !== undefined && focalMm !== undefined && widthMm > 0 && focalMm > 0) {
    return (2 * Math.atan(widthMm / (2 * focalMm)) * 180) / Math.PI;
  }
  return DEFAULT_HFOV_DEG;
}

/** Preview reach in metres: where the horizontal resolution spreads to the DORI "detect" density. */
export function previewRangeM(attributes: Record<string, unknown>, hfovDeg = horizontalFovDeg(attributes)): number {
  const resolution = num(attributes.resolution_h);
  const pixels = resolution !== undefined && resolution > 0 ? resolution : DEFAULT_RESOLUTION_H_PX;
  const halfAngle = (Math.min(hfovDeg, 179) * Math.PI) / 360;
  const range = pixels / (2 * DETECT_PX_PER_M * Math.tan(halfAngle));
  return Math.min(MAX_RANGE_M, Math.max(MIN_RANGE_M, range));
}

/** Compass heading in degrees, [0, 360), from one lon/lat position to another, to 0.1°. */
export function headingDeg(fromLonLat: number[], toLonLat: number[]): number {
  const rounded = Math.round(((bearing(fromLonLat, toLonLat) + 360) % 360) * 10) / 10;
  return rounded >= 360 ? 0 : rounded;
}

/**
 * The field-of-view sector of a camera at `centerLonLat` looking along `headingDeg` (clockwise from north),
 * `hfovDeg` wide and `rangeM` deep, as GeoJSON polygon coordinates (lon/lat).
 */
export function fovSector(centerLonLat: number[], headingDegrees: number, hfovDeg: number, rangeM: number): number[][][] {
  const half = Math.min(hfovDeg, 359.9) / 2;
  return sector(centerLonLat, rangeM / 1000, headingDegrees - half, headingDegrees + half, { steps: 64, units: 'kilometers' }).geometry.coordinates;
}

/** The sector of a camera from its attributes (heading, field of view, resolution), or undefined without a heading. */
export function cameraSector(centerLonLat: number[], attributes: Record<string, unknown>): number[][][] | undefined {
  const heading = num(attributes.heading_deg);
  if (heading === undefined) return undefined;
  const hfov = horizontalFovDeg(attributes);
  return fovSector(centerLonLat, heading, hfov, previewRangeM(attributes, hfov));
}
