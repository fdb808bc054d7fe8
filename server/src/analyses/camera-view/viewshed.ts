/**
 * Occlusion by buildings in 2.5D (footprint + height), by an angular sweep of rays from the camera.
 *
 * A ground point P at horizontal distance r is hidden when a building between the camera and P rises above the
 * line of sight from the lens (height h) to P. At distance d along the ray that line is h·(1 − d/r) high, so a
 * building of height H crossing the ray between d₁ and d₂ hides the ground from d₁ on to
 *   r = d₂ · h / (h − H)   when H < h   (the near ground behind a low building; the far ground shows again)
 *   r = ∞                  when H ≥ h   (everything behind it).
 * Each ray collects these hidden intervals from the buildings it crosses; the R-tree (buildings.ts) hands it only
 * the buildings near the field of view, and each building only visits the rays within its angular extent.
 * Ground inside a footprint is never "seen" (the interval starts at d₁, the wall).
 */
import { buildingsIn, distanceToOutline, insideBuilding, type BuildingSet } from './buildings.js';
import { ZONE_LEVELS, type ZoneBand } from '../camera-optics/index.js';

const RAD = Math.PI / 180;

/** Default ray spacing: at most this many degrees apart, and this many metres apart at the far edge. */
export const DEFAULT_MAX_STEP_DEG = 0.5;
export const DEFAULT_MAX_CHORD_M = 1;

/** Where the camera is and what the optics module says it can resolve. Lengths in metres, angles in degrees. */
export interface ViewInput {
  x: number;
  y: number;
  mountHeightM: number;
  headingDeg: number;
  hfovDeg: number;
  /** Zone bands fine to coarse (camera-optics `opticsSummary().bands`). */
  bands: readonly ZoneBand[];
}

export interface ViewOptions {
  /** Largest gap between neighbouring rays at the far edge, metres (default 1). */
  maxChordM?: number;
  /** Largest angle between rays, degrees (default 0.5). */
  maxStepDeg?: number;
  /**
   * A camera this close (m) to a footprint's outline is on its façade: that building does not hide its view
   * (default 0.5). Deeper inside and below the roof, the camera sees nothing.
   */
  facadeToleranceM?: number;
}

/** A camera found inside a building, below its roof. */
export interface InsideBuilding {
  buildingId: string | undefined;
  buildingHeightM: number;
  depthM: number;
}

/**
 * The visible ground of one camera: per ray i, sorted (from, to) distance pairs (m) in
 * vis[visStart[i]] … vis[visStart[i + 1] − 1] (flat, so that a city of cameras allocates little).
 */
export interface Viewshed {
  x: number;
  y: number;
  /** Bearing of ray 0 (radians, clockwise from north) and the angle between rays. */
  angle0: number;
  step: number;
  rays: number;
  vis: Float64Array;
  visStart: Int32Array;
  bands: readonly ZoneBand[];
  nearM: number;
  farM: number;
  /** Index into ZONE_LEVELS of each band (fine to coarse, like `bands`). */
  bandLevel: Int8Array;
  inside: InsideBuilding | null;
  /** Façade building ignored as an occluder (its index in the set), or -1. */
  hostBuilding: number;
  /** How many buildings the R-tree handed over (a measure of the work). */
  candidates: number;
}

/** Computes which ground each ray of the camera sees within its bands, given the buildings. */
export function computeViewshed(view: ViewInput, set: BuildingSet, options: ViewOptions = {}): Viewshed {
  const { maxChordM = DEFAULT_MAX_CHORD_M, maxStepDeg = DEFAULT_MAX_STEP_DEG, facadeToleranceM = 0.5 } = options;
  const bands = view.bands;
  const nearM = bands.length ? bands[0].fromM : 0;
  const farM = bands.length ? bands[bands.length - 1].toM : 0;
  const width = view.hfovDeg * RAD;
  const wantedStep = Math.min(maxStepDeg * RAD, farM > 0 ? maxChordM / farM : maxStepDeg * RAD);
  const rays = Math.min(4096, Math.max(2, Math.ceil(width / wantedStep) + 1));
  const step = width / (rays - 1);
  const angle0 = view.headingDeg * RAD - width / 2;
  const shed: Viewshed = {
    x: view.x, y: view.y, angle0, step, rays, vis: EMPTY, visStart: new Int32Array(rays + 1), bands, nearM, farM,
    bandLevel: Int8Array.from(bands.map((b) => ZONE_LEVELS.indexOf(b.level))),
    inside: null, hostBuilding: -1, candidates: 0,
  };
  const hidden = new HiddenIntervals();
  // Beyond blockedAt[i] a building at least as tall as the mast hides everything: later buildings can stop there.
  const blockedAt = new Float64Array(rays).fill(farM);
  if (farM > 0) {
    const candidates = sectorCandidates(view, set, angle0, width, farM);
    shed.candidates = candidates.length;
    for (const b of candidates) {
      const inside = insideBuilding(set, b, view.x, view.y);
      if (inside) {
        const depthM = distanceToOutline(set, b, view.x, view.y);
        if (depthM <= facadeToleranceM) {
          shed.hostBuilding = b;
          continue;
        }
        if (set.heightM[b] >= view.mountHeightM) {
          shed.inside = { buildingId: set.ids[b], buildingHeightM: set.heightM[b], depthM };
          break;
        }
      }
      shadowBuilding(shed, set, b, inside, view.mountHeightM, hidden, blockedAt);
    }
  }
  if (!shed.inside) complements(shed, hidden, blockedAt);
  return shed;
}

const EMPTY = new Float64Array(0);

/** Hidden (ray, from, to) triples of one camera, in flat growable arrays. */
class HiddenIntervals {
  ray: number[] = [];
  from: number[] = [];
  to: number[] = [];

  push(ray: number, from: number, to: number): void {
    this.ray.push(ray);
    this.from.push(from);
    this.to.push(to);
  }
}

/** Fills the viewshed's visible pairs: [near, min(far, blocked)] minus each ray's hidden intervals. */
function complements(shed: Viewshed, hidden: HiddenIntervals, blockedAt: Float64Array): void {
  const n = hidden.ray.length;
  // Group the hidden intervals by ray (counting sort), then sort each ray's few by their start.
  const count = new Int32Array(shed.rays + 1);
  for (let k = 0; k < n; k++) count[hidden.ray[k] + 1]++;
  for (let i = 0; i < shed.rays; i++) count[i + 1] += count[i];
  const order = new Int32Array(n);
  const fill = count.slice(0, shed.rays);
  for (let k = 0; k < n; k++) order[fill[hidden.ray[k]]++] = k;
  const out = new Float64Array(2 * (shed.rays + n));
  let w = 0;
  for (let i = 0; i < shed.rays; i++) {
    shed.visStart[i] = w;
    const far = Math.min(shed.farM, blockedAt[i]);
    if (far <= shed.nearM) continue;
    const a = count[i], b = count[i + 1];
    for (let p = a + 1; p < b; p++) {
      const k = order[p];
      let q = p - 1;
      while (q >= a && hidden.from[order[q]] > hidden.from[k]) {
        order[q + 1] = order[q];
        q--;
      }
      order[q + 1] = k;
    }
    let cursor = shed.nearM;
    for (let p = a; p < b && cursor < far; p++) {
      const from = hidden.from[order[p]];
      if (from > cursor) {
        out[w++] = cursor;
        out[w++] = Math.min(from, far);
      }
      cursor = Math.max(cursor, hidden.to[order[p]]);
    }
    if (cursor < far) {
      out[w++] = cursor;
      out[w++] = far;
    }
  }
  shed.visStart[shed.rays] = w;
  shed.vis = out.subarray(0, w);
}

/** Buildings whose box meets the sector's box (the sector: apex at the camera, radius farM). */
function sectorCandidates(view: ViewInput, set: BuildingSet, angle0: number, width: number, farM: number): number[] {
  let minX = view.x, maxX = view.x, minY = view.y, maxY = view.y;
  const extend = (a: number) => {
    const px = view.x + farM * Math.sin(a), py = view.y + farM * Math.cos(a);
    minX = Math.min(minX, px); maxX = Math.max(maxX, px); minY = Math.min(minY, py); maxY = Math.max(maxY, py);
  };
  extend(angle0);
  extend(angle0 + width);
  // The arc bulges past its end points where it crosses a compass direction.
  for (let k = Math.ceil(angle0 / (Math.PI / 2)); k * (Math.PI / 2) <= angle0 + width; k++) extend(k * (Math.PI / 2));
  return buildingsIn(set, minX, minY, maxX, maxY);
}

/** Adds building b's shadow to every ray within its angular extent. */
function shadowBuilding(shed: Viewshed, set: BuildingSet, b: number, inside: boolean, h: number, hidden: HiddenIntervals, blockedAt: Float64Array): void {
  const { xy } = set;
  const first = set.start[b], last = set.start[b + 1];
  const centre = shed.angle0 + ((shed.rays - 1) * shed.step) / 2;
  let lo = Infinity, hi = -Infinity;
  for (let j = first; j < last; j++) {
    const rel = wrap(Math.atan2(xy[2 * j] - shed.x, xy[2 * j + 1] - shed.y) - centre);
    if (rel < lo) lo = rel;
    if (rel > hi) hi = rel;
  }
  const half = ((shed.rays - 1) * shed.step) / 2;
  let i0 = 0, i1 = shed.rays - 1;
  if (!inside && hi - lo < Math.PI) {
    i0 = Math.max(0, Math.ceil((lo + half) / shed.step - 1e-9));
    i1 = Math.min(shed.rays - 1, Math.floor((hi + half) / shed.step + 1e-9));
  }
  const tall = set.heightM[b] >= h;
  const stretch = tall ? Infinity : h / (h - set.heightM[b]);
  for (let i = i0; i <= i1; i++) {
    const a = shed.angle0 + i * shed.step;
    const ux = Math.sin(a), uy = Math.cos(a);
    let n = 0;
    for (let j = first, k = last - 1; j < last; k = j++) {
      const px = xy[2 * k] - shed.x, py = xy[2 * k + 1] - shed.y;
      const dx = xy[2 * j] - xy[2 * k], dy = xy[2 * j + 1] - xy[2 * k + 1];
      const denom = ux * dy - uy * dx;
      if (denom === 0) continue;
      const s = (px * uy - py * ux) / denom;
      if (s < 0 || s >= 1) continue;
      const t = (px * dy - py * dx) / denom;
      if (t <= 0) continue;
      if (n + 2 >= hits.length) hits = grow(hits);
      // Insertion keeps the crossings sorted (a footprint has few).
      let q = n++;
      while (q > 0 && hits[q] > t) q--;
      hits.copyWithin(q + 2, q + 1, n);
      hits[q + 1] = t;
    }
    if (n === 0) continue;
    // From outside, crossings pair up as (in, out); from inside the first crossing is the way out. hits[0] is
    // the camera itself (distance 0) and is skipped from outside.
    for (let m = inside ? 0 : 1; m + 1 <= n; m += 2) {
      const from = hits[m];
      if (from >= blockedAt[i]) break;
      if (tall) {
        blockedAt[i] = from;
        break;
      }
      hidden.push(i, from, hits[m + 1] * stretch);
    }
  }
}

/** Crossing distances of one ray with one footprint; hits[0] = 0 stands for the camera. */
let hits: Float64Array = new Float64Array(64);

function grow(a: Float64Array): Float64Array {
  const bigger = new Float64Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

/** An angle in (−π, π]. */
function wrap(a: number): number {
  while (a > Math.PI) a -= 2 * Math.PI;
  while (a <= -Math.PI) a += 2 * Math.PI;
  return a;
}

/**
 * The zone level (index into ZONE_LEVELS) at which the camera sees the ground point (x, y), or -1 when it does
 * not see it: outside the sector or the bands, or hidden. Uses the nearest ray.
 */
export function levelAt(shed: Viewshed, x: number, y: number): number {
  const dx = x - shed.x, dy = y - shed.y;
  const r = Math.hypot(dx, dy);
  if (r < shed.nearM || r > shed.farM || shed.bands.length === 0) return -1;
  const span = (shed.rays - 1) * shed.step;
  const rel = wrap(Math.atan2(dx, dy) - (shed.angle0 + span / 2)) + span / 2;
  if (rel < 0 || rel > span) return -1;
  const ray = Math.round(rel / shed.step);
  const v = shed.vis;
  let seen = false;
  for (let m = shed.visStart[ray]; m < shed.visStart[ray + 1]; m += 2) {
    if (r < v[m]) break;
    if (r <= v[m + 1]) {
      seen = true;
      break;
    }
  }
  if (!seen) return -1;
  for (let k = 0; k < shed.bands.length; k++) if (r <= shed.bands[k].toM) return shed.bandLevel[k];
  return -1;
}
