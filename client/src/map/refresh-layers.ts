/** Reloads what the map shows of some collections after their features changed on the server. */
import type Map from 'ol/Map';
import { COLLECTION_ID } from './layer-factory';

/**
 * Layer property: true on layers the client fills itself (overlays drawing server data it fetched another way):
 * refreshing their source would only empty them.
 */
export const CLIENT_DRAWN = 'clientDrawn';

/** Refetches the features (or tiles) of every server-loaded layer drawing one of `collectionIds`. */
export function refreshCollections(map: Map, collectionIds: Iterable<string>): void {
  const ids = new Set(collectionIds);
  for (const layer of map.getAllLayers()) {
    if (layer.get(CLIENT_DRAWN) || !ids.has(layer.get(COLLECTION_ID) as string)) continue;
    layer.getSource()?.refresh();
  }
}
