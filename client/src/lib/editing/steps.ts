/**
 * The session's edits as steps that can be applied, undone and applied again, every one of them a server write:
 * undoing a create deletes, undoing an update writes a new version with the old geometry and attributes, undoing
 * a delete brings the feature back through the history API (the same id) or, inside a plan, as a new plan feature.
 * Nothing is ever lost: each step is a version in the feature's history.
 *
 * Steps on one feature share one `FeatureRef`, which follows the feature's id and ETag across writes (a plan copy
 * of a baseline feature, or a feature re-created in a plan, has a new id). Writes go through an `EditApi`, so the
 * semantics are tested against an in-memory server.
 */
import type { FeatureState, VersionedFeature } from '../../api/editing';

/** The calls the steps make (api/editing.ts in the app). */
export interface EditApi {
  readFeature(collectionId: string, id: string): Promise<VersionedFeature>;
  createFeature(collectionId: string, state: FeatureState, scenarioId?: string | null): Promise<{ id: string; etag: string }>;
  replaceFeature(collectionId: string, id: string, state: FeatureState, ifMatch: string, scenarioId?: string | null): Promise<VersionedFeature>;
  deleteFeature(collectionId: string, id: string, ifMatch: string, scenarioId?: string | null): Promise<{ retiredAs?: string }>;
  revertFeature(collectionId: string, id: string, version: number, ifMatch: string): Promise<{ etag: string }>;
}

/** One feature's identity across the session. `etag` is what this session last wrote or read for its steps. */
export interface FeatureRef {
  collectionId: string;
  /** Empty until a create step first writes the feature. */
  featureId: string;
  etag: string;
  /** The plan the feature is edited in; null for the baseline. */
  scenarioId: string | null;
  /** True while the feature is deleted by this session (after a delete, or an undone create). */
  deleted: boolean;
}

export type EditStep =
  | { kind: 'create'; label: string; ref: FeatureRef; state: FeatureState; createdVersion?: number }
  | { kind: 'update'; label: string; ref: FeatureRef; before: FeatureState; after: FeatureState }
  | { kind: 'delete'; label: string; ref: FeatureRef; before: FeatureState; deletedVersion?: number; retiredAs?: string }
  | { kind: 'group'; label: string; steps: EditStep[]; applied: number };

/** A write refused because someone else changed the feature first (HTTP 412). */
export class StaleWriteError extends Error {
  constructor(
    readonly ref: FeatureRef,
    /** What this write would have stored; null for a delete. */
    readonly mine: FeatureState | null,
    readonly cause: unknown,
  ) {
    super(`Feature ${ref.featureId} of ${ref.collectionId} was changed by someone else.`);
    this.name = 'StaleWriteError';
  }
}

/** A new reference for a feature that the session has not touched yet. */
export function newRef(collectionId: string, featureId: string, etag: string, scenarioId: string | null): FeatureRef {
  return { collectionId, featureId, etag, scenarioId, deleted: false };
}

const versionOf = (etag: string) => Number(/"v(\d+)"/.exec(etag)?.[1] ?? NaN);

/** True when an error is the server's 412 (duck-typed so that this module does not depend on the fetch wrapper). */
export function isPreconditionFailed(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 412;
}

/** Runs one write, turning a 412 into a StaleWriteError that names the feature and what was to be written. */
async function guarded<T>(ref: FeatureRef, mine: FeatureState | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isPreconditionFailed(e)) throw new StaleWriteError(ref, mine, e);
    throw e;
  }
}

/** Applies a step (its first time, or again as a redo). */
export async function applyStep(api: EditApi, step: EditStep): Promise<void> {
  switch (step.kind) {
    case 'create':
      return applyCreate(api, step);
    case 'update':
      return writeState(api, step.ref, step.after);
    case 'delete':
      return applyDelete(api, step);
    case 'group':
      while (step.applied < step.steps.length) {
        await applyStep(api, step.steps[step.applied]);
        step.applied++;
      }
  }
}

/** Undoes a step that is applied. A group that fails half-way keeps its progress, so that a retry continues. */
export async function undoStep(api: EditApi, step: EditStep): Promise<void> {
  switch (step.kind) {
    case 'create':
      await removeFeature(api, step.ref, null);
      return;
    case 'update':
      return writeState(api, step.ref, step.before);
    case 'delete':
      return undoDelete(api, step);
    case 'group':
      while (step.applied > 0) {
        await undoStep(api, step.steps[step.applied - 1]);
        step.applied--;
      }
  }
}

async function applyCreate(api: EditApi, step: Extract<EditStep, { kind: 'create' }>): Promise<void> {
  const { ref } = step;
  if (ref.featureId && !ref.scenarioId && step.createdVersion !== undefined) {
    // Redo in the baseline: the same id comes back at the state it was created with.
    const { etag } = await guarded(ref, step.state, () => api.revertFeature(ref.collectionId, ref.featureId, step.createdVersion!, ref.etag));
    Object.assign(ref, { etag, deleted: false });
    return;
  }
  // First write, or a redo inside a plan (the history's revert writes the baseline): a new feature.
  const created = await api.createFeature(ref.collectionId, step.state, ref.scenarioId);
  Object.assign(ref, { featureId: created.id, etag: created.etag, deleted: false });
  step.createdVersion = versionOf(created.etag);
}

async function writeState(api: EditApi, ref: FeatureRef, state: FeatureState): Promise<void> {
  const written = await guarded(ref, state, () => api.replaceFeature(ref.collectionId, ref.featureId, state, ref.etag, ref.scenarioId));
  // Inside a plan, the first change of a baseline feature writes the plan's copy: edits follow the copy.
  Object.assign(ref, { featureId: written.id, etag: written.etag });
}

/** Deletes the feature at the session's ETag; returns the id of the plan's retired copy when there is one. */
async function removeFeature(api: EditApi, ref: FeatureRef, mine: FeatureState | null): Promise<string | undefined> {
  const result = await guarded(ref, mine, () => api.deleteFeature(ref.collectionId, ref.featureId, ref.etag, ref.scenarioId));
  if (result.retiredAs) return result.retiredAs;
  ref.deleted = true;
  return undefined;
}

async function applyDelete(api: EditApi, step: Extract<EditStep, { kind: 'delete' }>): Promise<void> {
  const version = versionOf(step.ref.etag);
  step.retiredAs = await removeFeature(api, step.ref, null);
  step.deletedVersion = version;
}

async function undoDelete(api: EditApi, step: Extract<EditStep, { kind: 'delete' }>): Promise<void> {
  const { ref } = step;
  if (step.retiredAs) {
    // A baseline feature retired inside a plan: dropping the plan's copy brings the baseline one back.
    const copy = await api.readFeature(ref.collectionId, step.retiredAs);
    await api.deleteFeature(ref.collectionId, step.retiredAs, copy.etag, ref.scenarioId);
    step.retiredAs = undefined;
    return;
  }
  if (ref.scenarioId) {
    // The history's revert writes the baseline only: inside a plan the feature comes back as a new plan feature.
    const created = await api.createFeature(ref.collectionId, step.before, ref.scenarioId);
    Object.assign(ref, { featureId: created.id, etag: created.etag, deleted: false });
    return;
  }
  const version = step.deletedVersion ?? versionOf(ref.etag);
  const { etag } = await guarded(ref, step.before, () => api.revertFeature(ref.collectionId, ref.featureId, version, ref.etag));
  Object.assign(ref, { etag, deleted: false });
}

/** The features a step writes (to refresh their layers and the editor afterwards). */
export function refsOf(step: EditStep): FeatureRef[] {
  return step.kind === 'group' ? step.steps.flatMap(refsOf) : [step.ref];
}

/** A read feature as the state a write sends back: its geometry and its registry properties (`names`). */
export function stateOf(loaded: VersionedFeature, names: readonly string[]): FeatureState {
  const props = loaded.feature.properties ?? {};
  return { geometry: loaded.feature.geometry as FeatureState['geometry'], properties: Object.fromEntries(names.map((n) => [n, props[n] ?? null])) };
}
