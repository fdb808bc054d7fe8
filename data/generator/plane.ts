/**
 * The generator works in a local plane in metres (an equirectangular projection centred on Đà Nẵng) so that
 * spacings, areas and headings are metric; features are converted to WGS 84 lon/lat only on output.
 * Over the city (±40 km) the scale error of this plane stays under 0.1 %.
 */

export type XY = [number, number];
export type Ring = XY[];
/** Outer ring first, then holes; rings closed (first point repeated last), as in GeoJSON. */
export type Poly = Ring[];
export type MultiPoly = Poly[];

const ORIGIN_LON = 108.15;
const ORIGIN_LAT = 16.07;
/** Length of one degree at the origin latitude, metres (WGS 84 series expansion). */
const LAT_RAD = (ORIGIN_LAT * Math.PI) / 180;
const M_PER_DEG_LAT = 111132.954 - 559.822 * Math.cos(2 * LAT_RAD) + 1.175 * Math.cos(4 * LAT_RAD);
const M_PER_DEG_LON = 111412.84 * Math.cos(LAT_RAD) - 93.5 * Math.cos(3 * LAT_RAD) + 0.118 * Math.cos(5 * LAT_RAD);

/** WGS 84 lon/lat (degrees) to the local plane (metres east, north). */
export function toXY(lon: number, lat: number): XY {
  return [(lon - ORIGIN_LON) * M_PER_DEG_LON, (lat - ORIGIN_LAT) * M_PER_DEG_LAT];
}

/** Local plane (metres) to lon/lat degrees, rounded to 1e-7° (about 1 cm) to keep the files small. */
export function toLonLat([x, y]: XY): [number, number] {
  return [round7(ORIGIN_LON + x / M_PER_DEG_LON), round7(ORIGIN_LAT + y / M_PER_DEG_LAT)];
}

/** The local-plane point whose lon/lat is p's rounded lon/lat (what the output file will hold). */
export function snapToOutputGrid(p: XY): XY {
  const [lon, lat] = toLonLat(p);
  return toXY(lon, lat);
}

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}

/** Euclidean distance, metres. */
export function dist(a: XY, b: XY): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/** Compass bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: XY, b: XY): number {
  const deg = (Math.atan2(b[0] - a[0], b[1] - a[1]) * 180) / Math.PI;
  return normaliseDeg(deg);
}

/** Any angle in degrees folded into [0, 360). */
export function normaliseDeg(deg: number): number {
  const d = ((deg % 360) + 360) % 360;
  return d >= 360 ? 0 : d;
}

/** The point `metres` away from p along compass bearing `deg`. */
export function offset(p: XY, deg: number, metres: number): XY {
  const rad = (deg * Math.PI) / 180;
  return [p[0] + metres * Math.sin(rad), p[1] + metres * Math.cos(rad)];
}

/** Linear interpolation between a and b at fraction t. */
export function lerp(a: XY, b: XY, t: number): XY {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** Signed area of a closed ring, m² (positive when counter-clockwise). */
export function ringArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

/** Area of a polygon with holes, m². */
export function polyArea(poly: Poly): number {
  return poly.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringArea(ring)), 0);
}

/** Area of a multipolygon, m². */
export function multiArea(mp: MultiPoly): number {
  return mp.reduce((sum, p) => sum + polyArea(p), 0);
}

/** Area-weighted centroid of a polygon's outer ring. */
export function ringCentroid(ring: Ring): XY {
  let cx = 0;
  let cy = 0;
  let a = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const f = ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    cx += (ring[i][0] + ring[i + 1][0]) * f;
    cy += (ring[i][1] + ring[i + 1][1]) * f;
    a += f;
  }
  return a === 0 ? ring[0] : [cx / (3 * a), cy / (3 * a)];
}

/** Even-odd point-in-polygon over every ring of every part (parts must not overlap). */
export function pointInMulti(p: XY, mp: MultiPoly): boolean {
  let inside = false;
  for (const poly of mp) for (const ring of poly) if (crossesOdd(p, ring)) inside = !inside;
  return inside;
}

/** Point-in-polygon for one polygon with holes. */
export function pointInPoly(p: XY, poly: Poly): boolean {
  let inside = false;
  for (const ring of poly) if (crossesOdd(p, ring)) inside = !inside;
  return inside;
}

function crossesOdd([x, y]: XY, ring: Ring): boolean {
  let odd = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

/** Bounding box [minX, minY, maxX, maxY] of any set of points. */
export function bbox(points: Iterable<XY>): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
  }
  return b;
}

/** Every vertex of a multipolygon (for bounding boxes). */
export function* multiPoints(mp: MultiPoly): Iterable<XY> {
  for (const poly of mp) for (const ring of poly) yield* ring;
}

/** Distance from p to segment ab, metres. */
export function segmentDistance(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
}

/** Length of a polyline, metres. */
export function lineLength(line: XY[]): number {
  let s = 0;
  for (let i = 1; i < line.length; i++) s += dist(line[i - 1], line[i]);
  return s;
}
