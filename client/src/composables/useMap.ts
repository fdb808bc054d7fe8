/**
 * The one OpenLayers map, shared through a shallowRef: Vue tracks which map there is,
 * never the map's internals (deep reactivity on OpenLayers objects is slow and breaks them).
 */
import { shallowRef, type ShallowRef } from 'vue';
import type Map from 'ol/Map';
import { createMap } from '../map/createMap';

const map = shallowRef<Map | null>(null);

/** Creates the map in `target` (once). */
export function mountMap(target: HTMLElement): Map {
  map.value ??= createMap(target);
  return map.value;
}

/** Disposes of the map. */
export function unmountMap(): void {
  map.value?.setTarget(undefined);
  map.value?.dispose();
  map.value = null;
}

/** The map, or null before the map view is mounted. */
export function useMap(): { map: ShallowRef<Map | null> } {
  return { map };
}
