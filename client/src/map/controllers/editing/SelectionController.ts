/**
 * Multi-selection in the layer being edited: click selects a feature, Shift+click adds or removes one, a dragged
 * box selects every feature of that layer it touches (Shift+drag adds). Other layers are left alone, so a box
 * drawn over a few buildings does not also take the ward and the land-use zone around them. The selection is
 * drawn in its own layer; the store holds it as plain `{collectionId, featureId}` items (for export and delete).
 */
import type Map from 'ol/Map';
import type MapBrowserEvent from 'ol/MapBrowserEvent';
import Feature, { type FeatureLike } from 'ol/Feature';
import DragBox from 'ol/interaction/DragBox';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import RenderFeature, { toFeature } from 'ol/render/Feature';
import { mouseActionButton, shiftKeyOnly } from 'ol/events/condition';
import { unByKey } from 'ol/Observable';
import type { EventsKey } from 'ol/events';
import type { Geometry } from 'ol/geom';
import { COLLECTION_ID } from '../../layer-factory';
import { collectionLayers, featuresInExtent } from '../../collection-layers';
import { selectionStyle } from '../../styles/editing';

export interface SelectedItem {
  collectionId: string;
  featureId: string;
}

export type SelectMode = 'replace' | 'toggle' | 'add';

const HIT_TOLERANCE_PX = 5;
const SELECTION_Z = 1050;
/** A box selects at most this many features (a box over the whole city would freeze the page). */
const MAX_BOX_FEATURES = 2000;

const keyOf = (item: SelectedItem) => `${item.collectionId}/${item.featureId}`;

function geometryOf(feature: FeatureLike): Geometry | undefined {
  // Tile features are clipped to their tile: good enough to show what is selected.
  if (feature instanceof RenderFeature) return toFeature(feature).getGeometry();
  return (feature.getGeometry() as Geometry | undefined)?.clone();
}

export class SelectionController {
  private readonly source = new VectorSource();
  private readonly layer = new VectorLayer({ source: this.source, style: selectionStyle(), zIndex: SELECTION_Z });
  private readonly box = new DragBox({ condition: mouseActionButton });
  private keys: EventsKey[] = [];

  constructor(
    private readonly map: Map,
    private readonly collectionId: () => string | null,
    private readonly onSelect: (items: SelectedItem[], mode: SelectMode) => void,
  ) {
    map.addLayer(this.layer);
    this.box.on('boxend', (e) => {
      const items = this.inBox(this.box.getGeometry().getExtent());
      this.onSelect(items, e.mapBrowserEvent && shiftKeyOnly(e.mapBrowserEvent) ? 'add' : 'replace');
    });
  }

  /** Turns the select tool's clicks and box on or off; the highlight stays either way. */
  setInteractive(on: boolean): void {
    unByKey(this.keys);
    this.keys = [];
    this.map.removeInteraction(this.box);
    if (!on) return;
    this.map.addInteraction(this.box);
    this.keys.push(
      this.map.on('singleclick', (e: MapBrowserEvent) => {
        const hit = this.at(e.pixel);
        const toggle = shiftKeyOnly(e);
        if (hit) this.onSelect([hit], toggle ? 'toggle' : 'replace');
        else if (!toggle) this.onSelect([], 'replace');
      }),
    );
  }

  /** Highlights exactly these items (those not drawn yet must have been reported by this controller). */
  show(items: readonly SelectedItem[]): void {
    const wanted = new Set(items.map(keyOf));
    for (const feature of this.source.getFeatures()) {
      if (!wanted.has(String(feature.getId()))) this.source.removeFeature(feature);
    }
  }

  destroy(): void {
    this.setInteractive(false);
    this.map.removeLayer(this.layer);
  }

  private remember(collectionId: string, feature: FeatureLike): SelectedItem | undefined {
    const id = feature.getId();
    if (id === undefined) return undefined;
    const item = { collectionId, featureId: String(id) };
    if (!this.source.getFeatureById(keyOf(item))) {
      const shown = new Feature(geometryOf(feature));
      shown.setId(keyOf(item));
      this.source.addFeature(shown);
    }
    return item;
  }

  private at(pixel: number[]): SelectedItem | undefined {
    let item: SelectedItem | undefined;
    this.map.forEachFeatureAtPixel(
      pixel,
      (feature, layer) => {
        item = this.remember(layer.get(COLLECTION_ID), feature);
        return item ? true : undefined;
      },
      { hitTolerance: HIT_TOLERANCE_PX, layerFilter: (l) => l.get(COLLECTION_ID) === this.collectionId() },
    );
    return item;
  }

  private inBox(extent: number[]): SelectedItem[] {
    const items = new globalThis.Map<string, SelectedItem>();
    for (const entry of collectionLayers(this.map)) {
      if (!entry.shown || entry.collectionId !== this.collectionId()) continue;
      for (const feature of featuresInExtent(entry, extent)) {
        if (items.size >= MAX_BOX_FEATURES) break;
        const geometry = geometryOf(feature);
        if (!geometry?.intersectsExtent(extent)) continue;
        const item = this.remember(entry.collectionId, feature);
        if (item) items.set(keyOf(item), item);
      }
    }
    return [...items.values()];
  }
}
