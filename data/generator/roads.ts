import RBush from 'rbush';
import type { Feature } from 'geojson';
import type { AdminMap } from './admin.js';
import { arterialDefs, CROSSINGS, type RoadClass, type RoadDef } from './arterials.js';
import { clipSegment, intersectMulti, subtractMulti, unionMulti } from './clip.js';
import { districtGrid, type GridCrossing, type GridSpec, type Street } from './grid.js';
import { BUILT_UP, zoneCode, type LandUse } from './landuse.js';
import { lineGeom, feature } from './output.js';
import { bearingDeg, dist, lerp, lineLength, toXY, type MultiPoly, type XY } from './plane.js';
import type { Rng } from './random.js';
import { Raster } from './raster.js';
import { ruralRoads } from './rural.js';

/**
 * The road network: hand-drawn main roads and bridges, a street grid in each urban district (denser in
 * Hải Châu and Thanh Khê), village roads in Hòa Vang. Also indexes every segment (rbush) for the cameras and
 * burns road corridors into a raster so that no building is placed on a road.
 */

export interface Segment {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  a: XY;
  b: XY;
  road: RoadDef;
}

export interface Intersection {
  p: XY;
  /** Bearings (degrees) of the roads meeting here, one per road. */
  bearings: number[];
  names: string[];
  /** Main-road crossing (traffic cameras) rather than a local street corner. */
  major: boolean;
}

export interface RoadNet {
  roads: RoadDef[];
  streets: Street[];
  intersections: Intersection[];
  segments: RBush<Segment>;
  /** 1 where a road corridor runs (carriageway + 1.5 m), per 10 m cell. */
  corridors: Raster;
}

/** Street grid per urban district: spacing (m) and bearing (°) of the grid, finer in the old centre. */
const GRIDS: Readonly<Record<string, GridSpec>> = {
  'Hải Châu': { spacing: 120, bearingDeg: 8 },
  'Thanh Khê': { spacing: 130, bearingDeg: -12 },
  'Liên Chiểu': { spacing: 190, bearingDeg: 35 },
  'Sơn Trà': { spacing: 170, bearingDeg: 10 },
  'Ngũ Hành Sơn': { spacing: 190, bearingDeg: 20 },
  'Cẩm Lệ': { spacing: 180, bearingDeg: -5 },
};

/** Half the width of a road of `lanes` lanes (3.5 m each) plus a 1.5 m shoulder, metres. */
export const halfWidth = (lanes: number) => (lanes * 3.5) / 2 + 1.5;

export function buildRoads(admin: AdminMap, land: LandUse, rng: Rng): RoadNet {
  const barriers = land.zones.filter((z) => z.cls === 'transport' || (z.cls === 'water' && z.name.startsWith('Hồ'))).map((z) => z.geometry);
  const landOnly = subtractMulti([admin.outline], ...barriers);
  const roads: RoadDef[] = [];
  for (const def of arterialDefs(admin.outline[0])) roads.push(...clipLine(def, landOnly));
  for (const c of CROSSINGS) roads.push(...crossing(c, landOnly, land.river));
  const grid = urbanGrids(admin, land);
  roads.push(...grid.streets.map((s) => ({ name: s.name, cls: s.cls, lanes: s.lanes, points: [s.a, s.b] })));
  for (const def of ruralRoads(land, rng)) roads.push(...clipLine(def, landOnly));
  const segments = new RBush<Segment>();
  segments.load(roads.flatMap((road) => road.points.slice(1).map((b, k) => segment(road.points[k], b, road))));
  const corridors = Raster.around([admin.outline, land.river], 200);
  segments.all().forEach((s) => corridors.fillCorridor(s.a, s.b, halfWidth(s.road.lanes), 1));
  const intersections = [...grid.crossings.map(gridIntersection), ...mainCrossings(roads, segments)];
  return { roads, streets: grid.streets, intersections, segments, corridors };
}

function segment(a: XY, b: XY, road: RoadDef): Segment {
  return { minX: Math.min(a[0], b[0]), minY: Math.min(a[1], b[1]), maxX: Math.max(a[0], b[0]), maxY: Math.max(a[1], b[1]), a, b, road };
}

/** The parts of a polyline inside `area`, as separate roads (consecutive inside pieces are chained). */
export function clipLine(def: RoadDef, area: MultiPoly): RoadDef[] {
  const chains: XY[][] = [];
  for (let k = 1; k < def.points.length; k++) {
    for (const [a, b] of clipSegment(def.points[k - 1], def.points[k], area)) {
      const last = chains[chains.length - 1];
      if (last && dist(last[last.length - 1], a) < 1e-6) last.push(b);
      else chains.push([a, b]);
    }
  }
  return chains.filter((c) => lineLength(c) > 20).map((points) => ({ ...def, points }));
}

/** An east–west axis: the west road, the bridge over the river and the east road. */
function crossing(c: (typeof CROSSINGS)[number], landOnly: MultiPoly, river: XY[][]): RoadDef[] {
  const a = toXY(c.fromLon, c.lat);
  const b = toXY(c.toLon, c.lat);
  const bridge = clipSegment(a, b, [river]);
  if (bridge.length === 0) return [];
  const riverX = (bridge[0][0][0] + bridge[0][1][0]) / 2;
  const cls: RoadClass = c.lanes >= 6 ? 'arterial' : 'primary';
  const land = clipSegment(a, b, landOnly).filter(([p, q]) => dist(p, q) > 20);
  return [
    ...bridge.map(([p, q]) => ({ name: c.bridge, cls, lanes: c.lanes, points: [p, q] })),
    ...land.map(([p, q]) => ({ name: (p[0] + q[0]) / 2 < riverX ? c.west : c.east, cls, lanes: c.lanes, points: [p, q] })),
  ];
}

function urbanGrids(admin: AdminMap, land: LandUse): { streets: Street[]; crossings: GridCrossing[] } {
  const builtUp = unionMulti(...land.zones.filter((z) => BUILT_UP.has(zoneCode(z.cls))).map((z) => z.geometry));
  const streets: Street[] = [];
  const crossings: GridCrossing[] = [];
  for (const d of admin.districts) {
    const spec = GRIDS[d.fact.name];
    if (!spec) continue;
    const allowed = intersectMulti(d.geometry, builtUp);
    const grid = districtGrid(allowed, d.wards[0].anchor, spec, d.index);
    streets.push(...grid.streets);
    crossings.push(...grid.crossings);
  }
  return { streets, crossings };
}

function gridIntersection(c: GridCrossing): Intersection {
  return {
    p: c.p,
    bearings: c.streets.map((s) => bearingDeg(s.a, s.b)),
    names: c.streets.map((s) => s.name),
    major: c.streets.some((s) => s.cls === 'secondary'),
  };
}

/** Where a main road (not a grid street) crosses any other road. */
function mainCrossings(roads: RoadDef[], index: RBush<Segment>): Intersection[] {
  const found: Intersection[] = [];
  for (const road of roads) {
    if (road.cls === 'residential' || road.cls === 'tertiary') continue;
    for (let k = 1; k < road.points.length; k++) {
      const s = segment(road.points[k - 1], road.points[k], road);
      for (const other of index.search(s)) {
        if (other.road === road) continue;
        const p = segmentCrossing(s.a, s.b, other.a, other.b);
        if (!p || found.some((f) => dist(f.p, p) < 25)) continue;
        found.push({ p, bearings: [bearingDeg(s.a, s.b), bearingDeg(other.a, other.b)], names: [road.name, other.road.name], major: true });
      }
    }
  }
  return found;
}

function segmentCrossing(a: XY, b: XY, c: XY, d: XY): XY | null {
  const den = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
  if (Math.abs(den) < 1e-9) return null;
  const t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0])) / den;
  const u = ((c[0] - a[0]) * (b[1] - a[1]) - (c[1] - a[1]) * (b[0] - a[0])) / den;
  return t > 0 && t < 1 && u > 0 && u < 1 ? lerp(a, b, t) : null;
}

/** The roads features. */
export function roadFeatures(net: RoadNet, rng: Rng): Feature[] {
  return net.roads.map((r) => feature(rng.uuid(), lineGeom(r.points), { name: r.name || null, road_class: r.cls, lanes: r.lanes }));
}
