/**
 * Draws an import's preview over every layer: rows that would be written in blue, rows with a problem in red,
 * repaired outlines dashed in orange; one row can be picked out (the report table's selection). The features
 * arrive in WGS 84 lon/lat from the preview answer. OpenLayers objects stay inside this class.
 */
import type Map from 'ol/Map';
import type Feature from 'ol/Feature';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import GeoJSON from 'ol/format/GeoJSON';
import { Circle, Fill, Stroke, Style } from 'ol/style';
import { transformExtent } from 'ol/proj';
import { isEmpty } from 'ol/extent';
import type { FeatureLike } from 'ol/Feature';
import type { PreviewCollection } from '../../api/imports';

const PREVIEW_Z = 900;

/** Pixels of the map hidden by panels (top, right, bottom, left): the preview is fitted into the rest. */
export type Padding = [number, number, number, number];

function previewStyle(stroke: string, fill: string, dash?: number[], width = 2): Style {
  return new Style({
    stroke: new Stroke({ color: stroke, width, lineDash: dash }),
    fill: new Fill({ color: fill }),
    image: new Circle({ radius: 6, fill: new Fill({ color: fill.replace(/[\d.]+\)$/, '0.85)') }), stroke: new Stroke({ color: '#ffffff', width: 1.5 }) }),
  });
}

const STYLES = {
  ok: previewStyle('#1f5fbf', 'rgba(31,95,191,0.25)'),
  problem: previewStyle('#d4262c', 'rgba(212,38,44,0.3)'),
  repaired: previewStyle('#e07b00', 'rgba(224,123,0,0.25)', [6, 4]),
  selected: new Style({
    stroke: new Stroke({ color: '#ffd400', width: 5 }),
    image: new Circle({ radius: 11, stroke: new Stroke({ color: '#ffd400', width: 4 }) }),
  }),
};

export class ImportPreviewController {
  private readonly source = new VectorSource();
  private readonly layer: VectorLayer;
  private selectedRow: number | undefined;

  /** `covered`: what the side panel and the wizard hide of the map, kept clear when fitting the view. */
  constructor(private readonly map: Map, private readonly covered: Padding = [60, 60, 60, 60]) {
    this.layer = new VectorLayer({ source: this.source, zIndex: PREVIEW_Z, style: (f) => this.styleOf(f) });
    this.layer.set('importPreview', true);
    map.addLayer(this.layer);
  }

  /** Replaces the preview by `collection` and fits the view to it; returns how many features are drawn. */
  show(collection: PreviewCollection): number {
    this.source.clear();
    this.selectedRow = undefined;
    const features = new GeoJSON().readFeatures(collection, { dataProjection: 'EPSG:4326', featureProjection: this.map.getView().getProjection() });
    this.source.addFeatures(features);
    const extent = this.source.getExtent();
    if (extent) this.fitTo(extent);
    return features.length;
  }

  /** Picks out the feature of a file row and centres the view on it (no-op when it is not drawn). */
  focus(row: number): void {
    this.selectedRow = row;
    this.layer.changed();
    const feature = this.source.getFeatureById(row) as Feature | null;
    const geometry = feature?.getGeometry();
    if (geometry) this.map.getView().fit(geometry.getExtent(), { padding: this.padding(), maxZoom: 19, duration: 250 });
  }

  /** Fits the view to a lon/lat extent (what a commit wrote). */
  fitLonLat(extentDeg: readonly [number, number, number, number]): void {
    this.fitTo(transformExtent([...extentDeg], 'EPSG:4326', this.map.getView().getProjection()));
  }

  /** Number of features drawn. */
  count(): number {
    return this.source.getFeatures().length;
  }

  /** Removes the preview from the map. */
  clear(): void {
    this.source.clear();
    this.selectedRow = undefined;
  }

  destroy(): void {
    this.map.removeLayer(this.layer);
    this.source.clear();
  }

  private fitTo(extent: number[]): void {
    if (isEmpty(extent) || !extent.every(Number.isFinite)) return;
    this.map.getView().fit(extent, { padding: this.padding(), maxZoom: 18, duration: 0 });
  }

  /** The covered margins, shrunk on a small map so that at least a third of it stays for the preview. */
  private padding(): Padding {
    const [width, height] = this.map.getSize() ?? [0, 0];
    const [top, right, bottom, left] = this.covered;
    const x = Math.min(1, (width * 2) / 3 / Math.max(1, left + right));
    const y = Math.min(1, (height * 2) / 3 / Math.max(1, top + bottom));
    return [top * y, right * x, bottom * y, left * x];
  }

  private styleOf(feature: FeatureLike): Style | Style[] {
    const props = feature.getProperties() as { ok?: boolean; repaired?: boolean; row?: number };
    const base = !props.ok ? STYLES.problem : props.repaired ? STYLES.repaired : STYLES.ok;
    return props.row === this.selectedRow ? [base, STYLES.selected] : base;
  }
}
