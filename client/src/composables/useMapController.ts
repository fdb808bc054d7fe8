/**
 * Gives a component a map controller for as long as it is mounted: created when the map exists, destroyed when
 * the component goes away (or the map is replaced). The controller lives in a shallowRef: OpenLayers objects
 * never become reactive.
 */
import { onBeforeUnmount, shallowRef, watch, type ShallowRef } from 'vue';
import type Map from 'ol/Map';
import { useMap } from './useMap';

export function useMapController<T extends { destroy(): void }>(create: (map: Map) => T): ShallowRef<T | null> {
  const { map } = useMap();
  const controller = shallowRef(null) as ShallowRef<T | null>;
  const stop = watch(
    map,
    (m) => {
      controller.value?.destroy();
      controller.value = m ? create(m) : null;
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    stop();
    controller.value?.destroy();
    controller.value = null;
  });
  return controller;
}
