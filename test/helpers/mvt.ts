import { PbfReader } from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';

/** Decodes one layer of a Mapbox Vector Tile to GeoJSON features in lon/lat. */
export function decodeLayer(tile: Uint8Array, layerName: string, z: number, x: number, y: number) {
  const layer = new VectorTile(new PbfReader(tile)).layers[layerName];
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i).toGeoJSON(x, y, z));
}

/** XYZ tile containing a lon/lat point at zoom z (Web Mercator). */
export function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x, y };
}
