/**
 * Snapping onto vector-tile features. A tile holds each polygon clipped to the tile plus a 64-pixel buffer (see
 * server/src/features/tiles/sql/tile-clipped.sql, and the MVT encoder of PostGIS), so the rings gain edges along
 * the buffer's border that do not exist in the data. Those edges are dropped before snapping: what remains are
 * polylines along the real outline.
 */

export type Coordinate = number[];

/** Half the width of the Web Mercator square (EPSG:3857), in metres. */
const HALF_WORLD_M = 20037508.342789244;

/** Tile buffer and extent used by the server's tiles (in tile units). */
export const TILE_BUFFER_UNITS = 64;
export const TILE_EXTENT_UNITS = 4096;

/**
 * A test telling whether segment a–b (EPSG:3857 metres) lies on the border of a buffered tile of zoom `z`: both
 * ends on one vertical or horizontal line `buffer` outside a tile edge.
 */
export function clipEdgeTest(z: number, bufferUnits = TILE_BUFFER_UNITS, extentUnits = TILE_EXTENT_UNITS): (a: Coordinate, b: Coordinate) => boolean {
  const span = (2 * HALF_WORLD_M) / 2 ** z;
  const unit = span / extentUnits;
  const buffer = bufferUnits * unit;
  const eps = unit / 8;
  const onBorder = (offset: number) => {
    const within = ((offset % span) + span) % span;
    return Math.abs(within - buffer) < eps || Math.abs(within - (span - buffer)) < eps;
  };
  return (a, b) => {
    if (Math.abs(a[0] - b[0]) < eps && onBorder(a[0] + HALF_WORLD_M)) return true;
    return Math.abs(a[1] - b[1]) < eps && onBorder(HALF_WORLD_M - a[1]);
  };
}

/** The rings' edges as polylines, without the edges `isClipEdge` names. */
export function ringsWithoutClipEdges(rings: Coordinate[][], isClipEdge: (a: Coordinate, b: Coordinate) => boolean): Coordinate[][] {
  const lines: Coordinate[][] = [];
  for (const ring of rings) {
    let current: Coordinate[] = [];
    for (let i = 0; i < ring.length - 1; i++) {
      const [a, b] = [ring[i], ring[i + 1]];
      if (isClipEdge(a, b)) {
        if (current.length >= 2) lines.push(current);
        current = [];
        continue;
      }
      if (current.length === 0) current.push(a);
      current.push(b);
    }
    if (current.length >= 2) lines.push(current);
  }
  // A ring cut only past its start gives two runs meeting there: two polylines snap the same as one.
  return lines;
}

/** The vertex of `coordinates` nearest to `point`, and its distance (same units as the coordinates). */
export function nearestVertex(coordinates: Coordinate[], point: Coordinate): { vertex: Coordinate; distance: number } | undefined {
  let best: { vertex: Coordinate; distance: number } | undefined;
  for (const c of coordinates) {
    const distance = Math.hypot(c[0] - point[0], c[1] - point[1]);
    if (!best || distance < best.distance) best = { vertex: c, distance };
  }
  return best;
}
