/** What the status bar shows: pointer position and view zoom/scale. */
import { defineStore } from 'pinia';
import { ref } from 'vue';

export const useViewStore = defineStore('view', () => {
  /** Pointer (or, before the first move, map centre) as [lon, lat] in WGS 84 degrees. */
  const pointerLonLat = ref<[number, number] | null>(null);
  const zoom = ref(0);
  const scaleDenominator = ref(0);
  return { pointerLonLat, zoom, scaleDenominator };
});
