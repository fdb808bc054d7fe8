/** Client for OGC API – Features items (`/ogc/collections/{id}/items`). */
import { getJson } from './http';

export interface GeoJsonFeature {
  type: 'Feature';
  id?: string | number;
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown> | null;
}

/** Items URL for a lon/lat bbox [minLon, minLat, maxLon, maxLat] in degrees (CRS84 axis order). */
export function itemsUrl(collectionId: string, bboxDeg: readonly number[], limit = 10000): string {
  const bbox = bboxDeg.map((v) => v.toFixed(6)).join(',');
  return `/ogc/collections/${encodeURIComponent(collectionId)}/items?bbox=${bbox}&limit=${limit}`;
}

/** Fetches one feature with all its properties (tiles only carry a few). */
export function getFeature(collectionId: string, featureId: string, signal?: AbortSignal): Promise<GeoJsonFeature> {
  const url = `/ogc/collections/${encodeURIComponent(collectionId)}/items/${encodeURIComponent(featureId)}`;
  return getJson<GeoJsonFeature>(url, signal);
}
