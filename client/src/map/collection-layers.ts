/**
 * The map's collection layers as the editing tools see them: which are shown, their features in a view extent,
 * and a refresh after a write (vector tiles are cached by the browser for a minute, so their URL gets a new
 * stamp and the source reloads).
 */
import type Map from 'ol/Map';
import type BaseLayer from 'ol/layer/Base';
import LayerGroup from 'ol/layer/Group';
import VectorLayer from 'ol/layer/Vector';
import VectorTileLayer from 'ol/layer/VectorTile';
import type { FeatureLike } from 'ol/Feature';
import type { Extent } from 'ol/extent';
import { COLLECTION_ID, FROM_TILES } from './layer-factory';

export interface CollectionLayer {
  collectionId: string;
  layer: VectorLayer | VectorTileLayer;
  fromTiles: boolean;
  /** Shown now: visible itself and in every group above it, and within its zoom range. */
  shown: boolean;
}

/** Every feature layer of the map that draws a collection (the label layers included, the underlays not). */
export function collectionLayers(map: Map): CollectionLayer[] {
  const out: CollectionLayer[] = [];
  const zoom = map.getView().getZoom() ?? 0;
  const walk = (layers: BaseLayer[], parentShown: boolean) => {
    for (const layer of layers) {
      const shown = parentShown && layer.getVisible() && zoom > layer.getMinZoom() && zoom <= layer.getMaxZoom();
      if (layer instanceof LayerGroup) walk(layer.getLayers().getArray(), shown);
      else if ((layer instanceof VectorLayer || layer instanceof VectorTileLayer) && layer.get(COLLECTION_ID)) {
        out.push({ collectionId: layer.get(COLLECTION_ID), layer, fromTiles: Boolean(layer.get(FROM_TILES)), shown });
      }
    }
  };
  walk(map.getLayers().getArray(), true);
  return out;
}

/** The features a collection layer has in `extent` (tile features are clipped, simplified RenderFeatures). */
export function featuresInExtent(entry: CollectionLayer, extent: Extent): FeatureLike[] {
  if (entry.layer instanceof VectorTileLayer) return entry.layer.getFeaturesInExtent(extent);
  return entry.layer.getSource()?.getFeaturesInExtent(extent) ?? [];
}

let stamp = 0;

/** Reloads the layers of a collection, so that the map shows a write at once. */
export function refreshCollection(map: Map, collectionId: string): void {
  stamp++;
  for (const entry of collectionLayers(map)) {
    if (entry.collectionId !== collectionId) continue;
    const source = entry.layer.getSource();
    if (!source) continue;
    if (entry.layer instanceof VectorTileLayer) {
      const tiles = entry.layer.getSource()!;
      const template = tiles.getUrls()?.[0];
      // A new query string: the browser's cached copy of the tile (max-age 60 s) is not used.
      if (template) tiles.setUrl(`${template.split('?')[0]}?edit=${Date.now()}-${stamp}`);
      tiles.refresh();
    } else {
      source.refresh();
    }
  }
}
