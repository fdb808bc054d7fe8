import vtpbf from 'vt-pbf';
import type { ClippedRow } from './tiles.repository.js';

/** MVT geometry types (specification 2.1, section 4.3.4). */
const POINT = 1;
const LINESTRING = 2;
const POLYGON = 3;

interface TileFeature {
  type: number;
  geometry: number[][][] | number[][];
  tags: Record<string, unknown>;
}

type Geometry = { type: string; coordinates: any; geometries?: Geometry[] };

/**
 * Encodes features already clipped and scaled to tile pixels (y down) as one MVT layer named `layerName`.
 * Rings keep the orientation PostGIS gave them (exterior positive, holes negative), which decoders use to
 * tell outer rings from holes.
 */
export function encodeTile(layerName: string, rows: ClippedRow[]): Buffer {
  const features: TileFeature[] = [];
  for (const { geojson, ...properties } of rows) {
    const feature = toTileFeature(JSON.parse(geojson) as Geometry, properties);
    if (feature) features.push(feature);
  }
  if (features.length === 0) return Buffer.alloc(0);
  return Buffer.from(vtpbf.fromGeojsonVt({ [layerName]: { features } } as never, { version: 2, extent: 4096 }));
}

function toTileFeature(geometry: Geometry, tags: Record<string, unknown>): TileFeature | undefined {
  const parts = flatten(geometry);
  const points = parts.filter((g) => g.type === 'Point').map((g) => g.coordinates);
  const lines = parts.filter((g) => g.type === 'LineString').map((g) => g.coordinates).filter((l) => l.length >= 2);
  const rings = parts.filter((g) => g.type === 'Polygon').flatMap((g) => g.coordinates).filter((r: number[][]) => r.length >= 4);
  // Clipping may leave a polygon's sliver as a line: keep the feature's main kind only.
  if (rings.length) return { type: POLYGON, geometry: rings, tags };
  if (lines.length) return { type: LINESTRING, geometry: lines, tags };
  if (points.length) return { type: POINT, geometry: points, tags };
  return undefined;
}

function flatten(g: Geometry): Geometry[] {
  switch (g.type) {
    case 'GeometryCollection':
      return (g.geometries ?? []).flatMap(flatten);
    case 'MultiPoint':
    case 'MultiLineString':
    case 'MultiPolygon':
      return g.coordinates.map((coordinates: unknown) => ({ type: g.type.slice(5), coordinates }));
    default:
      return [g];
  }
}
