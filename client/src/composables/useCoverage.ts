/**
 * City coverage in the CCTV panel: runs the job (baseline or a plan, optionally compared), follows its progress,
 * shows the latest run again after a reload, and drives the blind-spot layer.
 */
import { computed, onMounted, ref, watch } from 'vue';
import { listJobs } from '../api/processes';
import { listPlans, type CoverageResults, type Plan } from '../api/cctv';
import { BlindSpotsController } from '../map/controllers/BlindSpotsController';
import { usePlanStore } from '../stores/plan';
import { useJob } from './useJob';
import { useMapController } from './useMapController';
import { installCctvTestHooks } from '../map/cctv-test-hooks';

/** Stands for the baseline in the selects (plan ids are uuids). */
const BASELINE = 'baseline';

export function useCoverage() {
  const plan = usePlanStore();
  const job = useJob<CoverageResults>('city-coverage');
  const plans = ref<Plan[]>([]);
  const scenario = ref<string>(plan.activePlanId ?? BASELINE);
  watch(() => plan.activePlanId, async (id) => {
    await loadPlans();
    scenario.value = id ?? BASELINE;
  });

  async function loadPlans(): Promise<void> {
    plans.value = (await listPlans().catch(() => [])).filter((p) => p.status === 'draft' || p.status === 'approved');
  }
  /** 'none', BASELINE or a plan id. */
  const compareWith = ref<string>('none');
  const statuses = ref<string[]>(['existing', 'planned']);
  const showBlind = ref(false);
  const blindRun = ref<string | null>(null);
  const blind = useMapController((map) => new BlindSpotsController(map));

  const runs = computed(() => job.results.value?.coverage.runs ?? []);

  onMounted(async () => {
    await loadPlans();
    const [latest] = await listJobs('city-coverage').catch(() => []);
    if (latest && !job.job.value) await job.reopen(latest.jobID).catch(() => undefined);
  });

  watch(runs, (list) => {
    blindRun.value = list[0]?.run_id ?? null;
  });
  watch([showBlind, blindRun, () => job.results.value, blind], () => {
    blind.value?.show(showBlind.value ? (job.results.value?.blindSpots ?? null) : null, blindRun.value);
  });

  /** Starts the job with the panel's choices. */
  async function run(): Promise<void> {
    const inputs: Record<string, unknown> = { statuses: statuses.value };
    if (scenario.value !== BASELINE) inputs.scenario = scenario.value;
    if (compareWith.value !== 'none') inputs.compareWith = compareWith.value === BASELINE ? 'baseline' : compareWith.value;
    await job.start(inputs).catch(() => undefined);
  }

  const planName = (id: string | null) => plans.value.find((p) => p.id === id)?.name ?? null;
  installCctvTestHooks({ blindSpots: () => blind.value?.count() ?? 0 });
  return { ...job, plans, scenario, compareWith, statuses, showBlind, blindRun, runs, run, planName, fitBlind: () => blind.value?.fit(), BASELINE };
}
