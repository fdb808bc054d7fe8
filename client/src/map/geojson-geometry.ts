/** GeoJSON geometries (lon/lat degrees, as the API stores them) to and from the map's OpenLayers geometries. */
import type Map from 'ol/Map';
import GeoJSON from 'ol/format/GeoJSON';
import type { Geometry } from 'ol/geom';
import type { Geometry as GeoJsonGeometry } from '../api/editing';

const format = new GeoJSON();

/** An API geometry as an OpenLayers geometry in the map's projection. */
export function readGeometry(geometry: GeoJsonGeometry, map: Map): Geometry {
  const read = format.readGeometry(geometry, { dataProjection: 'EPSG:4326', featureProjection: map.getView().getProjection() });
  if (!read) throw new Error(`Unreadable ${geometry.type} geometry`);
  return read;
}

/** An OpenLayers geometry of the map as a GeoJSON geometry in lon/lat degrees. */
export function writeGeometry(geometry: Geometry, map: Map): GeoJsonGeometry {
  return format.writeGeometryObject(geometry, { dataProjection: 'EPSG:4326', featureProjection: map.getView().getProjection() }) as GeoJsonGeometry;
}
