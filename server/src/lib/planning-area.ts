/**
 * The area the tool plans for, in WGS 84 degrees: the city of Đà Nẵng as reformed on 1 July 2025 (the former
 * city plus Quảng Nam), with a margin, but without the Hoàng Sa islands. Geometry outside it is refused as a
 * likely mistake (swapped axes, a wrong CRS), which is the most common error in imported coordinates.
 */
export const PLANNING_AREA = {
  name: 'Đà Nẵng',
  minLon: 107.0,
  minLat: 14.8,
  maxLon: 109.0,
  maxLat: 16.6,
} as const;

/** Whether a lon/lat position lies in the planning area (its edges included). */
export function inPlanningArea(lon: number, lat: number): boolean {
  const a = PLANNING_AREA;
  return lon >= a.minLon && lon <= a.maxLon && lat >= a.minLat && lat <= a.maxLat;
}
