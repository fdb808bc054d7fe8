/** The feature-info panel's state: what the last click hit and the attributes of the selected feature. */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { FeatureHit } from '../map/controllers/FeatureInfoController';

export const useFeatureInfoStore = defineStore('featureInfo', () => {
  const hits = shallowRef<FeatureHit[]>([]);
  const selectedIndex = ref(-1);
  /** All attributes of the selected feature, once fetched (tile hits only carry a few). */
  const attributes = shallowRef<Record<string, unknown> | null>(null);
  const loading = ref(false);
  const error = ref<string>();
  /** True while another map tool (editing) takes the map's clicks: they do not open the panel then. */
  const suspended = ref(false);

  const selected = computed(() => hits.value[selectedIndex.value]);

  /** Shows the hits of a click, selecting the first (or closes the panel when nothing was hit). */
  function setHits(list: FeatureHit[]): void {
    hits.value = list;
    selectedIndex.value = list.length ? 0 : -1;
  }

  /** Selects another feature of the same click. */
  function select(index: number): void {
    if (index >= 0 && index < hits.value.length) selectedIndex.value = index;
  }

  /** Closes the panel. */
  function close(): void {
    setHits([]);
  }

  return { hits, selectedIndex, attributes, loading, error, suspended, selected, setHits, select, close };
});
