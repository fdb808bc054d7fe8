/**
 * The camera view of the CCTV panel: when a camera is selected on the map, asks the server for its occluded zones
 * and draws them; while the planner drags the heading handle, asks again with the heading overridden — one
 * request at a time, the latest heading winning, so the zones follow as fast as the server answers.
 */
import { computed, ref, shallowRef, watch } from 'vue';
import { ApiError } from '../api/http';
import { cameraView, type CameraViewResult } from '../api/cctv';
import { CameraZonesController } from '../map/controllers/CameraZonesController';
import { useFeatureInfoStore } from '../stores/featureInfo';
import { usePlanStore } from '../stores/plan';
import { useMapController } from './useMapController';
import { installCctvTestHooks } from '../map/cctv-test-hooks';

export function useCameraView() {
  const info = useFeatureInfoStore();
  const plan = usePlanStore();
  const result = shallowRef<CameraViewResult | null>(null);
  const error = ref<string>();
  const loading = ref(false);
  const preset = ref('iec-62676-4');
  /** Heading asked for (° from north); null: the camera's own. */
  const heading = ref<number | null>(null);
  const requests = ref(0);

  const cameraId = computed(() => {
    const hit = info.selected;
    return hit?.collectionId === 'cameras' && hit.featureId ? hit.featureId : null;
  });

  let inFlight = false;
  let pending = false;
  let generation = 0;

  async function refresh(): Promise<void> {
    if (!cameraId.value) return;
    if (inFlight) {
      pending = true;
      return;
    }
    inFlight = true;
    loading.value = true;
    const mine = generation;
    try {
      const overrides = heading.value === null ? undefined : { heading_deg: heading.value };
      const answer = await cameraView({ camera: cameraId.value, scenario: plan.activePlanId, preset: preset.value, overrides });
      requests.value++;
      if (mine === generation) {
        result.value = answer;
        error.value = undefined;
        controller.value?.show([answer.camera.lon, answer.camera.lat], answer.camera.heading_deg, answer.zones);
      }
    } catch (e) {
      if (mine === generation) error.value = e instanceof ApiError ? e.message : String(e);
    } finally {
      inFlight = false;
      loading.value = false;
      if (pending) {
        pending = false;
        void refresh();
      }
    }
  }

  const controller = useMapController((map) => new CameraZonesController(map, {
    onHeading: (h) => {
      heading.value = h;
      void refresh();
    },
    onHeadingEnd: (h) => {
      heading.value = h;
      void refresh();
    },
  }));

  watch([cameraId, () => plan.activePlanId], () => {
    generation++;
    heading.value = null;
    result.value = null;
    error.value = undefined;
    if (cameraId.value) void refresh();
    else controller.value?.clear();
  }, { immediate: true });
  watch(preset, () => void refresh());

  /** Turns the camera to `deg` (from the slider) and recomputes. */
  function setHeading(deg: number): void {
    heading.value = ((deg % 360) + 360) % 360;
    void refresh();
  }

  /** Back to the camera's stored heading. */
  function resetHeading(): void {
    heading.value = null;
    void refresh();
  }

  installCctvTestHooks({ zones: () => controller.value?.zonesGeoJson() ?? null, handle: () => controller.value?.handleLonLat() ?? null, requests: () => requests.value });
  return { cameraId, result, error, loading, preset, heading, setHeading, resetHeading };
}
