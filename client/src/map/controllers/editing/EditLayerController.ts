/**
 * The layer of the feature being edited (its full geometry from the items API, not the clipped tile copy) and,
 * for a camera, its field-of-view sector. The vertex and move tools act on `editable`, which holds the feature
 * while there is one; the sector is drawn only.
 */
import type Map from 'ol/Map';
import Collection from 'ol/Collection';
import Feature from 'ol/Feature';
import Polygon from 'ol/geom/Polygon';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import { fromLonLat } from 'ol/proj';
import type { Geometry as GeoJsonGeometry } from '../../../api/editing';
import { readGeometry, writeGeometry } from '../../geojson-geometry';
import { editStyle } from '../../styles/editing';

const EDIT_Z = 1100;

export class EditLayerController {
  /** The edited feature, while there is one: what the vertex and move tools change. */
  readonly editable = new Collection<Feature>();
  readonly feature = new Feature();
  private readonly sector = new Feature({ role: 'fov' });
  private readonly source = new VectorSource();
  private readonly layer = new VectorLayer({ source: this.source, style: editStyle(), zIndex: EDIT_Z });

  constructor(private readonly map: Map) {
    map.addLayer(this.layer);
  }

  /** Shows a feature's geometry (null: nothing is edited); `draft` for a feature not saved yet. */
  show(geometry: GeoJsonGeometry | null, draft: boolean): void {
    this.feature.set('role', draft ? 'draft' : 'saved');
    if (!geometry) {
      this.feature.setGeometry(undefined);
      if (this.source.hasFeature(this.feature)) this.source.removeFeature(this.feature);
      this.editable.clear();
      return;
    }
    this.feature.setGeometry(readGeometry(geometry, this.map));
    if (!this.source.hasFeature(this.feature)) this.source.addFeature(this.feature);
    if (this.editable.getLength() === 0) this.editable.push(this.feature);
  }

  /** The edited geometry as it is now, in lon/lat. */
  geometry(): GeoJsonGeometry | null {
    const geometry = this.feature.getGeometry();
    return geometry ? writeGeometry(geometry, this.map) : null;
  }

  /** Draws a camera's field of view (polygon rings in lon/lat), or removes it with null. */
  showSector(ringsLonLat: number[][][] | null): void {
    if (!ringsLonLat) {
      if (this.source.hasFeature(this.sector)) this.source.removeFeature(this.sector);
      return;
    }
    this.sector.setGeometry(new Polygon(ringsLonLat.map((ring) => ring.map((p) => fromLonLat(p, this.map.getView().getProjection())))));
    if (!this.source.hasFeature(this.sector)) this.source.addFeature(this.sector);
  }

  destroy(): void {
    this.map.removeLayer(this.layer);
    this.source.clear();
    this.editable.clear();
  }
}
