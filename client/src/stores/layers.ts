/** App state of the layer tree: the collections from the server and what the user set for each. */
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import { LAYER_GROUPS, listCollections, type CollectionInfo, type LayerGroup } from '../api/collections';

export interface LayerSetting {
  visible: boolean;
  /** 0 (invisible) to 1 (opaque). */
  opacity: number;
}

export const useLayersStore = defineStore('layers', () => {
  const collections = ref<CollectionInfo[]>([]);
  const loadState = ref<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const error = ref<string>();
  const settings = reactive<Record<string, LayerSetting>>({});
  /** OpenStreetMap raster under the project's own layers; off by default as the machine may be offline. */
  const osm = ref(false);

  const groups = computed(() =>
    LAYER_GROUPS.map((group: LayerGroup) => ({
      group,
      collections: collections.value.filter((c) => c.group === group),
    })).filter((g) => g.collections.length > 0),
  );

  /** Loads the collection list from the server (once, unless it failed). */
  async function load(): Promise<void> {
    if (loadState.value === 'loading' || loadState.value === 'ready') return;
    loadState.value = 'loading';
    error.value = undefined;
    try {
      const list = await listCollections();
      for (const c of list) settings[c.id] ??= { visible: true, opacity: 1 };
      collections.value = list;
      loadState.value = 'ready';
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
      loadState.value = 'error';
    }
  }

  function byId(id: string): CollectionInfo | undefined {
    return collections.value.find((c) => c.id === id);
  }

  return { collections, loadState, error, settings, osm, groups, load, byId };
});
