/**
 * A write refused with 412: read the other user's current version and wait for this user's decision, shown by
 * the conflict dialog from the editing store's `conflict` state.
 */
import * as api from '../api/editing';
import type { FeatureState, Geometry, VersionedFeature } from '../api/editing';
import { ApiError } from '../api/http';
import type { StaleWriteError } from '../lib/editing/steps';

export type ConflictChoice = 'overwrite' | 'reload' | 'cancel';

/** What the dialog shows, and how it answers. */
export interface ConflictState {
  collectionId: string;
  featureId: string;
  /** What this user tried to write; null for a delete. */
  mine: FeatureState | null;
  theirs: FeatureState;
  /** The version this user started from, when known (to tell who changed the geometry). */
  base: FeatureState | null;
  theirVersion: number | undefined;
  theirUser: string | undefined;
  theirTime: string | undefined;
  propertyNames: readonly string[];
  resolve(choice: ConflictChoice): void;
}

export interface ConflictDecision {
  choice: ConflictChoice;
  /** The other user's version as read (absent when it was deleted meanwhile). */
  theirs?: VersionedFeature;
}

/**
 * Reads the current version of the feature a refused write was for and asks the user (through `show`) whether to
 * overwrite it, load it, or leave things as they are. A feature deleted meanwhile cannot be overwritten: cancel.
 */
export async function askAboutConflict(
  e: StaleWriteError, base: FeatureState | null, propertyNames: readonly string[], show: (state: ConflictState) => void,
): Promise<ConflictDecision> {
  let theirs: VersionedFeature;
  try {
    theirs = await api.readFeature(e.ref.collectionId, e.ref.featureId);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { choice: 'cancel' };
    throw err;
  }
  const props = theirs.feature.properties ?? {};
  const choice = await new Promise<ConflictChoice>((resolve) =>
    show({
      collectionId: e.ref.collectionId,
      featureId: e.ref.featureId,
      mine: e.mine,
      theirs: { geometry: theirs.feature.geometry as Geometry, properties: props },
      base,
      theirVersion: api.versionOfEtag(theirs.etag),
      theirUser: typeof props.updated_by === 'string' ? props.updated_by : undefined,
      theirTime: typeof props.updated_at === 'string' ? props.updated_at : undefined,
      propertyNames,
      resolve,
    }),
  );
  return { choice, theirs };
}
