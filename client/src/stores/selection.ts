/**
 * The features selected on the map (multi-select: Shift+click and box), as plain `{collectionId, featureId}`
 * items: what "export the selection" and "delete" act on.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';

export interface SelectedFeature {
  collectionId: string;
  featureId: string;
}

const keyOf = (f: SelectedFeature) => `${f.collectionId}/${f.featureId}`;

export const useSelectionStore = defineStore('selection', () => {
  const items = shallowRef<SelectedFeature[]>([]);
  const count = computed(() => items.value.length);
  /** The selected feature ids grouped by collection. */
  const byCollection = computed(() => {
    const groups: Record<string, string[]> = {};
    for (const item of items.value) (groups[item.collectionId] ??= []).push(item.featureId);
    return groups;
  });

  /** Replaces the selection. */
  function set(list: SelectedFeature[]): void {
    const seen = new Set<string>();
    items.value = list.filter((f) => !seen.has(keyOf(f)) && seen.add(keyOf(f)));
  }

  /** Adds features that are not selected yet. */
  function add(list: SelectedFeature[]): void {
    set([...items.value, ...list]);
  }

  /** Selects a feature, or unselects it when it was selected. */
  function toggle(feature: SelectedFeature): void {
    const key = keyOf(feature);
    items.value = items.value.some((f) => keyOf(f) === key) ? items.value.filter((f) => keyOf(f) !== key) : [...items.value, feature];
  }

  /** Drops features from the selection (deleted ones, say). */
  function remove(list: SelectedFeature[]): void {
    const gone = new Set(list.map(keyOf));
    items.value = items.value.filter((f) => !gone.has(keyOf(f)));
  }

  function clear(): void {
    items.value = [];
  }

  return { items, count, byCollection, set, add, toggle, remove, clear };
});
