/** Client of the staged import (`/api/imports`): upload a file, preview the chosen mapping, commit, discard. */
import { request } from './http';

/** The CRS the file declares, or why none could be read (`code` null: the user must choose). */
export interface DetectedCrs {
  code: string | null;
  source: 'prj' | 'geojson' | 'rfc7946' | 'kml' | 'columns' | 'none';
  detail: string;
}

/** What the server read from an uploaded file. */
export interface UploadSummary {
  id: string;
  fileName: string;
  bytes: number;
  format: 'geojson' | 'csv' | 'kml' | 'kmz' | 'shapefile';
  featureCount: number;
  geometryTypes: Record<string, number>;
  columns: Array<{ name: string; samples: unknown[] }>;
  coordinateColumns?: string[];
  crs: DetectedCrs;
  crsChoices: Array<{ code: string; title: string }>;
  expiresAt: string;
}

/** Which collection property each file column fills (null: the column is not imported). */
export type ColumnMapping = Record<string, string | null>;

export interface ImportChoices {
  collection: string;
  crs?: string;
  mapping?: ColumnMapping;
  repair?: boolean;
  scenario?: string;
}

export interface ReportProblem {
  row: number;
  field: string;
  column?: string;
  problem: string;
}

export interface RepairOffer {
  row: number;
  reason: string;
  location: [number, number] | null;
  validBefore: false;
  validAfter: boolean;
  areaBeforeM2: number;
  areaAfterM2: number;
  areaChangeM2: number;
  parts: number;
  partsKept: number;
  applied: boolean;
}

/** A preview's features in WGS 84 lon/lat; `properties.ok` is false on rows with a problem. */
export interface PreviewCollection {
  type: 'FeatureCollection';
  features: Array<{ type: 'Feature'; id: number; geometry: unknown; properties: { row: number; ok: boolean; repaired: boolean; [k: string]: unknown } }>;
}

export interface PreviewReport {
  collection: string;
  scenario: string | null;
  crs: string;
  mapping: ColumnMapping;
  repair: boolean;
  featureCount: number;
  readyCount: number;
  problemRows: number;
  problems: ReportProblem[];
  problemsTruncated: boolean;
  repairs: RepairOffer[];
  canCommit: boolean;
  preview: PreviewCollection;
  previewTruncated: boolean;
}

export interface CommitResult {
  collection: string;
  scenario: string | null;
  inserted: number;
  /** lon/lat extent: minLon, minLat, maxLon, maxLat. */
  extent: [number, number, number, number] | null;
}

/** Uploads a file; nothing is written yet. The file name travels for its extension. */
export function uploadImport(file: File, signal?: AbortSignal): Promise<UploadSummary> {
  return request<UploadSummary>('POST', '/api/imports', { file, query: { name: file.name }, signal });
}

/** Validates the staged file with the choices: the report and the features for the map. */
export function previewImport(id: string, choices: ImportChoices, signal?: AbortSignal): Promise<PreviewReport> {
  return request<PreviewReport>('POST', `/api/imports/${encodeURIComponent(id)}/preview`, { body: choices, signal });
}

/** Writes every feature, or nothing (422 with the report). */
export function commitImport(id: string, choices: ImportChoices): Promise<CommitResult> {
  return request<CommitResult>('POST', `/api/imports/${encodeURIComponent(id)}/commit`, { body: choices });
}

/** Forgets a staged file (the wizard was closed before the commit). */
export function discardImport(id: string): Promise<void> {
  return request<void>('DELETE', `/api/imports/${encodeURIComponent(id)}`);
}
