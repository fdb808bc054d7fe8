/**
 * Draws a feature's geometry at two versions, for the history panel's diff: the older one as grey dashes,
 * the newer one solid purple, and, for points, a dashed line from the old to the new position.
 */
import type Map from 'ol/Map';
import Feature from 'ol/Feature';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import GeoJSON from 'ol/format/GeoJSON';
import { LineString, Point } from 'ol/geom';
import { Circle, Fill, Stroke, Style } from 'ol/style';
import { createEmpty, extend } from 'ol/extent';
import type { GeoJsonFeature } from '../../api/features';

type Geometry = GeoJsonFeature['geometry'];

const HISTORY_Z = 990;
const AFTER = '#7b2fbf';
const BEFORE = '#6b7580';

const STYLES: Record<'before' | 'after' | 'link', Style> = {
  before: new Style({
    image: new Circle({ radius: 8, fill: new Fill({ color: 'rgba(255,255,255,0.7)' }), stroke: new Stroke({ color: BEFORE, width: 2.5, lineDash: [4, 3] }) }),
    stroke: new Stroke({ color: BEFORE, width: 3, lineDash: [8, 6] }),
    fill: new Fill({ color: 'rgba(107,117,128,0.15)' }),
    zIndex: 0,
  }),
  after: new Style({
    image: new Circle({ radius: 8, fill: new Fill({ color: 'rgba(123,47,191,0.25)' }), stroke: new Stroke({ color: AFTER, width: 3 }) }),
    stroke: new Stroke({ color: AFTER, width: 3.5 }),
    fill: new Fill({ color: 'rgba(123,47,191,0.12)' }),
    zIndex: 1,
  }),
  link: new Style({ stroke: new Stroke({ color: AFTER, width: 1.8, lineDash: [4, 4] }), zIndex: 0 }),
};

export class HistoryController {
  private readonly source = new VectorSource();
  private readonly layer = new VectorLayer({
    source: this.source,
    style: (f) => STYLES[f.get('role') as keyof typeof STYLES],
    zIndex: HISTORY_Z,
  });
  private readonly format = new GeoJSON();

  constructor(private readonly map: Map) {
    map.addLayer(this.layer);
  }

  /**
   * Shows `before` (null for a first version) and `after`; with `fit`, zooms so that both are in view (no closer
   * than zoom 18, and leaving room for the panels).
   */
  show(before: Geometry, after: Geometry, fit = false): void {
    this.source.clear();
    const old = before ? this.add(before, 'before') : undefined;
    const now = after ? this.add(after, 'after') : undefined;
    const a = old?.getGeometry();
    const b = now?.getGeometry();
    if (a instanceof Point && b instanceof Point) {
      const link = new Feature(new LineString([a.getCoordinates(), b.getCoordinates()]));
      link.set('role', 'link');
      this.source.addFeature(link);
    }
    if (fit) this.fit();
  }

  /** The geometries drawn, by role (for tests): 'before' and 'after' counts. */
  drawn(): { before: number; after: number } {
    const features = this.source.getFeatures();
    return { before: features.filter((f) => f.get('role') === 'before').length, after: features.filter((f) => f.get('role') === 'after').length };
  }

  clear(): void {
    this.source.clear();
  }

  destroy(): void {
    this.map.removeLayer(this.layer);
  }

  private add(geometry: NonNullable<Geometry>, role: 'before' | 'after'): Feature {
    const projection = this.map.getView().getProjection();
    const feature = new Feature(this.format.readGeometry(geometry, { dataProjection: 'EPSG:4326', featureProjection: projection }) ?? undefined);
    feature.set('role', role);
    this.source.addFeature(feature);
    return feature;
  }

  private fit(): void {
    const features = this.source.getFeatures();
    if (!features.length) return;
    const extent = createEmpty();
    for (const f of features) {
      const g = f.getGeometry();
      if (g) extend(extent, g.getExtent());
    }
    // The side panel covers the left 320 px and the history panel the right 460 px.
    this.map.getView().fit(extent, { maxZoom: 18, padding: [80, 500, 60, 340], duration: 250 });
  }
}
