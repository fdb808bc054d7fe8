/**
 * Connects the plan store to the map: fetches the active plan when it (or its content) changes, draws it with
 * a PlanOverlayController, reloads the infrastructure layers after a merge, and forgets plans on sign-out.
 * Mount once, with the map (the plan banner does).
 */
import { watch } from 'vue';
import { storeToRefs } from 'pinia';
import { getPlan, type PlanChange } from '../api/scenarios';
import { PlanOverlayController, type OverlaySnapshot } from '../map/controllers/PlanOverlayController';
import { refreshCollections } from '../map/refresh-layers';
import { testHooksEnabled } from '../map/test-hooks';
import { useLayersStore } from '../stores/layers';
import { usePlanStore } from '../stores/plan';
import { useSessionStore } from '../stores/session';
import { useMap } from './useMap';

let overlay: PlanOverlayController | undefined;

/** Test hooks of the plan overlay (`window.__planOverlay`), installed with the app's other test hooks. */
export interface PlanOverlayHooks {
  snapshot(): OverlaySnapshot | null;
  /** Client [x, y] of a plan feature on the page, or null when it is not drawn. */
  pixelOf(planFeatureId: string): [number, number] | null;
}

declare global {
  interface Window {
    __planOverlay?: PlanOverlayHooks;
  }
}

/** Zooms the map to one change of the active plan. */
export function zoomToChange(change: PlanChange): void {
  overlay?.zoomTo(change);
}

/** Installs the plan overlay and keeps it in step with the active plan. */
export function usePlanSync(): void {
  const { map } = useMap();
  const store = usePlanStore();
  const layers = useLayersStore();
  const session = useSessionStore();
  const { collections } = storeToRefs(layers);
  let request: AbortController | undefined;

  // Another user may see other plans: forget them on sign-out or a change of account.
  watch(
    () => session.user?.username ?? null,
    (name) => {
      if (store.owner === name) return;
      store.reset();
      store.owner = name;
    },
    { immediate: true },
  );

  watch(
    [map, collections],
    ([m, list], _old, onCleanup) => {
      if (!m || list.length === 0) return;
      const controller = new PlanOverlayController(m, list);
      overlay = controller;
      if (store.activePlan) controller.show(store.activePlan.changes);
      if (testHooksEnabled()) window.__planOverlay = hooks(controller);
      onCleanup(() => {
        controller.destroy();
        if (overlay === controller) overlay = undefined;
        delete window.__planOverlay;
      });
    },
    { immediate: true },
  );

  watch(
    [() => store.activePlanId, () => store.revision],
    async ([id]) => {
      request?.abort();
      store.activeError = undefined;
      if (!id) {
        store.activePlan = null;
        store.activeLoading = false;
        return;
      }
      const mine = (request = new AbortController());
      store.activeLoading = true;
      try {
        const plan = await getPlan(id, mine.signal);
        if (mine.signal.aborted) return;
        store.updatePlan(plan);
        store.activePlan = plan;
      } catch (e) {
        if (!mine.signal.aborted) store.activeError = e instanceof Error ? e.message : String(e);
      } finally {
        if (request === mine) store.activeLoading = false;
      }
    },
    { immediate: true },
  );

  watch(
    () => store.activePlan,
    (plan) => (plan ? overlay?.show(plan.changes) : overlay?.clear()),
  );

  watch(
    () => store.baselineRevision,
    () => {
      const ids = layers.collections.filter((c) => c.scenarioAware).map((c) => c.id);
      if (map.value) refreshCollections(map.value, ids);
    },
  );

}

function hooks(controller: PlanOverlayController): PlanOverlayHooks {
  return {
    snapshot: () => controller.snapshot(),
    pixelOf(planFeatureId) {
      const m = useMap().map.value;
      const coordinate = controller.coordinateOf(planFeatureId);
      const pixel = coordinate && m?.getPixelFromCoordinate(coordinate);
      const box = m?.getTargetElement()?.getBoundingClientRect();
      return pixel && box ? [box.left + pixel[0], box.top + pixel[1]] : null;
    },
  };
}
