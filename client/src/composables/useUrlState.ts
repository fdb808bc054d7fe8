/**
 * Keeps the map's state in the page URL (lib/url-state.ts has the format): on start the URL's state is applied to
 * the stores and the map, then every change is written back with history.replaceState, so the address bar is
 * always a link to the current view.
 */
import { computed, watch, type Ref } from 'vue';
import { parseUrlState, writeUrlState, type MapUrlState, type MapView } from '../lib/url-state';
import { ViewStateController } from '../map/controllers/ViewStateController';
import { useLayersStore } from '../stores/layers';
import { usePlanStore } from '../stores/plan';
import { useThematicStore } from '../stores/thematic';
import { useMap } from './useMap';

// Map moves and slider drags come in bursts: the URL is written once they settle.
const WRITE_DELAY_MS = 250;

/** Applies the URL's state, then mirrors the state into the URL. `panel` is the side panel's active tab. */
export function useUrlState(panel: Ref<string>, panelIds: () => string[]): void {
  const { map } = useMap();
  const layers = useLayersStore();
  const plan = usePlanStore();
  const thematic = useThematicStore();
  const initial = parseUrlState(window.location.search);
  let view: MapView | undefined = initial.view;

  if (initial.tab && panelIds().includes(initial.tab)) panel.value = initial.tab;
  if (initial.plan && plan.activePlanId !== initial.plan) plan.setActivePlan(initial.plan);
  thematic.applyUrlState(initial.thematic);
  thematic.select(initial.selected ?? null);
  thematic.dashboardOpen = Boolean(initial.dashboard);

  // Layer settings exist once the collection list has arrived.
  const stopLayers = watch(() => layers.loadState, (state) => {
    if (state !== 'ready') return;
    if (initial.layers) for (const [id, s] of Object.entries(layers.settings)) s.visible = initial.layers.includes(id);
    if (initial.osm) layers.osm = true;
    queueMicrotask(() => stopLayers());
  }, { immediate: true });

  watch(map, (m, _old, onCleanup) => {
    if (!m) return;
    const controller = new ViewStateController(m, (v) => (view = v, schedule()));
    if (initial.view) controller.apply(initial.view);
    onCleanup(() => controller.destroy());
  }, { immediate: true });

  const state = computed<MapUrlState>(() => {
    const ids = Object.keys(layers.settings);
    const visible = ids.filter((id) => layers.settings[id].visible);
    return {
      tab: panel.value,
      layers: layers.loadState !== 'ready' ? initial.layers : visible.length === ids.length ? undefined : visible,
      osm: layers.osm,
      plan: plan.activePlanId ?? undefined,
      thematic: thematic.urlState(),
      selected: thematic.selectedCode ?? undefined,
      dashboard: thematic.dashboardOpen,
    };
  });

  let timer: ReturnType<typeof setTimeout> | undefined;
  function schedule(): void {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const search = writeUrlState(window.location.search, { ...state.value, view });
      if (search !== window.location.search) window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}${window.location.hash}`);
    }, WRITE_DELAY_MS);
  }
  watch(state, schedule, { deep: true });
}
