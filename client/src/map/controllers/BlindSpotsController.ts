/**
 * The blind-spot layer of a city-coverage run: road stretches and parts of public spaces no camera sees at
 * Observation or better. One run at a time (a comparison holds two).
 */
import type Map from 'ol/Map';
import GeoJSON from 'ol/format/GeoJSON';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import type { FeatureLike } from 'ol/Feature';
import { createEmpty, extend, isEmpty } from 'ol/extent';
import type { FeatureCollection } from '../../api/cctv';
import { BLIND_ROAD_STYLE, BLIND_SPACE_STYLE } from '../styles/cctv';

const style = (f: FeatureLike) => (f.get('kind') === 'road' ? BLIND_ROAD_STYLE : BLIND_SPACE_STYLE);

export class BlindSpotsController {
  private readonly source = new VectorSource();
  private readonly layer = new VectorLayer({ source: this.source, style, zIndex: 850, visible: false });

  constructor(private readonly map: Map) {
    map.addLayer(this.layer);
  }

  /** Shows the blind spots of run `runId` (CRS84), or hides the layer with null. */
  show(blindSpots: FeatureCollection | null, runId: string | null): void {
    this.source.clear();
    if (!blindSpots || !runId) {
      this.layer.setVisible(false);
      return;
    }
    const features = { ...blindSpots, features: blindSpots.features.filter((f) => (f.properties as { run_id?: string }).run_id === runId) };
    this.source.addFeatures(new GeoJSON().readFeatures(features, { dataProjection: 'EPSG:4326', featureProjection: this.map.getView().getProjection() }));
    this.layer.setVisible(true);
  }

  /** How many blind spots are drawn. */
  count(): number {
    return this.layer.getVisible() ? this.source.getFeatures().length : 0;
  }

  /** Zooms the map to the blind spots. */
  fit(): void {
    const extent = createEmpty();
    for (const f of this.source.getFeatures()) extend(extent, f.getGeometry()!.getExtent());
    if (!isEmpty(extent)) this.map.getView().fit(extent, { padding: [40, 360, 40, 340], maxZoom: 17, duration: 300 });
  }

  destroy(): void {
    this.map.removeLayer(this.layer);
  }
}
