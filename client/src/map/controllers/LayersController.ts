/** Owns the map's data layers: one per collection plus the OpenStreetMap base map. */
import type Map from 'ol/Map';
import type BaseLayer from 'ol/layer/Base';
import LayerGroup from 'ol/layer/Group';
import VectorLayer from 'ol/layer/Vector';
import VectorTileLayer from 'ol/layer/VectorTile';
import type { FeatureLike } from 'ol/Feature';
import { getCenter } from 'ol/extent';
import type { CollectionInfo } from '../../api/collections';
import { COLLECTION_ID, UNDERLAY, createCollectionLayer, createOsmLayer, type LayerOptions } from '../layer-factory';

export class LayersController {
  private readonly layers = new globalThis.Map<string, BaseLayer>();
  private readonly osm = createOsmLayer();

  constructor(
    private readonly map: Map,
    collections: readonly CollectionInfo[],
    options: LayerOptions = {},
  ) {
    map.addLayer(this.osm);
    collections.forEach((c, i) => {
      const layer = createCollectionLayer(c, i, options);
      this.layers.set(c.id, layer);
      map.addLayer(layer);
    });
  }

  /** Shows or hides a collection's layer. */
  setVisible(collectionId: string, visible: boolean): void {
    this.layers.get(collectionId)?.setVisible(visible);
  }

  /** Sets a collection layer's opacity, 0 (invisible) to 1 (opaque). */
  setOpacity(collectionId: string, opacity: number): void {
    this.layers.get(collectionId)?.setOpacity(opacity);
  }

  /** Switches the OpenStreetMap raster base map on or off. */
  setOsmVisible(visible: boolean): void {
    this.osm.setVisible(visible);
    // The city's land fill would cover OpenStreetMap inside the city.
    for (const layer of this.layers.values()) {
      if (!(layer instanceof LayerGroup)) continue;
      for (const child of layer.getLayers().getArray()) if (child.get(UNDERLAY)) child.setVisible(!visible);
    }
  }

  /**
   * Features of a collection currently loaded (GeoJSON layers) or rendered (tile layers) in the view.
   * Tile features are lightweight RenderFeatures clipped to their tile.
   */
  loadedFeatures(collectionId: string): FeatureLike[] {
    const layer = this.mainLayer(collectionId);
    if (layer instanceof VectorLayer) return layer.getSource()?.getFeatures() ?? [];
    if (layer instanceof VectorTileLayer) {
      return layer.getFeaturesInExtent(this.map.getView().calculateExtent(this.map.getSize()));
    }
    return [];
  }

  /** A map coordinate on a feature: the point itself, a line's middle vertex or an area's centre (approximate). */
  static anchorOf(feature: FeatureLike): number[] | undefined {
    const geom = feature.getGeometry();
    if (!geom) return undefined;
    const type = geom.getType();
    if (type === 'Point') return (geom as unknown as { getCoordinates(): number[] }).getCoordinates();
    const flat = (geom as unknown as { getFlatCoordinates(): number[] }).getFlatCoordinates();
    if ((type === 'LineString' || type === 'MultiLineString') && flat.length >= 2) {
      const mid = Math.floor(flat.length / 4) * 2;
      return [flat[mid], flat[mid + 1]];
    }
    return getCenter(geom.getExtent());
  }

  /**
   * Reloads a collection's features after its data changed (an import, say). Tile URLs get a new revision, so
   * that tiles the browser cached (up to a minute) are fetched again.
   */
  refresh(collectionId: string, revision: number): void {
    const layer = this.layers.get(collectionId);
    const all = layer instanceof LayerGroup ? layer.getLayers().getArray() : layer ? [layer] : [];
    for (const l of all) {
      if (l instanceof VectorTileLayer) {
        const source = l.getSource();
        const url = source?.getUrls()?.[0];
        if (source && url) source.setUrl(`${url.replace(/[?&]rev=\d+$/, '')}${url.includes('?') ? '&' : '?'}rev=${revision}`);
      } else if (l instanceof VectorLayer) {
        l.getSource()?.refresh();
      }
    }
  }

  /** Removes every layer this controller added. */
  destroy(): void {
    this.map.removeLayer(this.osm);
    for (const layer of this.layers.values()) this.map.removeLayer(layer);
    this.layers.clear();
  }

  private mainLayer(collectionId: string): BaseLayer | undefined {
    const layer = this.layers.get(collectionId);
    if (layer instanceof LayerGroup) {
      return layer.getLayers().getArray().find((l) => l.get(COLLECTION_ID) === collectionId);
    }
    return layer;
  }
}
