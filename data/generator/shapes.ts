import { dist, ringArea, toXY, type Poly, type Ring, type XY } from './plane.js';

/** Small shape builders for hand-placed features; positions in lon/lat, sizes in metres, angles in degrees. */

/** Lon/lat pairs to a local-plane point list. */
export const xyOf = (lonlat: readonly (readonly [number, number])[]): XY[] => lonlat.map(([lon, lat]) => toXY(lon, lat));

/** A closed counter-clockwise ring through the given points. */
export function closeRing(points: XY[]): Ring {
  const ring = [...points, points[0]];
  return ringArea(ring) < 0 ? ring.reverse() : ring;
}

/** A rectangle centred on `c`, `length` along compass bearing `bearingDeg`, `width` across. */
export function rectangle(c: XY, length: number, width: number, bearingDeg: number): Poly {
  // Hot path (hundreds of thousands of calls): no closures, the ring is built counter-clockwise directly.
  const a = (bearingDeg * Math.PI) / 180;
  const ux = (Math.sin(a) * length) / 2;
  const uy = (Math.cos(a) * length) / 2;
  const vx = (Math.cos(a) * width) / 2;
  const vy = (-Math.sin(a) * width) / 2;
  const p0: XY = [c[0] - ux - vx, c[1] - uy - vy];
  const p1: XY = [c[0] + ux - vx, c[1] + uy - vy];
  const p2: XY = [c[0] + ux + vx, c[1] + uy + vy];
  const p3: XY = [c[0] - ux + vx, c[1] - uy + vy];
  // u × v < 0 (v is u turned clockwise), so p0 p1 p2 p3 runs clockwise: list it the other way round.
  return [[p0, p3, p2, p1, p0]];
}

/** An ellipse with semi-axes rx (along `bearingDeg`) and ry, as a 32-gon. */
export function ellipse(c: XY, rx: number, ry: number, bearingDeg = 0): Poly {
  const a = (bearingDeg * Math.PI) / 180;
  const pts: XY[] = [];
  for (let k = 0; k < 32; k++) {
    const t = (2 * Math.PI * k) / 32;
    const s = rx * Math.cos(t);
    const q = ry * Math.sin(t);
    pts.push([c[0] + s * Math.sin(a) + q * Math.cos(a), c[1] + s * Math.cos(a) - q * Math.sin(a)]);
  }
  return [closeRing(pts)];
}

/**
 * The polyline moved sideways by `d` metres (positive = to the left of its direction), mitred at the joints
 * with the mitre capped at 2·|d| so that sharp corners do not throw spikes.
 */
export function offsetLine(line: XY[], d: number): XY[] {
  return line.map((p, i) => {
    const n0 = i > 0 ? leftNormal(line[i - 1], p) : null;
    const n1 = i + 1 < line.length ? leftNormal(p, line[i + 1]) : null;
    const n = n0 && n1 ? normalise([n0[0] + n1[0], n0[1] + n1[1]]) : (n0 ?? n1)!;
    const cos = n0 && n1 ? Math.max(0.5, n[0] * n0[0] + n[1] * n0[1]) : 1;
    return [p[0] + (n[0] * d) / cos, p[1] + (n[1] * d) / cos];
  });
}

/** A band of width `width` along a polyline (a river), as one polygon. */
export function band(line: XY[], width: number): Poly {
  return [closeRing([...offsetLine(line, width / 2), ...offsetLine(line, -width / 2).reverse()])];
}

function leftNormal(a: XY, b: XY): XY {
  const l = dist(a, b) || 1;
  return [-(b[1] - a[1]) / l, (b[0] - a[0]) / l];
}

function normalise(v: XY): XY {
  const l = Math.hypot(v[0], v[1]) || 1;
  return [v[0] / l, v[1] / l];
}

/**
 * The run of outline vertices from the one nearest `from` to the one nearest `to`, following the ring's
 * order (wrapping around its end). Used to follow the real coast and river banks.
 */
export function outlineRun(ring: Ring, from: XY, to: XY): XY[] {
  const nearest = (p: XY) => ring.slice(0, -1).reduce((best, q, k) => (dist(q, p) < dist(ring[best], p) ? k : best), 0);
  const n = ring.length - 1;
  const i = nearest(from);
  const j = nearest(to);
  const run: XY[] = [];
  for (let k = i; ; k = (k + 1) % n) {
    run.push(ring[k]);
    if (k === j) break;
  }
  return run;
}
