/**
 * Connects the architecture panel to the map: one StreamLoadController on the shared map while the panel lives,
 * fed with the latest stream-load result. The controller is created when the map exists and destroyed with the panel.
 */
import { onBeforeUnmount, watch } from 'vue';
import type { FeatureCollection } from 'geojson';
import { useMap } from './useMap';
import { StreamLoadController, type Describe } from '../map/controllers/StreamLoadController';

export function useStreamLoadLayer(describe: Describe) {
  const { map } = useMap();
  let controller: StreamLoadController | null = null;
  let pending: [FeatureCollection, FeatureCollection] | null = null;

  const stop = watch(map, (m) => {
    controller?.destroy();
    controller = m ? new StreamLoadController(m, describe) : null;
    if (controller && pending) controller.show(...pending);
  }, { immediate: true });

  onBeforeUnmount(() => {
    stop();
    controller?.destroy();
    controller = null;
  });

  return {
    /** Draws the links and nodes of a result. */
    show(links: FeatureCollection, nodes: FeatureCollection): void {
      pending = [links, nodes];
      controller?.show(links, nodes);
    },
    /** Zooms to a link or node and marks it. */
    focus(id: string): void {
      controller?.focus(id);
    },
    clear(): void {
      pending = null;
      controller?.clear();
    },
  };
}
