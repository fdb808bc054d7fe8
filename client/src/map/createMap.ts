/** Creates the one OpenLayers map of the application. */
import Map from 'ol/Map';
import View from 'ol/View';
import { defaults as defaultControls, ScaleLine } from 'ol/control';
import { fromLonLat } from 'ol/proj';
import { register } from 'ol/proj/proj4';
import { registerVn2000 } from '../lib/crs';

/** Đà Nẵng's centre (Hải Châu, by the Hàn river) in degrees, and a zoom that shows the urban districts. */
export const DANANG_CENTER_LONLAT: [number, number] = [108.2, 16.05];
export const DANANG_ZOOM = 12;

/** Creates the map in `target` with a Web Mercator view centred on Đà Nẵng; layers are added by controllers. */
export function createMap(target: HTMLElement): Map {
  // Let OpenLayers transform to and from VN-2000 too (tools reading EPSG:5899 coordinates use it).
  register(registerVn2000());
  return new Map({
    target,
    controls: defaultControls({ rotate: false, attributionOptions: { collapsible: true } }).extend([
      new ScaleLine({ units: 'metric' }),
    ]),
    view: new View({
      projection: 'EPSG:3857',
      center: fromLonLat(DANANG_CENTER_LONLAT),
      zoom: DANANG_ZOOM,
      minZoom: 8,
      maxZoom: 21,
      constrainResolution: false,
    }),
  });
}
