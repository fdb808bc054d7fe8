/** Which feature's history panel is open (opened from the feature-info panel). */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface HistoryTarget {
  collectionId: string;
  featureId: string;
  /** What the panel calls the feature (its name, or its layer's title). */
  title: string;
}

export const useHistoryStore = defineStore('history', () => {
  const target = ref<HistoryTarget | null>(null);

  /** Opens the history of one feature. */
  function open(next: HistoryTarget): void {
    target.value = { ...next };
  }

  function close(): void {
    target.value = null;
  }

  return { target, open, close };
});
