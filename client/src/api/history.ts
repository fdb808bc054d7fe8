/** Client for feature history: `/api/history/{collection}/{featureId}`. */
import { getJson, request } from './http';
import type { GeoJsonFeature } from './features';

/** One recorded version of a feature. */
export interface FeatureVersion {
  version: number;
  operation: 'insert' | 'update' | 'delete';
  at: string;
  user_name: string | null;
  /** The registry properties as they were at this version. */
  properties: Record<string, unknown>;
  geometry: GeoJsonFeature['geometry'];
  /** Properties that differ from the version before (all for the first). */
  changedProperties: string[];
  geometryChanged: boolean;
}

const base = (collectionId: string, featureId: string) =>
  `/api/history/${encodeURIComponent(collectionId)}/${encodeURIComponent(featureId)}`;

/** Every version of a feature, oldest first (404 when it never existed). */
export async function getHistory(collectionId: string, featureId: string, signal?: AbortSignal): Promise<FeatureVersion[]> {
  return (await getJson<{ versions: FeatureVersion[] }>(base(collectionId, featureId), signal)).versions;
}

/**
 * Brings a feature back to `version` as a new version. `currentVersion` is the version the user saw (sent as
 * If-Match): a 412 means someone changed the feature meanwhile. Resolves to the new version number.
 */
export async function revertFeature(collectionId: string, featureId: string, version: number, currentVersion: number): Promise<number> {
  const res = await request<{ version: number }>('POST', `${base(collectionId, featureId)}/revert`, {
    body: { version },
    headers: { 'If-Match': `"v${currentVersion}"` },
  });
  return res.version;
}
