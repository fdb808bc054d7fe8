import type { Knex } from 'knex';
import type { CollectionSpec } from '../collections/registry.js';
import { ProblemError, invalidInput, notFound } from '../../lib/errors.js';
import { parseCrs, type CrsInfo } from '../../lib/crs.js';

const parseCrsDefault = () => parseCrs(undefined, 'crs');
import { PLANNING_AREA } from '../../lib/planning-area.js';
import type { ItemsQuery } from './items.query.js';
import { validateFeature } from './feature-validation.js';
import * as repo from './items.repository.js';
import { assertDraft } from '../scenarios/scenarios.service.js';

/** Properties the server manages; a client may send them back (GDAL and QGIS do) and they are ignored. */
const READ_ONLY = ['version', 'updated_at', 'updated_by', 'created_at', 'scenario_id', 'replaces_id'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ItemsPage {
  features: string[];
  numberMatched: number;
}

/** One page of a collection's features and the total that match. */
export async function listItems(db: Knex, spec: CollectionSpec, query: ItemsQuery): Promise<ItemsPage> {
  const [features, numberMatched] = await Promise.all([
    repo.selectFeaturePage(db, spec, query),
    repo.countFeatures(db, spec, query),
  ]);
  return { features, numberMatched };
}

/** One feature as GeoJSON text with its version; 404 when the id is unknown. */
export async function getItem(db: Knex, spec: CollectionSpec, id: string, crs: CrsInfo) {
  const found = UUID.test(id) ? await repo.selectFeature(db, spec, id, crs) : undefined;
  if (!found) throw notFound(`No feature "${id}" in ${spec.id}.`);
  return found;
}

/** The version an If-Match header allows to change: a number, or '*' (any: an overwrite on purpose). */
export type ExpectedVersion = number | '*';

/** Reads If-Match (RFC 9110): missing → 428, unreadable → 400. ETags are `"v<version>"`. */
export function expectedVersionFrom(header: string | undefined): ExpectedVersion {
  if (!header) {
    throw new ProblemError(428, 'Precondition required',
      'Send If-Match with the ETag you read (GET the feature first), so that nobody else\'s change is overwritten.',
      [{ field: 'header.If-Match', message: 'missing' }]);
  }
  if (header.trim() === '*') return '*';
  const match = /^(?:W\/)?"v(\d{1,9})"$/.exec(header.trim());
  if (!match) {
    throw new ProblemError(400, 'Bad request', `If-Match "${header}" is not an ETag of this API (like "v3").`,
      [{ field: 'header.If-Match', message: 'unreadable ETag' }]);
  }
  return Number(match[1]);
}

/** ETag of a feature version. */
export const etagOf = (version: number) => `"v${version}"`;

/**
 * Creates a feature, in the baseline or in a draft plan (`scenarioId`); under `id` when given (a deleted feature
 * brought back). Returns its id and version.
 */
export async function createItem(db: Knex, spec: CollectionSpec, body: unknown, crs: CrsInfo, user: string, id?: string, scenarioId?: string) {
  if (scenarioId) await assertDraft(db, scenarioId);
  const feature = validateFeature(spec, stripReadOnly(body), crs);
  const geojson = JSON.stringify(feature.geometry);
  await assertGeometryUsable(db, spec, geojson, crs);
  return db.transaction(async (trx) => {
    await repo.setActingUser(trx, user);
    return repo.insertFeature(trx, spec, geojson, crs, feature.properties, user, { id, scenarioId });
  });
}

/**
 * Where a write inside a plan lands: the feature itself when it belongs to the plan, or a copy of a baseline
 * feature made in the plan (copy on write, at the version If-Match names). Returns the id to change and whether
 * that copy was just made.
 */
export async function planTarget(trx: Knex.Transaction, spec: CollectionSpec, id: string, scenarioId: string, expected: ExpectedVersion, user: string) {
  const current = await repo.selectPlanOf(trx, spec, id);
  if (!current) throw notFound(`No feature "${id}" in ${spec.id}.`);
  if (current.scenario_id === scenarioId) return { id, copied: false };
  if (current.scenario_id !== null) {
    throw new ProblemError(409, 'Conflict', `Feature ${id} belongs to another plan; open that plan to change it.`, [{ field: 'query.scenario', message: 'another plan' }]);
  }
  const copy = await repo.copyIntoPlan(trx, spec, id, expected, scenarioId, user).catch((err) => {
    if ((err as { code?: string }).code === '23505') {
      throw new ProblemError(409, 'Conflict', `Feature ${id} is already changed in this plan; change the plan's copy (see /api/scenarios/${scenarioId}).`,
        [{ field: 'query.scenario', message: 'already changed in this plan' }]);
    }
    throw err;
  });
  if (!copy) throw await missingOrStale(trx, spec, id, expected);
  return { id: copy, copied: true };
}

/**
 * Replaces (PUT, all properties) or updates (PATCH, the given ones) a feature at the version If-Match names.
 * Returns the new version; 404 when missing, 412 (with the current version) when someone changed it first.
 */
export async function changeItem(
  db: Knex, spec: CollectionSpec, id: string, body: unknown, crs: CrsInfo, expected: ExpectedVersion, user: string, mode: 'replace' | 'update',
  scenarioId?: string,
): Promise<{ id: string; version: number; copied: boolean }> {
  if (scenarioId) await assertDraft(db, scenarioId);
  if (!UUID.test(id)) throw notFound(`No feature "${id}" in ${spec.id}.`);
  const feature = validateFeature(spec, stripReadOnly(body), crs, mode === 'update');
  const geojson = feature.geometry === undefined ? undefined : JSON.stringify(feature.geometry);
  if (geojson !== undefined) await assertGeometryUsable(db, spec, geojson, crs);
  // A replace resets what it leaves out to the column's default (NULL, or e.g. an empty sector list).
  const values = mode === 'replace'
    ? Object.fromEntries(spec.properties.map((p) => [p.name, feature.properties[p.name] ?? repo.COLUMN_DEFAULT]))
    : feature.properties;
  return db.transaction(async (trx) => {
    await repo.setActingUser(trx, user);
    const target = scenarioId ? await planTarget(trx, spec, id, scenarioId, expected, user) : { id, copied: false };
    const version = await repo.updateFeature(trx, spec, target.id, target.copied ? '*' : expected, { geojson, crs, values }, user);
    if (version === undefined) throw await missingOrStale(trx, spec, id, expected);
    return { ...target, version };
  });
}

/**
 * Deletes a feature at the version If-Match names. Inside a plan, a baseline feature is not deleted but retired
 * there: the plan gets a copy with status 'decommissioned', whose id is returned.
 */
export async function deleteItem(db: Knex, spec: CollectionSpec, id: string, expected: ExpectedVersion, user: string, scenarioId?: string): Promise<string | undefined> {
  if (!UUID.test(id)) throw notFound(`No feature "${id}" in ${spec.id}.`);
  if (scenarioId) await assertDraft(db, scenarioId);
  return db.transaction(async (trx) => {
    await repo.setActingUser(trx, user);
    const target = scenarioId ? await planTarget(trx, spec, id, scenarioId, expected, user) : { id, copied: false };
    if (target.copied) {
      await repo.updateFeature(trx, spec, target.id, '*', { crs: parseCrsDefault(), values: { status: 'decommissioned' } }, user);
      return target.id;
    }
    if (!(await repo.deleteFeature(trx, spec, id, expected))) throw await missingOrStale(trx, spec, id, expected);
    return undefined;
  });
}

async function missingOrStale(db: Knex, spec: CollectionSpec, id: string, expected: ExpectedVersion): Promise<ProblemError> {
  const current = await repo.selectVersion(db, spec, id);
  if (current === undefined) return notFound(`No feature "${id}" in ${spec.id}; it may have been deleted.`);
  return new ProblemError(412, 'Precondition failed',
    `The feature was changed by someone else: you sent version ${expected}, the current one is ${current}. Reload it, then apply your change again.`,
    [{ field: 'header.If-Match', message: 'stale version' }],
    { currentVersion: current },
    { ETag: etagOf(current) });
}

/** PostGIS validity (self-intersections with their place) and the planning area, before anything is written. */
async function assertGeometryUsable(db: Knex, spec: CollectionSpec, geojson: string, crs: CrsInfo): Promise<void> {
  const check = await repo.checkGeometry(db, spec, geojson, crs);
  if (!check.valid) {
    const where = check.location ? ` at [${check.location.map((n) => +n.toFixed(7)).join(', ')}]` : '';
    throw invalidInput(`The geometry is invalid: ${check.reason}${where}. Fix the outline so that it does not cross itself.`,
      [{ field: 'geometry', message: `${check.reason}${where}`, code: 'invalid_geometry', params: {
        reason: check.reason ?? '', ...(check.location ? { x: +check.location[0].toFixed(7), y: +check.location[1].toFixed(7) } : {}),
      } }], { location: check.location });
  }
  const [x0, y0, x1, y1] = check.extent!;
  const a = PLANNING_AREA;
  if (x0 < a.minLon || x1 > a.maxLon || y0 < a.minLat || y1 > a.maxLat) {
    throw invalidInput(
      `The geometry lies outside the planning area (${a.name}: longitude ${a.minLon}–${a.maxLon}, latitude ${a.minLat}–${a.maxLat}). Check the coordinate order and the CRS.`,
      [{ field: 'geometry.coordinates', message: 'outside the planning area', code: 'outside_planning_area', params: { area: a.name } }]);
  }
}

function stripReadOnly(body: unknown): unknown {
  const b = body as { properties?: unknown };
  if (typeof b !== 'object' || b === null || typeof b.properties !== 'object' || b.properties === null) return body;
  const properties = { ...(b.properties as Record<string, unknown>) };
  for (const key of READ_ONLY) delete properties[key];
  return { ...b, properties };
}
