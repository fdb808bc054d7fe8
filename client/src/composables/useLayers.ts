/** Keeps the map's layers in step with the layer store; call from the component that hosts the map. */
import { watch, watchEffect } from 'vue';
import { storeToRefs } from 'pinia';
import { LayersController } from '../map/controllers/LayersController';
import { installTestHooks, testHooksEnabled } from '../map/test-hooks';
import { useLayersStore } from '../stores/layers';
import { useSessionStore } from '../stores/session';
import { useMap } from './useMap';

/** Builds one layer per collection once both the map and the collection list exist, and applies settings. */
export function useLayerSync(): void {
  const { map } = useMap();
  const store = useLayersStore();
  const session = useSessionStore();
  const { collections } = storeToRefs(store);

  watch(
    [map, collections],
    ([m, list], _old, onCleanup) => {
      if (!m || list.length === 0) return;
      // A failed tile may mean the session expired: the session store checks (at most every few seconds).
      const controller = new LayersController(m, list, { onTileError: () => void session.verify() });
      // Each effect reads the settings it applies, so Vue re-runs just that one on a change.
      const stop = watchEffect(() => {
        for (const c of list) {
          const s = store.settings[c.id];
          if (!s) continue; // the list is being reset (sign-out); this effect is about to stop
          controller.setVisible(c.id, s.visible);
          controller.setOpacity(c.id, s.opacity);
        }
        controller.setOsmVisible(store.osm);
      });
      // A collection whose data changed (an import) is reloaded; only revisions after this point count.
      const stopRefresh = watch(() => ({ ...store.revisions }), (now, before) => {
        for (const [id, revision] of Object.entries(now)) if (revision !== before[id]) controller.refresh(id, revision);
      });
      const uninstall = testHooksEnabled() ? installTestHooks(m, controller) : undefined;
      onCleanup(() => {
        stop();
        stopRefresh();
        uninstall?.();
        controller.destroy();
      });
    },
    { immediate: true },
  );
}
