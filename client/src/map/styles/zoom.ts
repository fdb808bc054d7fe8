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
