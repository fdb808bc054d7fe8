/** Connects the thematic store to the map: fetches figures and heat-map points, draws, reports hover and clicks. */
import { watch, watchEffect } from 'vue';
import { getPointPositions } from '../api/statistics';
import { rampById } from '../lib/ramps';
import { ThematicController, type ThematicDrawing } from '../map/controllers/ThematicController';
import { setThematicTestHooks, testHooksEnabled } from '../map/test-hooks';
import { useLayersStore } from '../stores/layers';
import { usePlanStore } from '../stores/plan';
import { useSessionStore } from '../stores/session';
import { useThematicStore } from '../stores/thematic';
import { useMap } from './useMap';

type ThematicStore = ReturnType<typeof useThematicStore>;

/** What the controller should draw for the store's state, or null when there is no thematic map. */
export function drawingOf(store: ThematicStore): ThematicDrawing | null {
  const figures = store.figures;
  if (!store.indicatorId || !figures || figures.indicator !== store.indicatorId) return null;
  const colorByCode = store.colorByCode;
  return {
    key: [figures.indicator, figures.level, figures.scenario ?? '', store.effectiveMethod, store.breaks.join(','),
      store.ramp, store.mode, store.selectedCode ?? ''].join('|'),
    mode: store.mode,
    level: figures.level,
    colorByCode,
    selectedCode: store.selectedCode,
    heatGradient: rampById(store.ramp).colors(9),
    symbols: figures.units
      .filter((u) => u.value !== null && u.value >= 0)
      .map((u) => ({ code: u.code, lonLat: u.labelPoint, value: u.value!, color: colorByCode.get(u.code)! })),
  };
}

/** Installs the thematic map on the map; call from the component that hosts the map. */
export function useThematicSync(): void {
  const { map } = useMap();
  const store = useThematicStore();
  const layers = useLayersStore();
  const plan = usePlanStore();
  const session = useSessionStore();

  watch(
    [map, () => layers.byId('admin_units')],
    ([m, units], _old, onCleanup) => {
      if (!m || !units) return;
      const template = (units.links.tiles ?? '/tiles/{id}/{z}/{x}/{y}.mvt').replace('{id}', units.id);
      const controller = new ThematicController(m, template, {
        onHover: (code, [x, y]) => (store.hover = code ? { code, clientX: x, clientY: y } : null),
        onSelect: (code) => store.select(code),
      });
      const stopDraw = watchEffect(() => controller.draw(drawingOf(store)));
      const stopFocus = watch(() => store.focusTarget, (target) => target && controller.focus(target.bbox));
      const stopHeat = watch(
        [() => store.indicatorId !== null && store.mode === 'heatmap', () => store.heatLayer, () => plan.activePlanId],
        async ([on, layer, planId], _o, onStale) => {
          let stale = false;
          onStale(() => (stale = true));
          if (!on) return;
          try {
            const points = await getPointPositions(layer, planId);
            if (!stale) controller.setHeatPoints(points.coordinates);
          } catch (e) {
            if (!stale) store.error = e instanceof Error ? e.message : String(e);
          }
        },
        { immediate: true },
      );
      if (testHooksEnabled()) setThematicTestHooks({ lastDrawn: () => controller.lastDrawn() });
      onCleanup(() => {
        stopDraw();
        stopFocus();
        stopHeat();
        setThematicTestHooks(undefined);
        controller.destroy();
      });
    },
    { immediate: true },
  );

  watch(() => session.user, (user) => user && void store.loadCatalogue(), { immediate: true });
  watch([() => store.indicatorId, () => store.level, () => plan.activePlanId], () => void store.refresh(plan.activePlanId), { immediate: true });
  // The next user starts without the previous one's thematic map.
  watch(() => session.user?.username, (now, before) => {
    if (before !== undefined && now !== before) store.reset();
  });
}
