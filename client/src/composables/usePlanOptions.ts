/** The plans a viewer can show figures for, and the active plan of the plan store, for plan choosers. */
import { computed, onMounted, ref, shallowRef } from 'vue';
import { listPlans, type PlanSummary } from '../api/statistics';
import { usePlanStore } from '../stores/plan';

/** Plans that still hold their own features: drafts and approved ones (merged and discarded ones are history). */
export function usePlanOptions() {
  const store = usePlanStore();
  const plans = shallowRef<PlanSummary[]>([]);
  const error = ref<string>();

  async function load(): Promise<void> {
    try {
      plans.value = (await listPlans()).filter((p) => p.status === 'draft' || p.status === 'approved');
      // A plan opened from a link arrives without its name.
      const active = plans.value.find((p) => p.id === store.activePlanId);
      if (active && store.activePlanName !== active.name) store.setActivePlan(active.id, active.name);
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }
  onMounted(load);

  const activePlanId = computed({
    get: () => store.activePlanId ?? '',
    set: (id: string) => store.setActivePlan(id || null, plans.value.find((p) => p.id === id)?.name ?? null),
  });
  return { plans, error, activePlanId, reload: load };
}
