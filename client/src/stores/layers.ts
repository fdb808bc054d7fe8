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
  /** Bumped per collection when its data changed (an import): the map reloads that layer. */
  const revisions = reactive<Record<string, number>>({});

  const groups = computed(() =>
    LAYER_GROUPS.map((group: LayerGroup) => ({
      group,
      collections: collections.value.filter((c) => c.group === group),
    })).filter((g) => g.collections.length > 0),
  );

  // Bumped by reset(), so that a list requested for the previous user is dropped when it arrives.
  let generation = 0;

  /** Loads the collection list from the server (once, unless it failed). */
  async function load(): Promise<void> {
    if (loadState.value === 'loading' || loadState.value === 'ready') return;
    const mine = ++generation;
    loadState.value = 'loading';
    error.value = undefined;
    try {
      const list = await listCollections();
      if (mine !== generation) return;
      for (const c of list) settings[c.id] ??= { visible: true, opacity: 1 };
      collections.value = list;
      loadState.value = 'ready';
    } catch (e) {
      if (mine !== generation) return;
      error.value = e instanceof Error ? e.message : String(e);
      loadState.value = 'error';
    }
  }

  /** Forgets the list and the settings: what may be read depends on who is signed in. */
  function reset(): void {
    generation++;
    collections.value = [];
    loadState.value = 'idle';
    error.value = undefined;
    for (const id of Object.keys(settings)) delete settings[id];
    osm.value = false;
  }

  /** Asks the map to reload a collection's layer (its data changed on the server). */
  function refresh(id: string): void {
    revisions[id] = (revisions[id] ?? 0) + 1;
  }

  function byId(id: string): CollectionInfo | undefined {
    return collections.value.find((c) => c.id === id);
  }

  return { collections, loadState, error, settings, osm, revisions, groups, load, reset, byId, refresh };
});
