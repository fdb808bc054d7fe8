import type { Feature } from 'geojson';
import type { AdminMap } from './admin.js';
import { BUILT_UP, zoneCode, type LandUse } from './landuse.js';
import { feature, polygonGeom } from './output.js';
import { bbox, bearingDeg, dist, lerp, offset, ringCentroid, segmentDistance, type Poly, type XY } from './plane.js';
import type { Rng } from './random.js';
import { halfWidth, type RoadNet } from './roads.js';
import { rectangle } from './shapes.js';

/**
 * Building footprints: towers along the river and coast roads first, then shophouse rows along the urban
 * streets, village houses in Hòa Vang and sheds in the industrial parks. Every footprint is tested against
 * the land-use raster (built-up land only, never water) and the road-corridor raster (never on a road).
 * Rows are kept whole and drawn at random, weighted toward the dense centre, until the scale's count is met.
 */

export type BuildingUse = 'residential' | 'shophouse' | 'commercial' | 'office' | 'hotel' | 'public' | 'industrial' | 'education' | 'health' | 'religious';

export interface Building {
  polygon: Poly;
  heightM: number;
  use: BuildingUse;
  /** For street-front houses: the middle of the façade and the street's bearing (degrees). */
  front?: { at: XY; alongDeg: number };
}

interface Row {
  weight: number;
  items: Building[];
}

const TAKEN_BY_TOWER = 3;
const isBuiltUp = (code: number) => BUILT_UP.has(code);
const DENSE = new Set(['Hải Châu', 'Thanh Khê']);

/** Builds `count` footprints (fewer only if the city has no room for more). */
export function buildBuildings(admin: AdminMap, land: LandUse, net: RoadNet, count: number, rng: Rng): Building[] {
  const towers = buildTowers(land, net, rng);
  const rows = [...streetRows(admin, land, net, rng), ...villageRows(admin, land, rng), ...industrialRows(land, net, rng)];
  // Weighted sampling without replacement (Efraimidis–Spirakis): key = U^(1/w), largest keys first.
  const keyed = rows.map((row) => ({ row, key: Math.pow(rng.next(), 1 / row.weight) }));
  keyed.sort((a, b) => b.key - a.key);
  const out = [...towers];
  for (const { row } of keyed) {
    if (out.length >= count) break;
    out.push(...row.items.slice(0, count - out.length));
  }
  return out;
}

/**
 * True if the footprint is on allowed land (every test point), off public spaces and towers (raster), and
 * clear of every road's carriageway (exact distance to the road segments nearby).
 */
function fits(poly: Poly, land: LandUse, net: RoadNet, allowed: (code: number) => boolean): boolean {
  const r = poly[0];
  const probes = [r[0], r[1], r[2], r[3], lerp(r[0], r[1], 0.5), lerp(r[1], r[2], 0.5), lerp(r[2], r[3], 0.5), lerp(r[3], r[0], 0.5), lerp(r[0], r[2], 0.5)];
  for (const p of probes) if (!allowed(land.raster.get(p)) || net.corridors.get(p) >= 2) return false;
  for (let k = 0; k < 4; k++) if (nearWater(r[k], land) && !land.isDry(r[k])) return false;
  const [x0, y0, x1, y1] = bbox(r);
  for (const s of net.segments.search({ minX: x0 - 15, minY: y0 - 15, maxX: x1 + 15, maxY: y1 + 15 })) {
    if (polygonSegmentDistance(r, s.a, s.b) <= halfWidth(s.road.lanes)) return false;
  }
  return true;
}

const WATER = zoneCode('water');

/** True when the raster shows water or sea within one cell of p: only then is the exact test needed. */
function nearWater(p: XY, land: LandUse): boolean {
  const c = land.raster.cell;
  for (const [dx, dy] of NEIGHBOURHOOD) {
    const code = land.raster.get([p[0] + dx * c, p[1] + dy * c]);
    if (code === 0 || code === WATER) return true;
  }
  return false;
}
const NEIGHBOURHOOD: readonly [number, number][] = [[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]];

/** Distance between a closed ring and a segment, metres (0 when they cross). */
function polygonSegmentDistance(ring: XY[], a: XY, b: XY): number {
  let best = Infinity;
  for (let k = 0; k + 1 < ring.length; k++) {
    const [p, q] = [ring[k], ring[k + 1]];
    if (segmentsCross(p, q, a, b)) return 0;
    best = Math.min(best, segmentDistance(p, a, b), segmentDistance(a, p, q), segmentDistance(b, p, q));
  }
  return best;
}

function segmentsCross(p: XY, q: XY, a: XY, b: XY): boolean {
  return side(p, q, a) !== side(p, q, b) && side(a, b, p) !== side(a, b, q);
}

function side(o: XY, s: XY, t: XY): number {
  return Math.sign((s[0] - o[0]) * (t[1] - o[1]) - (s[1] - o[1]) * (t[0] - o[0]));
}

const floorsHeight = (floors: number, rng: Rng) => Math.round((floors * 3.5 + rng.range(0, 1.2)) * 10) / 10;

function buildTowers(land: LandUse, net: RoadNet, rng: Rng): Building[] {
  const towers: Building[] = [];
  const okLand = (c: number) => c !== 0 && c !== zoneCode('water') && c !== zoneCode('forest') && c !== zoneCode('transport');
  for (const road of net.roads.filter((r) => ['Bạch Đằng', 'Võ Nguyên Giáp', 'Trần Hưng Đạo'].includes(r.name))) {
    const coast = road.name === 'Võ Nguyên Giáp';
    for (let k = 1; k < road.points.length; k++) {
      const [a, b] = [road.points[k - 1], road.points[k]];
      const bearing = bearingDeg(a, b);
      for (let d = rng.range(20, 80); d < dist(a, b); d += rng.range(90, 160)) {
        const p = lerp(a, b, d / dist(a, b));
        const depth = rng.range(20, 30);
        for (const side of [90, -90]) {
          const centre = offset(p, bearing + side, halfWidth(road.lanes) + 10 + depth / 2);
          const polygon = rectangle(centre, rng.range(25, 42), depth, bearing);
          if (!fits(polygon, land, net, okLand)) continue;
          net.corridors.fillPolygon([polygon], TAKEN_BY_TOWER);
          const use: BuildingUse = coast ? (rng.chance(0.8) ? 'hotel' : 'commercial') : rng.weighted([['office', 4], ['hotel', 3], ['commercial', 2]] as const);
          towers.push({ polygon, heightM: Math.round(rng.range(60, 200) * 10) / 10, use });
          break;
        }
      }
    }
  }
  return towers;
}

/** Shophouses on both sides of every grid street, stopping short of each cross street. */
function streetRows(admin: AdminMap, land: LandUse, net: RoadNet, rng: Rng): Row[] {
  const rows: Row[] = [];
  const commercial = zoneCode('commercial');
  for (const s of net.streets) {
    const length = dist(s.a, s.b);
    const bearing = bearingDeg(s.a, s.b);
    const stops = [0, ...s.corners, length];
    const weight = DENSE.has(admin.districts[s.district].fact.name) ? 3 : 1;
    for (let k = 1; k < stops.length; k++) {
      for (const side of [90, -90]) {
        const items: Building[] = [];
        const depth = rng.range(12, 18);
        for (let d = stops[k - 1] + 24; d < stops[k] - 24; ) {
          const width = rng.range(4, 6.5);
          const front = lerp(s.a, s.b, (d + width / 2) / length);
          const polygon = rectangle(offset(front, bearing + side, halfWidth(s.lanes) + 3.5 + depth / 2), width, depth, bearing);
          d += width;
          if (!fits(polygon, land, net, isBuiltUp)) continue;
          if (admin.wardAt(polygon[0][2])?.districtIndex !== s.district) continue;
          const inCentre = land.raster.get(front) === commercial;
          const floors = inCentre ? rng.int(5, 9) : rng.weighted([[2, 1], [3, 2], [4, 4], [5, 4], [6, 3]] as const);
          const facade = { at: offset(front, bearing + side, halfWidth(s.lanes) + 3.5), alongDeg: bearing };
          items.push({ polygon, heightM: floorsHeight(floors, rng), use: inCentre && rng.chance(0.5) ? 'commercial' : 'shophouse', front: facade });
        }
        if (items.length > 0) rows.push({ weight, items });
      }
    }
  }
  return rows;
}

/** Low houses in the Hòa Vang village cores, on a loose 34 m grid, each turned its own way. */
function villageRows(admin: AdminMap, land: LandUse, rng: Rng): Row[] {
  const residential = zoneCode('residential');
  return land.zones
    .filter((z) => z.name.startsWith('Khu dân cư xã'))
    .map((z) => {
      const c = ringCentroid(z.geometry[0][0]);
      const items: Building[] = [];
      for (let i = -20; i <= 20; i++) {
        for (let j = -20; j <= 20; j++) {
          const p: XY = [c[0] + i * 34 + rng.range(-5, 5), c[1] + j * 34 + rng.range(-5, 5)];
          const polygon = rectangle(p, rng.range(8, 13), rng.range(6, 9), rng.range(0, 180));
          if (!polygon[0].every((q) => land.raster.get(q) === residential)) continue;
          if (admin.wardAt(p) === null) continue;
          const floors = rng.weighted([[1, 5], [2, 4], [3, 1]] as const);
          items.push({ polygon, heightM: floorsHeight(floors, rng), use: rng.chance(0.03) ? 'religious' : 'residential' });
        }
      }
      // Villages are few and whole: weighted so that every scale keeps them.
      return { weight: 50, items };
    });
}

/** Sheds in the industrial parks and halls on the university campus, on a 90 m grid. */
function industrialRows(land: LandUse, net: RoadNet, rng: Rng): Row[] {
  const rows: Row[] = [];
  for (const z of land.zones.filter((z) => z.cls === 'industrial' || z.cls === 'public')) {
    const code = zoneCode(z.cls);
    const sameZone = (x: number) => x === code;
    const ring = z.geometry[0][0];
    const c = ringCentroid(ring);
    const items: Building[] = [];
    for (let i = -20; i <= 20; i++) {
      for (let j = -20; j <= 20; j++) {
        const polygon = rectangle([c[0] + i * 90, c[1] + j * 90], rng.range(40, 70), rng.range(25, 45), 0);
        if (!fits(polygon, land, net, sameZone)) continue;
        const shed = z.cls === 'industrial';
        items.push({ polygon, heightM: shed ? Math.round(rng.range(7, 15) * 10) / 10 : floorsHeight(rng.int(3, 6), rng), use: shed ? 'industrial' : 'education' });
      }
    }
    if (items.length > 0) rows.push({ weight: 20, items });
  }
  return rows;
}

/** The buildings features; floors ≈ height / 3.5 m. */
export function buildingFeatures(buildings: Building[], rng: Rng): Feature[] {
  return buildings.map((b) =>
    feature(rng.uuid(), polygonGeom(b.polygon), { height_m: b.heightM, floors: Math.max(1, Math.round(b.heightM / 3.5)), use: b.use }),
  );
}
