import type { Knex } from 'knex';
import type { CollectionSpec } from '../collections/registry.js';
import { invalidInput, notFound } from '../../lib/errors.js';
import { parseCrs } from '../../lib/crs.js';
import * as items from '../ogc/items.service.js';
import { selectFeatureHistory, type HistoryRow } from './history.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface FeatureVersion extends HistoryRow {
  /** Registry properties whose value differs from the version before (all of them for the first). */
  changedProperties: string[];
  geometryChanged: boolean;
}

/** A feature's versions with what changed at each, oldest first; 404 when it never existed. */
export async function featureHistory(db: Knex, spec: CollectionSpec, featureId: string): Promise<FeatureVersion[]> {
  const rows = UUID.test(featureId) ? await selectFeatureHistory(db, spec.table, featureId) : [];
  if (rows.length === 0) throw notFound(`No history for feature "${featureId}" in ${spec.id}.`);
  return rows.map((row, i) => {
    const before = rows[i - 1];
    return {
      ...row,
      properties: registryProperties(spec, row.properties),
      changedProperties: spec.properties
        .map((p) => p.name)
        .filter((name) => !before || JSON.stringify(before.properties[name] ?? null) !== JSON.stringify(row.properties[name] ?? null)),
      geometryChanged: !before || JSON.stringify(before.geometry) !== JSON.stringify(row.geometry),
    };
  });
}

/**
 * Brings a feature back to an earlier version as a new write (so the revert is itself in the history):
 * a replace at the version If-Match names, or a re-creation under the same id when the feature was deleted.
 * Returns the new version.
 */
export async function revertFeature(
  db: Knex, spec: CollectionSpec, featureId: string, targetVersion: number, ifMatch: string | undefined, user: string,
): Promise<number> {
  const versions = await featureHistory(db, spec, featureId);
  const target = versions.find((v) => v.version === targetVersion && v.operation !== 'delete');
  if (!target) {
    throw invalidInput(`Feature ${featureId} has no version ${targetVersion} to go back to (versions: ${versions.filter((v) => v.operation !== 'delete').map((v) => v.version).join(', ')}).`,
      [{ field: 'version', message: 'no such version' }]);
  }
  const body = { type: 'Feature', geometry: target.geometry, properties: target.properties };
  const crs84 = parseCrs(undefined, 'crs');
  if (versions[versions.length - 1].operation === 'delete') {
    return (await items.createItem(db, spec, body, crs84, user, featureId)).version;
  }
  return (await items.changeItem(db, spec, featureId, body, crs84, items.expectedVersionFrom(ifMatch), user, 'replace')).version;
}

function registryProperties(spec: CollectionSpec, stored: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(spec.properties.map((p) => [p.name, stored[p.name] ?? null]));
}
