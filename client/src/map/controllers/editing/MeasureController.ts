/**
 * Geodesic measuring: a line's length or an area's surface on the WGS 84 sphere (ol/sphere: the haversine
 * length and the spherical-excess area of the drawn shape), updated while drawing and labelled on the map.
 */
import type Map from 'ol/Map';
import Draw from 'ol/interaction/Draw';
import VectorLayer from 'ol/layer/Vector';
import VectorSource from 'ol/source/Vector';
import type { Geometry } from 'ol/geom';
import { getArea, getLength } from 'ol/sphere';
import { unByKey } from 'ol/Observable';
import type { EventsKey } from 'ol/events';
import { measureStyle } from '../../styles/editing';

export type MeasureMode = 'distance' | 'area';

/** A measurement: metres for a distance, square metres for an area. */
export interface Measurement {
  mode: MeasureMode;
  value: number;
}

const MEASURE_Z = 1200;

/** Length in metres or area in square metres of a geometry in `projection`, measured on the sphere. */
export function measure(geometry: Geometry, mode: MeasureMode, projection: string): number {
  return mode === 'area' ? getArea(geometry, { projection }) : getLength(geometry, { projection });
}

export class MeasureController {
  private readonly source = new VectorSource();
  private readonly layer: VectorLayer;
  private readonly draw: Draw;
  private change?: EventsKey;
  private label = '';

  constructor(
    private readonly map: Map,
    mode: MeasureMode,
    format: (m: Measurement) => string,
    onMeasure: (m: Measurement) => void,
  ) {
    const projection = map.getView().getProjection().getCode();
    this.layer = new VectorLayer({ source: this.source, style: measureStyle(() => this.label), zIndex: MEASURE_Z });
    this.draw = new Draw({ source: this.source, type: mode === 'area' ? 'Polygon' : 'LineString', style: measureStyle(() => this.label) });
    const report = (geometry: Geometry) => {
      const m = { mode, value: measure(geometry, mode, projection) };
      this.label = format(m);
      onMeasure(m);
    };
    this.draw.on('drawstart', (e) => {
      this.source.clear();
      const geometry = e.feature.getGeometry();
      if (geometry) this.change = geometry.on('change', () => report(geometry));
    });
    this.draw.on('drawend', (e) => {
      if (this.change) unByKey(this.change);
      const geometry = e.feature.getGeometry();
      if (geometry) report(geometry);
    });
    map.addLayer(this.layer);
    map.addInteraction(this.draw);
  }

  /** Drops the measurement being drawn (Escape). */
  abort(): void {
    this.draw.abortDrawing();
  }

  destroy(): void {
    if (this.change) unByKey(this.change);
    this.map.removeInteraction(this.draw);
    this.map.removeLayer(this.layer);
  }
}
