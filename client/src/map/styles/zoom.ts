/** Zoom helpers for style functions, which only receive the view resolution. */

// Web Mercator resolution at zoom 0 for 256-pixel tiles, in metres per pixel.
const RESOLUTION_Z0_M = 156543.03392804097;

/** Web Mercator zoom level for a resolution in metres per pixel. */
export function zoomForResolution(resolutionM: number): number {
  return Math.log2(RESOLUTION_Z0_M / resolutionM);
}

/** Scales a pixel width defined at zoom 15 by √2 per zoom level, clamped to [minPx, maxPx]. */
export function scaleWidthPx(widthAtZ15Px: number, zoom: number, minPx = 0.6, maxPx = 24): number {
  const w = widthAtZ15Px * Math.pow(2, (zoom - 15) / 2);
  return Math.min(maxPx, Math.max(minPx, w));
}

/**
 * Size factor for point symbols: thousands of assets at city scale would bury the map, so symbols
 * shrink when zoomed out and reach their registry size from zoom 15.
 */
export function pointScale(zoom: number): number {
  if (zoom < 11) return 0.45;
  if (zoom < 13) return 0.6;
  if (zoom < 15) return 0.8;
  return 1;
}
