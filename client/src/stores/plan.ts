/**
 * The plan (scenario) the map shows and edits go into: null is the baseline. Every feature that reads or writes
 * infrastructure passes `activePlanId` as `?scenario=` to the server.
 *
 * The plans list and the active plan's changes live here too. `usePlanSync` (mounted with the map) fetches the
 * active plan whenever `activePlanId` or `revision` changes, so code that writes into the plan only calls
 * `planChanged()` afterwards, and the change list and the map overlay follow.
 */
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { listPlans, type Plan, type PlanWithChanges } from '../api/scenarios';

export const usePlanStore = defineStore('plan', () => {
  const activePlanId = ref<string | null>(null);
  /** The active plan's name, for the map's banner and dialogs. */
  const activePlanName = ref<string | null>(null);
  /** The active plan with its changes, once fetched (plain data, not deeply reactive: it carries geometries). */
  const activePlan = shallowRef<PlanWithChanges | null>(null);
  const activeLoading = ref(false);
  const activeError = ref<string>();
  /** Bumped when the active plan's content changed (a write into it, a review step): it is fetched again. */
  const revision = ref(0);
  /** Bumped when the baseline changed (a merge): the map reloads the infrastructure layers. */
  const baselineRevision = ref(0);

  /** Who the plans above were loaded for: another user's session starts afresh. */
  const owner = ref<string | null>(null);
  const plans = ref<Plan[]>([]);
  const listState = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const listError = ref<string>();

  /** Shows and edits a plan, or the baseline with null. */
  function setActivePlan(id: string | null, name: string | null = null): void {
    if (id !== activePlanId.value) activePlan.value = null;
    activePlanId.value = id;
    activePlanName.value = id ? name : null;
  }

  /** Tells the app that the active plan changed on the server (after writing into it). */
  function planChanged(): void {
    revision.value++;
  }

  /** Tells the app that baseline features changed on the server (after a merge). */
  function baselineChanged(): void {
    baselineRevision.value++;
  }

  /** Loads the list of plans. */
  async function loadPlans(): Promise<void> {
    listState.value = 'loading';
    listError.value = undefined;
    try {
      plans.value = await listPlans();
      listState.value = 'ready';
    } catch (e) {
      listError.value = e instanceof Error ? e.message : String(e);
      listState.value = 'error';
    }
  }

  /** Puts a plan the server answered (after a step) into the list and the active plan. */
  function updatePlan(plan: Plan): void {
    plans.value = plans.value.map((p) => (p.id === plan.id ? plan : p));
    if (activePlan.value?.id === plan.id) activePlan.value = { ...activePlan.value, ...plan };
    if (activePlanId.value === plan.id) activePlanName.value = plan.name;
  }

  /** Forgets everything (sign-out: another user may see other plans). */
  function reset(): void {
    setActivePlan(null);
    plans.value = [];
    listState.value = 'idle';
  }

  return {
    activePlanId, activePlanName, activePlan, activeLoading, activeError, revision, baselineRevision,
    owner, plans, listState, listError,
    setActivePlan, planChanged, baselineChanged, loadPlans, updatePlan, reset,
  };
});
