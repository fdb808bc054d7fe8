/**
 * Placement suggestions in the CCTV panel: the area (the map view or a ward), the job, the suggestions on the map,
 * and accepting one into the active plan (asking for a plan first when none is active).
 */
import { computed, ref, watch } from 'vue';
import { fromLonLat, toLonLat } from 'ol/proj';
import { ApiError } from '../api/http';
import { addCameraToPlan, listWards, type PlacementResults, type Suggestion, type WardOption } from '../api/cctv';
import { PlacementController } from '../map/controllers/PlacementController';
import { usePlanStore } from '../stores/plan';
import { useJob } from './useJob';
import { useMap } from './useMap';
import { useMapController } from './useMapController';
import { installCctvTestHooks } from '../map/cctv-test-hooks';

const MAX_VIEW_KM2 = 4;

/** Lon/lat box of the map view and its area (km², on the sphere's local scale). */
function viewBox(map: NonNullable<ReturnType<typeof useMap>['map']['value']>): { bbox: number[]; km2: number } | null {
  const size = map.getSize();
  if (!size) return null;
  const [x0, y0, x1, y1] = map.getView().calculateExtent(size);
  const [minLon, minLat] = toLonLat([x0, y0]);
  const [maxLon, maxLat] = toLonLat([x1, y1]);
  const kmPerDegLat = 110.574, kmPerDegLon = 111.32 * Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  return { bbox: [minLon, minLat, maxLon, maxLat], km2: (maxLon - minLon) * kmPerDegLon * (maxLat - minLat) * kmPerDegLat };
}

export function usePlacement() {
  const { map } = useMap();
  const plan = usePlanStore();
  const job = useJob<PlacementResults>('camera-placement');
  const areaMode = ref<'view' | 'ward'>('view');
  const ward = ref<string | null>(null);
  const wards = ref<WardOption[]>([]);
  const k = ref(5);
  const kinds = ref<string[]>(['intersections', 'poles', 'public_spaces']);
  const areaError = ref<string | null>(null);
  const selected = ref<number | null>(null);
  /** Rank → name of the plan it went into. */
  const accepted = ref<Record<number, string>>({});
  const acceptError = ref<string>();
  const choosingPlanFor = ref<Suggestion | null>(null);
  const controller = useMapController((m) => new PlacementController(m));

  const suggestions = computed(() => job.results.value?.suggestions ?? []);

  watch([suggestions, selected, accepted, controller], () => {
    controller.value?.show(suggestions.value, new Set(Object.keys(accepted.value).map(Number)), selected.value);
  }, { deep: true });
  watch(suggestions, (list) => {
    accepted.value = {};
    selected.value = null;
    if (list.length) controller.value?.fit();
  });
  watch(areaMode, async (mode) => {
    if (mode === 'ward' && wards.value.length === 0) wards.value = await listWards().catch(() => []);
  });

  /** Starts the job for the chosen area; answers false (with `areaError`) when the view is too large. */
  async function run(): Promise<boolean> {
    areaError.value = null;
    const inputs: Record<string, unknown> = { k: k.value, candidates: kinds.value };
    if (plan.activePlanId) inputs.scenario = plan.activePlanId;
    if (areaMode.value === 'ward') {
      if (!ward.value) return false;
      inputs.ward = ward.value;
    } else {
      const box = map.value && viewBox(map.value);
      if (!box) return false;
      if (box.km2 > MAX_VIEW_KM2) {
        areaError.value = box.km2.toFixed(1);
        return false;
      }
      inputs.bbox = box.bbox;
    }
    await job.start(inputs).catch(() => undefined);
    return true;
  }

  /** Highlights a suggestion and centres the map on it. */
  function show(s: Suggestion): void {
    selected.value = s.rank;
    map.value?.getView().animate({ center: fromLonLat([s.lon, s.lat]), zoom: Math.max(map.value.getView().getZoom() ?? 17, 17), duration: 300 });
  }

  /** Puts a suggestion into the active plan, or asks for a plan first. */
  async function accept(s: Suggestion): Promise<void> {
    acceptError.value = undefined;
    if (!plan.activePlanId) {
      choosingPlanFor.value = s;
      return;
    }
    try {
      await addCameraToPlan(plan.activePlanId, s.feature);
      // The plan's change list and its overlay on the map show the new camera.
      plan.planChanged();
      accepted.value = { ...accepted.value, [s.rank]: plan.activePlanName ?? plan.activePlanId };
    } catch (e) {
      acceptError.value = e instanceof ApiError ? e.message : String(e);
    }
  }

  /** The plan dialog's answer: make it the active plan and accept the waiting suggestion. */
  async function planChosen(id: string, name: string): Promise<void> {
    plan.setActivePlan(id, name);
    const waiting = choosingPlanFor.value;
    choosingPlanFor.value = null;
    if (waiting) await accept(waiting);
  }

  installCctvTestHooks({ suggestions: () => suggestions.value.length });
  return { ...job, areaMode, ward, wards, k, kinds, areaError, suggestions, selected, accepted, acceptError, choosingPlanFor, run, show, accept, planChosen };
}
