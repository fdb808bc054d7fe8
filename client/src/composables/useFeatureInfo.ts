/** Connects map clicks to the feature-info store and fetches full features for tile hits. */
import { watch } from 'vue';
import { getFeature } from '../api/features';
import { FeatureInfoController } from '../map/controllers/FeatureInfoController';
import { useFeatureInfoStore } from '../stores/featureInfo';
import { useMap } from './useMap';

/** Installs the click tool on the map; the panel reads and drives the store only. */
export function useFeatureInfoSync(): void {
  const { map } = useMap();
  const store = useFeatureInfoStore();
  let controller: FeatureInfoController | undefined;
  let pending: AbortController | undefined;

  watch(
    map,
    (m, _old, onCleanup) => {
      if (!m) return;
      controller = new FeatureInfoController(m, (hits) => {
        if (!store.suspended) store.setHits(hits);
      });
      onCleanup(() => {
        controller?.destroy();
        controller = undefined;
      });
    },
    { immediate: true },
  );

  watch([() => store.hits, () => store.selectedIndex], async ([, index]) => {
    pending?.abort();
    pending = undefined;
    const hit = store.selected;
    store.error = undefined;
    store.loading = false;
    if (!hit) {
      store.attributes = null;
      controller?.clear();
      return;
    }
    store.attributes = hit.properties;
    controller?.select(index);
    if (!hit.partial || !hit.featureId) return;
    const request = (pending = new AbortController());
    store.loading = true;
    try {
      const full = await getFeature(hit.collectionId, hit.featureId, request.signal);
      store.attributes = { ...hit.properties, ...(full.properties ?? {}) };
      controller?.select(index, full);
    } catch (e) {
      if (!request.signal.aborted) store.error = e instanceof Error ? e.message : String(e);
    } finally {
      if (pending === request) store.loading = false;
    }
  });
}
