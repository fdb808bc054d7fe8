/** The map's visible extent in WGS 84 lon/lat, for requests that take a CRS84 bbox (exports). */
import type Map from 'ol/Map';
import { transformExtent } from 'ol/proj';

/** [minLon, minLat, maxLon, maxLat] in degrees of what the map shows, or undefined before it has a size. */
export function viewExtentLonLat(map: Map): [number, number, number, number] | undefined {
  const size = map.getSize();
  if (!size) return undefined;
  const [a, b, c, d] = transformExtent(map.getView().calculateExtent(size), map.getView().getProjection(), 'EPSG:4326');
  return [Math.max(a, -180), Math.max(b, -90), Math.min(c, 180), Math.min(d, 90)];
}
