/** Reads and sets the map view as plain numbers (WGS 84 centre and zoom), for links that reopen the same view. */
import type Map from 'ol/Map';
import { fromLonLat, toLonLat } from 'ol/proj';
import { unByKey } from 'ol/Observable';
import type { EventsKey } from 'ol/events';
import type { MapView } from '../../lib/url-state';

export class ViewStateController {
  private readonly key: EventsKey;

  constructor(
    private readonly map: Map,
    onChange: (view: MapView) => void,
  ) {
    this.key = map.on('moveend', () => {
      const view = this.current();
      if (view) onChange(view);
    });
  }

  /** The view's centre (degrees) and zoom, or undefined before the view has a centre. */
  current(): MapView | undefined {
    const view = this.map.getView();
    const center = view.getCenter();
    if (!center) return undefined;
    const [lon, lat] = toLonLat(center, view.getProjection());
    return { lon, lat, zoom: view.getZoom() ?? 0 };
  }

  /** Moves the view to a centre (degrees) and zoom. */
  apply(view: MapView): void {
    this.map.getView().setCenter(fromLonLat([view.lon, view.lat], this.map.getView().getProjection()));
    this.map.getView().setZoom(view.zoom);
  }

  /** Stops listening. */
  destroy(): void {
    unByKey(this.key);
  }
}
