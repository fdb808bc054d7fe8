/** Reports the pointer position (WGS 84 degrees) and the view's zoom and scale as they change. */
import type Map from 'ol/Map';
import type MapBrowserEvent from 'ol/MapBrowserEvent';
import { getPointResolution, toLonLat } from 'ol/proj';
import { unByKey } from 'ol/Observable';
import type { EventsKey } from 'ol/events';

export interface ViewInfo {
  zoom: number;
  /** Map scale 1 : scaleDenominator at the view centre, for a 96 dpi screen. */
  scaleDenominator: number;
}

// Metres per CSS pixel → scale denominator: 96 pixels per inch, 0.0254 m per inch.
const PIXELS_PER_METRE = 96 / 0.0254;

export class PointerController {
  private readonly keys: EventsKey[];

  constructor(
    private readonly map: Map,
    onPointer: (lonLatDeg: [number, number]) => void,
    onView: (info: ViewInfo) => void,
  ) {
    const view = map.getView();
    const emitView = () => onView(this.viewInfo());
    this.keys = [
      map.on('pointermove', (e: MapBrowserEvent) => {
        if (e.dragging) return;
        const [lon, lat] = toLonLat(e.coordinate, view.getProjection());
        onPointer([lon, lat]);
      }),
      map.on('moveend', emitView),
    ];
    // Until the pointer enters the map, the status bar shows the centre.
    const center = view.getCenter();
    if (center) {
      const [lon, lat] = toLonLat(center, view.getProjection());
      onPointer([lon, lat]);
    }
    emitView();
  }

  private viewInfo(): ViewInfo {
    const view = this.map.getView();
    const resolution = view.getResolution() ?? 1;
    const center = view.getCenter() ?? [0, 0];
    const metresPerPixel = getPointResolution(view.getProjection(), resolution, center, 'm');
    return { zoom: view.getZoom() ?? 0, scaleDenominator: metresPerPixel * PIXELS_PER_METRE };
  }

  /** Stops listening. */
  destroy(): void {
    unByKey(this.keys);
  }
}
