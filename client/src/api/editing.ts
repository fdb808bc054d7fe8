/**
 * Client for feature writes (OGC API – Features Part 4) and the feature history, with ETags: every read returns
 * the feature's ETag (`"v<version>"`), every write sends it back in If-Match, so the server answers 412 instead of
 * overwriting someone else's change. `scenarioId` sends a write into a plan (`?scenario=`).
 */
import { getJson, request, requestWithHeaders } from './http';
import type { GeoJsonFeature } from './features';

export type Geometry = { type: string; coordinates: unknown };

/** What a write sends: a geometry and the registry properties. */
export interface FeatureState {
  geometry: Geometry;
  properties: Record<string, unknown>;
}

/** A feature as read, with the ETag to send back when changing it. */
export interface VersionedFeature {
  id: string;
  etag: string;
  feature: GeoJsonFeature;
}

const itemsPath = (collectionId: string) => `/ogc/collections/${encodeURIComponent(collectionId)}/items`;
const itemPath = (collectionId: string, id: string) => `${itemsPath(collectionId)}/${encodeURIComponent(id)}`;
const historyPath = (collectionId: string, id: string) =>
  `/api/history/${encodeURIComponent(collectionId)}/${encodeURIComponent(id)}`;

/** The version number in an ETag of this API (`"v7"` → 7), or undefined for anything else. */
export function versionOfEtag(etag: string | null | undefined): number | undefined {
  const match = /^(?:W\/)?"v(\d+)"$/.exec(etag?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The ETag of a version number. */
export const etagOfVersion = (version: number) => `"v${version}"`;

function etagFrom(headers: Headers, fallbackVersion?: unknown): string {
  const etag = headers.get('ETag');
  if (etag) return etag;
  if (typeof fallbackVersion === 'number') return etagOfVersion(fallbackVersion);
  throw new Error('The server sent no ETag for the feature.');
}

/** Reads one feature with its full geometry (tiles are clipped and simplified) and its ETag. */
export async function readFeature(collectionId: string, id: string, signal?: AbortSignal): Promise<VersionedFeature> {
  const res = await requestWithHeaders<GeoJsonFeature>('GET', itemPath(collectionId, id), { signal });
  return { id: String(res.body.id ?? id), etag: etagFrom(res.headers, res.body.properties?.version), feature: res.body };
}

/** Creates a feature (in a plan when `scenarioId` is given); returns its id and ETag. */
export async function createFeature(collectionId: string, state: FeatureState, scenarioId?: string | null): Promise<{ id: string; etag: string }> {
  const res = await requestWithHeaders<{ id: string; version: number }>('POST', itemsPath(collectionId), {
    body: { type: 'Feature', ...state },
    query: { scenario: scenarioId },
  });
  return { id: res.body.id, etag: etagFrom(res.headers, res.body.version) };
}

/**
 * Replaces a feature's geometry and properties at the version `ifMatch` names. Inside a plan, changing a baseline
 * feature makes the plan's copy of it: the answer's id is then the copy's.
 */
export async function replaceFeature(
  collectionId: string, id: string, state: FeatureState, ifMatch: string, scenarioId?: string | null,
): Promise<VersionedFeature> {
  const res = await requestWithHeaders<GeoJsonFeature>('PUT', itemPath(collectionId, id), {
    body: { type: 'Feature', ...state },
    headers: { 'If-Match': ifMatch },
    query: { scenario: scenarioId },
  });
  return { id: String(res.body.id ?? id), etag: etagFrom(res.headers, res.body.properties?.version), feature: res.body };
}

/**
 * Deletes a feature at the version `ifMatch` names. Inside a plan, a baseline feature is retired instead: the
 * plan gets a copy with status "decommissioned", whose id is returned as `retiredAs`.
 */
export async function deleteFeature(collectionId: string, id: string, ifMatch: string, scenarioId?: string | null): Promise<{ retiredAs?: string }> {
  const body = await request<{ id?: string } | undefined>('DELETE', itemPath(collectionId, id), {
    headers: { 'If-Match': ifMatch },
    query: { scenario: scenarioId },
  });
  return body?.id ? { retiredAs: body.id } : {};
}

/** Brings a feature back to an earlier version as a new version (or re-creates a deleted one under its id). */
export async function revertFeature(collectionId: string, id: string, version: number, ifMatch: string): Promise<{ etag: string }> {
  const res = await requestWithHeaders<{ version: number }>('POST', `${historyPath(collectionId, id)}/revert`, {
    body: { version },
    headers: { 'If-Match': ifMatch },
  });
  return { etag: etagFrom(res.headers, res.body.version) };
}

/** The JSON Schema a collection publishes for its features (`/ogc/collections/{id}/schema`). */
export interface PublishedSchema {
  title?: string;
  properties: Record<string, PublishedProperty>;
  required?: string[];
}

export interface PublishedProperty {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxLength?: number;
  readOnly?: boolean;
  items?: Record<string, unknown>;
}

/** Reads a collection's published feature schema. */
export function readSchema(collectionId: string, signal?: AbortSignal): Promise<PublishedSchema> {
  return getJson<PublishedSchema>(`/ogc/collections/${encodeURIComponent(collectionId)}/schema`, signal);
}
