/**
 * State of the architecture panel: what the analysis runs on (the baseline or a plan, following the plan the map
 * has open), which network state, and the latest results of the stream-load and cctv-architecture processes.
 */
import { computed, onMounted, ref, shallowRef, watch } from 'vue';
import { ApiError } from '../api/http';
import {
  listAnalysablePlans, runArchitecture, runStreamLoad,
  type ArchitectureResult, type PlanSummary, type StreamLoadResult,
} from '../api/architecture';
import { usePlanStore } from '../stores/plan';

export type NetworkMode = 'design' | 'operating';
/** Statuses that carry traffic in each mode (the processes' networkStatuses). */
const NETWORK_STATUSES: Record<NetworkMode, string[]> = { design: ['existing', 'planned', 'faulty'], operating: ['existing'] };

export function useArchitectureAnalysis() {
  const planStore = usePlanStore();
  const plans = ref<PlanSummary[]>([]);
  /** The plan to analyse; null is the baseline. */
  const target = ref<string | null>(planStore.activePlanId);
  const mode = ref<NetworkMode>('design');
  const running = ref(false);
  const error = ref<string>();
  const load = shallowRef<StreamLoadResult | null>(null);
  const architecture = shallowRef<ArchitectureResult | null>(null);
  /** Name of what the shown results were computed on (null: the baseline). */
  const resultTarget = ref<string | null>(null);
  let controller: AbortController | undefined;

  watch(() => planStore.activePlanId, (id) => (target.value = id));

  async function loadPlans(): Promise<void> {
    try {
      plans.value = await listAnalysablePlans();
    } catch {
      // Without the list the baseline (and the map's open plan) can still be analysed.
      plans.value = [];
    }
  }

  const choices = computed(() => {
    const list = [...plans.value];
    const active = planStore.activePlanId;
    if (active && !list.some((p) => p.id === active)) list.unshift({ id: active, name: planStore.activePlanName ?? active, status: 'draft' });
    return list;
  });

  /** Runs both processes on the chosen target; the previous results stay until the new ones arrive. */
  async function run(): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    running.value = true;
    error.value = undefined;
    const inputs = { scenario: target.value ?? undefined, networkStatuses: NETWORK_STATUSES[mode.value] };
    try {
      const [l, a] = await Promise.all([runStreamLoad(inputs, controller.signal), runArchitecture(inputs, controller.signal)]);
      load.value = l;
      architecture.value = a;
      resultTarget.value = target.value ? (choices.value.find((p) => p.id === target.value)?.name ?? target.value) : null;
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      error.value = err instanceof ApiError ? err.message : String(err);
    } finally {
      running.value = false;
    }
  }

  onMounted(loadPlans);
  return { plans: choices, target, mode, running, error, load, architecture, resultTarget, run, loadPlans };
}
