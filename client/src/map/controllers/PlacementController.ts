/** Placement suggestions on the map: a numbered marker per suggested camera and its Recognition-or-better zone. */
import type Map from 'ol/Map';
import Feature from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import { Point } from 'ol/geom';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { fromLonLat } from 'ol/proj';
import { createEmpty, extend, isEmpty } from 'ol/extent';
import type { Suggestion } from '../../api/cctv';
import { suggestionStyle } from '../styles/cctv';

export class PlacementController {
  private readonly source = new VectorSource();
  private readonly layer = new VectorLayer({ source: this.source, style: suggestionStyle, zIndex: 950 });

  constructor(private readonly map: Map) {
    map.addLayer(this.layer);
  }

  /** Draws the suggestions; `accepted` holds the ranks already put into a plan, `selected` the one to stress. */
  show(suggestions: readonly Suggestion[], accepted: ReadonlySet<number>, selected: number | null): void {
    this.source.clear();
    const projection = this.map.getView().getProjection();
    const format = new GeoJSON();
    for (const s of suggestions) {
      const flags = { rank: s.rank, accepted: accepted.has(s.rank), selected: selected === s.rank };
      const zone = new Feature(format.readGeometry(s.zone, { dataProjection: 'EPSG:4326', featureProjection: projection }) ?? undefined);
      zone.setProperties(flags);
      const marker = new Feature(new Point(fromLonLat([s.lon, s.lat])));
      marker.setProperties(flags);
      this.source.addFeatures([zone, marker]);
    }
  }

  /** Zooms to the suggestions. */
  fit(): void {
    const extent = createEmpty();
    for (const f of this.source.getFeatures()) extend(extent, f.getGeometry()!.getExtent());
    if (!isEmpty(extent)) this.map.getView().fit(extent, { padding: [60, 360, 60, 340], maxZoom: 18, duration: 300 });
  }

  clear(): void {
    this.source.clear();
  }

  destroy(): void {
    this.map.removeLayer(this.layer);
  }
}
