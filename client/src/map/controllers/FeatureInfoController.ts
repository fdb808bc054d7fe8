/**
 * Turns map clicks into a list of hit features (plain data for the UI) and draws the selection.
 * OpenLayers objects stay inside this class; the UI only sees `FeatureHit`s.
 */
import type Map from 'ol/Map';
import type MapBrowserEvent from 'ol/MapBrowserEvent';
import Feature, { type FeatureLike } from 'ol/Feature';
import type { Geometry } from 'ol/geom';
import type Layer from 'ol/layer/Layer';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import GeoJSON from 'ol/format/GeoJSON';
import RenderFeature, { toFeature } from 'ol/render/Feature';
import { unByKey } from 'ol/Observable';
import type { EventsKey } from 'ol/events';
import type { GeoJsonFeature } from '../../api/features';
import { COLLECTION_ID, FROM_TILES, HIT_RANK } from '../layer-factory';
import { highlightStyle } from '../styles';

/** One feature under a click, as plain data. */
export interface FeatureHit {
  collectionId: string;
  /** GeoJSON id, or the `id` property of a tile feature. */
  featureId: string | undefined;
  /** The feature's properties; only the tile subset when `partial`. */
  properties: Record<string, unknown>;
  partial: boolean;
}

const HIT_TOLERANCE_PX = 4;
const HIGHLIGHT_Z = 1000;
// Below this rank (areas and outlines) a hover does not turn the cursor into a hand: they cover the whole city.
const HOVER_MIN_RANK = 2;

export class FeatureInfoController {
  private readonly keys: EventsKey[];
  private readonly highlight = new VectorSource();
  private readonly highlightLayer = new VectorLayer({ source: this.highlight, style: highlightStyle(), zIndex: HIGHLIGHT_Z });
  /** The OpenLayers feature behind each hit of the last click, by hit index. */
  private lastFeatures: FeatureLike[] = [];

  constructor(
    private readonly map: Map,
    onHits: (hits: FeatureHit[]) => void,
  ) {
    map.addLayer(this.highlightLayer);
    this.keys = [
      map.on('singleclick', (e: MapBrowserEvent) => onHits(this.hitsAt(e.pixel))),
      map.on('pointermove', (e: MapBrowserEvent) => {
        if (e.dragging) return;
        const over = map.hasFeatureAtPixel(e.pixel, {
          hitTolerance: HIT_TOLERANCE_PX,
          layerFilter: (l) => (l.get(HIT_RANK) ?? -1) >= HOVER_MIN_RANK,
        });
        const target = map.getTargetElement();
        if (target) target.style.cursor = over ? 'pointer' : '';
      }),
    ];
  }

  /** The features under a pixel, points first, then lines, areas and outlines; top-most first within each. */
  hitsAt(pixel: number[]): FeatureHit[] {
    const found: { hit: FeatureHit; feature: FeatureLike; rank: number }[] = [];
    const seen = new Set<string>();
    this.map.forEachFeatureAtPixel(
      pixel,
      (feature, layer: Layer) => {
        const collectionId = layer.get(COLLECTION_ID) as string;
        const id = feature.getId();
        const featureId = id === undefined ? undefined : String(id);
        // A feature crossing tile edges, or drawn on a label layer too, is hit more than once.
        const key = `${collectionId}/${featureId ?? found.length}`;
        if (seen.has(key)) return undefined;
        seen.add(key);
        const properties = { ...feature.getProperties() };
        delete properties.geometry;
        const partial = Boolean(layer.get(FROM_TILES));
        found.push({ hit: { collectionId, featureId, properties, partial }, feature, rank: layer.get(HIT_RANK) ?? 0 });
        return undefined;
      },
      { hitTolerance: HIT_TOLERANCE_PX, layerFilter: (l) => Boolean(l.get(COLLECTION_ID)) },
    );
    found.sort((a, b) => b.rank - a.rank);
    this.lastFeatures = found.map((f) => f.feature);
    return found.map((f) => f.hit);
  }

  /** Highlights hit number `index` of the last click, with the full GeoJSON geometry when known. */
  select(index: number, full?: GeoJsonFeature): void {
    this.highlight.clear();
    const geometry = full?.geometry ? this.readGeometry(full) : this.geometryOf(this.lastFeatures[index]);
    if (geometry) this.highlight.addFeature(new Feature(geometry));
  }

  /** Removes the highlight. */
  clear(): void {
    this.highlight.clear();
    this.lastFeatures = [];
  }

  /** Stops listening and removes the highlight layer. */
  destroy(): void {
    unByKey(this.keys);
    this.map.removeLayer(this.highlightLayer);
  }

  private readGeometry(full: GeoJsonFeature): Geometry | undefined {
    const projection = this.map.getView().getProjection();
    const feature = new GeoJSON().readFeature(full, { dataProjection: 'EPSG:4326', featureProjection: projection });
    return Array.isArray(feature) ? feature[0]?.getGeometry() : feature.getGeometry();
  }

  private geometryOf(feature: FeatureLike | undefined): Geometry | undefined {
    if (!feature) return undefined;
    // A tile feature is clipped to its tile: good enough until the full feature arrives.
    if (feature instanceof RenderFeature) return toFeature(feature).getGeometry();
    return feature.getGeometry()?.clone();
  }
}
