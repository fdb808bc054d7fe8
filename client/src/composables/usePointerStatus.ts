/** Feeds the status bar from the map: pointer coordinates, zoom and scale. */
import { watch } from 'vue';
import { PointerController } from '../map/controllers/PointerController';
import { useViewStore } from '../stores/view';
import { useMap } from './useMap';

/** Installs the pointer tracker on the map. */
export function usePointerSync(): void {
  const { map } = useMap();
  const view = useViewStore();
  watch(
    map,
    (m, _old, onCleanup) => {
      if (!m) return;
      const controller = new PointerController(
        m,
        (lonLat) => (view.pointerLonLat = lonLat),
        (info) => {
          view.zoom = info.zoom;
          view.scaleDenominator = info.scaleDenominator;
        },
      );
      onCleanup(() => controller.destroy());
    },
    { immediate: true },
  );
}
