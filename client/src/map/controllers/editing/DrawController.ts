/**
 * Draws one new geometry of a collection's type (point, line or polygon); the drawn geometry is handed over and
 * the sketch cleared, so the edit layer shows the new feature from then on.
 */
import type Map from 'ol/Map';
import Draw from 'ol/interaction/Draw';
import VectorSource from 'ol/source/Vector';
import type { Geometry } from 'ol/geom';

export type DrawType = 'Point' | 'LineString' | 'Polygon';

export class DrawController {
  private readonly source = new VectorSource();
  private readonly draw: Draw;

  constructor(
    private readonly map: Map,
    type: DrawType,
    onDrawn: (geometry: Geometry) => void,
  ) {
    this.draw = new Draw({ source: this.source, type });
    this.draw.on('drawend', (e) => {
      const geometry = e.feature.getGeometry();
      // The source keeps nothing: the new feature lives in the edit layer.
      setTimeout(() => this.source.clear());
      if (geometry) onDrawn(geometry.clone());
    });
    map.addInteraction(this.draw);
  }

  /** Drops the sketch being drawn (Escape). */
  abort(): void {
    this.draw.abortDrawing();
  }

  /** Removes the last vertex of the sketch (Backspace). */
  removeLastPoint(): void {
    this.draw.removeLastPoint();
  }

  destroy(): void {
    this.map.removeInteraction(this.draw);
    this.source.clear();
  }
}
