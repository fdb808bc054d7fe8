/**
 * Takes a review step on the active plan (submit, approve, return, merge, discard) and tells the user how it
 * went: a stale plan is reloaded, a merge refused because the baseline moved on lists the features concerned.
 */
import { ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { ElMessage } from 'element-plus';
import { ApiError } from '../api/http';
import { planStep, type MergeConflict, type PlanStep } from '../api/scenarios';
import { usePlanStore } from '../stores/plan';

export function usePlanSteps() {
  const { t } = useI18n();
  const store = usePlanStore();
  const busy = ref<PlanStep | null>(null);
  const error = ref<string>();
  /** The baseline features a refused merge named (empty otherwise). */
  const conflicts = shallowRef<MergeConflict[]>([]);

  /** Takes `step` at the version the user saw; true when the server accepted it. */
  async function take(step: PlanStep, note?: string | null): Promise<boolean> {
    const plan = store.activePlan;
    if (!plan || busy.value) return false;
    busy.value = step;
    error.value = undefined;
    conflicts.value = [];
    try {
      const updated = await planStep(plan, step, note);
      store.updatePlan(updated);
      ElMessage.success(t(`plans.done.${step}`));
      if (step === 'merge') store.baselineChanged();
      if (step === 'merge' || step === 'discard') store.setActivePlan(null);
      else store.planChanged();
      void store.loadPlans();
      return true;
    } catch (e) {
      explain(e);
      // Whatever the refusal, the plan as the server has it now is the one to look at.
      store.planChanged();
      return false;
    } finally {
      busy.value = null;
    }
  }

  function explain(e: unknown): void {
    if (e instanceof ApiError && e.status === 412) {
      error.value = t('plans.errors.stale');
    } else if (e instanceof ApiError && e.status === 409 && Array.isArray(e.problem?.conflicts)) {
      conflicts.value = e.problem.conflicts as MergeConflict[];
      error.value = t('plans.errors.conflicts', { count: conflicts.value.length });
    } else {
      error.value = t('plans.errors.failed', { message: e instanceof Error ? e.message : String(e) });
    }
  }

  function dismiss(): void {
    error.value = undefined;
    conflicts.value = [];
  }

  return { busy, error, conflicts, take, dismiss };
}
