/**
 * The building index of an area, kept between requests: while a planner drags a camera's heading, every request
 * asks about the same area, so the footprints are loaded and indexed once and only re-checked with a
 * fingerprint query (count, versions, last change of the buildings there) that reads no geometry.
 * Areas are 256 m cells grown by the camera's reach (rounded up to 64·2ⁿ m); one cache per database.
 */
import type { Knex } from 'knex';
import { buildBuildingSet, type BuildingSet } from './buildings.js';
import { buildingsFingerprint, selectBuildings, toLonLat, type MetricBox } from './repository.js';

const CELL_M = 256;
const MAX_AREAS = 16;

/**
 * EPSG:5899 → WGS 84 near a point: PostGIS's transformation expanded to second order around the area's centre
 * (a first-order fit is already 5 cm off 1.5 km away at this latitude; the quadratic one stays under 1 mm at 2 km).
 */
export interface LocalLonLat {
  x0: number;
  y0: number;
  /** Per output (lon, lat): value at the centre and ∂/∂x, ∂/∂y, ½∂²/∂x², ∂²/∂x∂y, ½∂²/∂y² (degrees, metres). */
  lon: number[];
  lat: number[];
}

/** Lon/lat (degrees) of a metric point within about 2 km of the expansion centre. */
export function lonLatOf(t: LocalLonLat, x: number, y: number): [number, number] {
  const dx = x - t.x0, dy = y - t.y0;
  const terms = [1, dx, dy, dx * dx, dx * dy, dy * dy];
  let lon = 0, lat = 0;
  for (let k = 0; k < 6; k++) {
    lon += t.lon[k] * terms[k];
    lat += t.lat[k] * terms[k];
  }
  return [lon, lat];
}

/** Fits the expansion by finite differences over PostGIS transforms of a 3 × 3 grid of points 500 m apart. */
export async function localLonLat(db: Knex, x0: number, y0: number): Promise<LocalLonLat> {
  const d = 500;
  const grid: [number, number][] = [];
  for (const j of [-1, 0, 1]) for (const i of [-1, 0, 1]) grid.push([x0 + i * d, y0 + j * d]);
  const out = await toLonLat(db, grid);
  const f = (axis: 0 | 1, i: number, j: number) => out[(j + 1) * 3 + (i + 1)][axis];
  const fit = (axis: 0 | 1) => [
    f(axis, 0, 0),
    (f(axis, 1, 0) - f(axis, -1, 0)) / (2 * d),
    (f(axis, 0, 1) - f(axis, 0, -1)) / (2 * d),
    (f(axis, 1, 0) - 2 * f(axis, 0, 0) + f(axis, -1, 0)) / (2 * d * d),
    (f(axis, 1, 1) - f(axis, 1, -1) - f(axis, -1, 1) + f(axis, -1, -1)) / (4 * d * d),
    (f(axis, 0, 1) - 2 * f(axis, 0, 0) + f(axis, 0, -1)) / (2 * d * d),
  ];
  return { x0, y0, lon: fit(0), lat: fit(1) };
}

export interface AreaEntry {
  key: string;
  box: MetricBox;
  buildings: BuildingSet;
  fingerprint: string;
  lonLat: LocalLonLat;
}

export interface CacheStats {
  hits: number;
  loads: number;
}

export class BuildingAreaCache {
  private readonly areas = new Map<string, AreaEntry>();
  readonly stats: CacheStats = { hits: 0, loads: 0 };

  /** The indexed buildings around (x, y) out to `reachM` metres, loaded or reused after a fingerprint check. */
  async around(db: Knex, x: number, y: number, reachM: number): Promise<AreaEntry> {
    const reach = 64 * 2 ** Math.max(0, Math.ceil(Math.log2(Math.max(reachM, 1) / 64)));
    const cx = Math.floor(x / CELL_M), cy = Math.floor(y / CELL_M);
    const key = `${cx}:${cy}:${reach}`;
    const box = { minX: cx * CELL_M - reach, minY: cy * CELL_M - reach, maxX: (cx + 1) * CELL_M + reach, maxY: (cy + 1) * CELL_M + reach };
    const fingerprint = await buildingsFingerprint(db, box);
    const cached = this.areas.get(key);
    if (cached && cached.fingerprint === fingerprint) {
      this.stats.hits++;
      this.areas.delete(key);
      this.areas.set(key, cached);
      return cached;
    }
    this.stats.loads++;
    const [inputs, lonLat] = await Promise.all([selectBuildings(db, box), localLonLat(db, (cx + 0.5) * CELL_M, (cy + 0.5) * CELL_M)]);
    const entry: AreaEntry = { key, box, buildings: buildBuildingSet(inputs), fingerprint, lonLat };
    this.areas.set(key, entry);
    if (this.areas.size > MAX_AREAS) this.areas.delete(this.areas.keys().next().value!);
    return entry;
  }
}

const caches = new WeakMap<Knex, BuildingAreaCache>();

/** The cache of one database handle. */
export function areaCacheOf(db: Knex): BuildingAreaCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new BuildingAreaCache()));
  return cache;
}
