import type { Knex } from 'knex';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { findCollection, type CollectionSpec } from '../collections/registry.js';
import { invalidInput } from '../../lib/errors.js';
import { assertDraft } from '../scenarios/scenarios.service.js';
import { crsChoices, crsCode, findImportCrs, type ImportCrs } from './import.crs.js';
import { checkMapping, suggestMapping, type ColumnMapping } from './import.mapping.js';
import { checkRows, type Checked, type ReportProblem, type RepairOffer } from './import.checks.js';
import { checkFeatures, columnsOf, parseFile, type DetectedCrs } from './parsers/index.js';
import type { ImportStore, StagedImport } from './import.store.js';
import * as repo from './import.repository.js';

/** Most features drawn on the preview map, problems listed and repairs described in one answer. */
export const PREVIEW_FEATURES = 2000;
export const REPORT_ROWS = 1000;

/** What the upload answers: what the file holds and the CRS it declares, before anything is chosen. */
export interface UploadSummary {
  id: string;
  fileName: string;
  bytes: number;
  format: string;
  featureCount: number;
  geometryTypes: Record<string, number>;
  columns: Array<{ name: string; samples: unknown[] }>;
  coordinateColumns?: string[];
  crs: DetectedCrs;
  crsChoices: Array<{ code: string; title: string }>;
  expiresAt: string;
}

/** Parses an uploaded file and stages it for `owner`; 422 for an empty, corrupt, mixed or unreadable file. */
export async function stageUpload(store: ImportStore, owner: string, fileName: string, bytes: Buffer): Promise<UploadSummary> {
  const parsed = await parseFile(bytes, fileName);
  const { geometryTypes } = checkFeatures(parsed);
  const staged = store.put(owner, { fileName, bytes: bytes.length, parsed, geometryTypes, columns: columnsOf(parsed.features) });
  return summaryOf(staged);
}

export function summaryOf(staged: StagedImport): UploadSummary {
  return {
    id: staged.id,
    fileName: staged.fileName,
    bytes: staged.bytes,
    format: staged.parsed.format,
    featureCount: staged.parsed.features.length,
    geometryTypes: staged.geometryTypes,
    columns: staged.columns,
    ...(staged.parsed.coordinateColumns ? { coordinateColumns: staged.parsed.coordinateColumns } : {}),
    crs: staged.parsed.crs,
    crsChoices: crsChoices(),
    expiresAt: new Date(staged.expiresAt).toISOString(),
  };
}

/** The choices of a preview or commit request, as the route validated them. */
export interface ImportChoices {
  collection: string;
  crs?: string;
  mapping?: ColumnMapping;
  repair?: boolean;
  scenario?: string;
}

/** The choices resolved against the registry, the CRS list and the file's columns. */
export interface ResolvedChoices {
  spec: CollectionSpec;
  crs: ImportCrs;
  mapping: ColumnMapping;
  repair: boolean;
  scenarioId?: string;
}

/** Resolves the collection, the CRS (the file's own unless one is chosen) and the mapping (the suggestion, overridden column by column). */
export function resolveChoices(staged: StagedImport, choices: ImportChoices): ResolvedChoices {
  const spec = findCollection(choices.collection);
  if (!spec) throw invalidInput(`Unknown collection "${choices.collection}". See /ogc/collections for the list.`, [{ field: 'collection', message: 'unknown collection' }]);
  const code = choices.crs ?? staged.parsed.crs.code;
  const list = crsChoices().map((c) => c.code).join(', ');
  if (code === null) {
    throw invalidInput(`${staged.parsed.crs.detail} Send "crs" as one of: ${list}.`, [{ field: 'crs', message: 'the file does not say its CRS: choose one' }]);
  }
  const crs = findImportCrs(code);
  if (!crs) throw invalidInput(`Unknown CRS "${code}"; use one of: ${list}.`, [{ field: 'crs', message: 'unknown CRS' }]);
  if (choices.scenario && !spec.scenarioAware) {
    throw invalidInput(`${spec.id} is not planned in plans; import it into the baseline.`, [{ field: 'scenario', message: 'not a plan layer' }]);
  }
  const columns = staged.columns.map((c) => c.name);
  // Columns the request leaves out keep the suggested property; a column sent as null is skipped.
  const mapping = { ...suggestMapping(columns, spec), ...choices.mapping };
  checkMapping(mapping, columns, spec);
  return { spec, crs, mapping, repair: choices.repair ?? false, scenarioId: choices.scenario };
}

/** The validation report of a preview, with the features for the map. */
export interface PreviewReport {
  collection: string;
  scenario: string | null;
  crs: string;
  mapping: ColumnMapping;
  repair: boolean;
  featureCount: number;
  readyCount: number;
  /** Rows with at least one problem. */
  problemRows: number;
  problems: ReportProblem[];
  problemsTruncated: boolean;
  /** The ST_MakeValid repair of each self-intersecting polygon and what it changes, whether applied or offered. */
  repairs: RepairOffer[];
  canCommit: boolean;
  preview: FeatureCollection;
  previewTruncated: boolean;
}

/** Validates the staged file with the given choices (nothing is written) and answers the report and the preview. */
export async function previewImport(db: Knex, staged: StagedImport, choices: ResolvedChoices): Promise<PreviewReport> {
  if (choices.scenarioId) await assertDraft(db, choices.scenarioId);
  const checked = await checkRows(db, staged.parsed.features, choices);
  return {
    collection: choices.spec.id,
    scenario: choices.scenarioId ?? null,
    crs: crsCode(choices.crs),
    mapping: choices.mapping,
    repair: choices.repair,
    featureCount: staged.parsed.features.length,
    readyCount: checked.ready.length,
    problemRows: checked.problemRows,
    problems: checked.problems.slice(0, REPORT_ROWS),
    problemsTruncated: checked.problems.length > REPORT_ROWS,
    repairs: checked.repairs.slice(0, REPORT_ROWS),
    canCommit: checked.problemRows === 0,
    preview: await previewFeatures(db, choices, checked),
    previewTruncated: checked.drawable.length > PREVIEW_FEATURES,
  };
}

async function previewFeatures(db: Knex, choices: ResolvedChoices, checked: Checked): Promise<FeatureCollection> {
  const shown = checked.drawable.slice(0, PREVIEW_FEATURES);
  const rows = await repo.selectPreviewGeometries(db, choices.crs.srid, shown.map((d) => ({ i: d.index, g: d.geometry })));
  const byIndex = new Map(rows.map((r) => [r.i, r.geometry]));
  const features: Feature[] = shown.map((d) => ({
    type: 'Feature',
    id: d.row,
    geometry: JSON.parse(byIndex.get(d.index)!) as Geometry,
    properties: { row: d.row, ok: !checked.rowsWithProblems.has(d.row), repaired: d.repaired, ...d.properties },
  }));
  return { type: 'FeatureCollection', features };
}
