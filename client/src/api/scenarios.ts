/** Client for plans (scenarios): `/api/scenarios`. */
import { getJson, request } from './http';
import type { GeoJsonFeature } from './features';

export type PlanStatus = 'draft' | 'submitted' | 'returned' | 'approved' | 'merged' | 'discarded';
export type PlanStep = 'submit' | 'approve' | 'return' | 'merge' | 'discard';

export interface Plan {
  id: string;
  name: string;
  description: string | null;
  status: PlanStatus;
  /** Bumped on every status change; sent back with each step (a stale one is answered 412). */
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  submitted_by: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  review_note: string | null;
}

export type Geometry = NonNullable<GeoJsonFeature['geometry']>;

/** One feature a plan adds, changes or retires, as the server lists it. */
export interface PlanChange {
  collection: string;
  /** The plan's own feature (a new one, or its copy of a baseline feature). */
  id: string;
  /** The plan feature's version (If-Match to drop it). */
  version: number;
  name: string | null;
  status: string;
  kind: 'added' | 'changed' | 'retired';
  /** The baseline feature the plan stands in for (null for an added one). */
  replaces_id: string | null;
  replaces_version: number | null;
  baseline_version: number | null;
  /** True when the baseline feature changed after the plan copied it: the merge will be refused. */
  conflict: boolean;
  /** True when the plan puts the feature elsewhere than the baseline (null for an added one). */
  moved: boolean | null;
  changedProperties: string[];
  geometry: Geometry;
  properties: Record<string, unknown>;
  baseline_geometry: Geometry | null;
  baseline_properties: Record<string, unknown> | null;
}

export interface PlanWithChanges extends Plan {
  changes: PlanChange[];
}

/** A baseline feature the merge found changed since the plan copied it (the 409's `conflicts`). */
export interface MergeConflict {
  collection: string;
  id: string;
  planFeatureId: string;
  name: string | null;
  baselineVersion: number | null;
  copiedVersion: number;
}

/** Every plan, newest first. */
export async function listPlans(signal?: AbortSignal): Promise<Plan[]> {
  return (await getJson<{ scenarios: Plan[] }>('/api/scenarios', signal)).scenarios;
}

/** A plan with its changes. */
export function getPlan(id: string, signal?: AbortSignal): Promise<PlanWithChanges> {
  return getJson<PlanWithChanges>(`/api/scenarios/${encodeURIComponent(id)}`, signal);
}

/** Creates a draft plan (409 when the name is taken). */
export function createPlan(name: string, description: string | null): Promise<Plan> {
  return request<Plan>('POST', '/api/scenarios', { body: { name, description } });
}

/**
 * Moves a plan along its review: submit, approve, return (with a note), merge (admin, approved plans only; 409
 * with `conflicts` when the baseline moved on) or discard, at the version the user saw (412 when stale).
 */
export function planStep(plan: Pick<Plan, 'id' | 'version'>, step: PlanStep, note?: string | null): Promise<Plan> {
  const body = step === 'approve' || step === 'return' ? { version: plan.version, note: note ?? null } : { version: plan.version };
  return request<Plan>('POST', `/api/scenarios/${encodeURIComponent(plan.id)}/${step}`, { body });
}

/**
 * Takes a change out of a plan that may still change: deletes the plan's own feature (an added one, or its copy of
 * a baseline feature, which then shows again as it is in the baseline). 412 when the change moved on meanwhile.
 */
export function dropChange(planId: string, change: Pick<PlanChange, 'collection' | 'id' | 'version'>): Promise<void> {
  return request<void>('DELETE', `/ogc/collections/${encodeURIComponent(change.collection)}/items/${encodeURIComponent(change.id)}`, {
    query: { scenario: planId },
    headers: { 'If-Match': `"v${change.version}"` },
  });
}
