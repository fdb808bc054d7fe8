import type { Feature } from 'geojson';
import { WARD_ANCHORS } from './anchors.js';
import { intersectMulti, snapRepair } from './clip.js';
import { buildLattice, cellAt, cellCentre, type Lattice } from './lattice.js';
import { feature, multiPolygonGeom } from './output.js';
import { multiArea, snapToOutputGrid, toXY, type MultiPoly, type Poly, type XY } from './plane.js';
import type { Rng } from './random.js';
import { growRegions } from './regions.js';
import type { DistrictFact, Facts, WardFact } from './source.js';
import { traceCells } from './trace.js';

/**
 * The administrative map: the real outline split into the 7 mainland districts around their real centroids
 * (areas ∝ the real district areas), each district split into its census wards (areas ∝ census areas).
 * Hoàng Sa (offshore islands) has no land in the outline and is left out.
 */

export interface Ward {
  index: number;
  code: string;
  fact: WardFact;
  districtIndex: number;
  geometry: MultiPoly;
  /** A point well inside the ward (its anchor, moved onto its land), metres. */
  anchor: XY;
}

export interface District {
  index: number;
  code: string;
  fact: DistrictFact;
  wards: Ward[];
  geometry: MultiPoly;
}

export interface AdminMap {
  outline: Poly;
  districts: District[];
  wards: Ward[];
  /** The ward containing p (metres), or null outside the city. */
  wardAt(p: XY): Ward | null;
}

/** The GSO code of Đà Nẵng city; district and ward codes below it are synthetic (see data/README.md). */
export const CITY_CODE = '48';
/**
 * Correction of a district's wanted share: the Natural Earth outline draws the Sơn Trà peninsula about a fifth
 * too large, so Sơn Trà's share is raised to let it keep the An Hải strip on the east bank as in reality.
 */
const SHARE_FACTOR: Readonly<Record<string, number>> = { 'Sơn Trà': 1.4 };
/** Lattice spacing for the administrative map, metres: about 25 cells for the smallest ward. */
const SPACING_M = 80;

/** Builds districts and wards (deterministic for a given random stream). */
export function buildAdminMap(facts: Facts, rng: Rng): AdminMap {
  const lat = buildLattice(facts.outline, SPACING_M, rng);
  const mainland = facts.districts.filter((d) => facts.wards.some((w) => w.district === d.name));
  const districtOf = new Int32Array(lat.nx * lat.ny).fill(-1);
  const byDistrict = growRegions(
    lat, lat.nodes,
    mainland.map((d) => ({ key: d.name, anchors: [toXY(d.centroidLon, d.centroidLat)], share: d.areaKm2 * (SHARE_FACTOR[d.name] ?? 1) })),
    rng, { wiggle: 0.12, wavelength: [3000, 8000] },
  );
  lat.nodes.forEach((cell, n) => (districtOf[cell] = byDistrict.labels[n]));
  const wardOf = new Int32Array(lat.nx * lat.ny).fill(-1);
  const wards: Ward[] = [];
  const districts = mainland.map((fact, index): District => {
    const code = `${CITY_CODE}${String(index + 1).padStart(2, '0')}`;
    const cells = lat.nodes.filter((cell) => districtOf[cell] === index);
    const own = buildWards(lat, cells, facts.wards.filter((w) => w.district === fact.name), rng);
    own.forEach((w, k) => {
      const ward: Ward = { ...w, index: wards.length, code: `${code}${String(k + 1).padStart(2, '0')}`, districtIndex: index };
      w.cells.forEach((cell) => (wardOf[cell] = ward.index));
      wards.push(ward);
    });
    const geometry = clipToOutline(lat, (c) => districtOf[c] === index, cells, facts.outline);
    return { index, code, fact, wards: wards.filter((w) => w.districtIndex === index), geometry };
  });
  for (const w of wards) w.geometry = clipToOutline(lat, (c) => wardOf[c] === w.index, lat.nodes.filter((c) => wardOf[c] === w.index), facts.outline);
  return { outline: facts.outline, districts, wards, wardAt: (p) => wardLookup(lat, wardOf, wards, p) };
}

function buildWards(lat: Lattice, cells: Int32Array, facts: WardFact[], rng: Rng) {
  const land = cells.reduce((s, c) => s + lat.land[c], 0);
  const scale = Math.sqrt(land / facts.length);
  const seeds = facts.map((f) => {
    const anchor = WARD_ANCHORS[f.name];
    if (!anchor) throw new Error(`no anchor for ward ${f.name}`);
    return { key: f.name, anchors: [toXY(anchor[0], anchor[1])], share: f.areaKm2 };
  });
  const result = growRegions(lat, cells, seeds, rng, { wiggle: 0.15, wavelength: [0.8 * scale, 2.5 * scale] });
  return facts.map((fact, k) => {
    const own = cells.filter((_, n) => result.labels[n] === k);
    const anchor = bestAnchor(lat, own, seeds[k].anchors[0]);
    return { fact, cells: own, anchor, geometry: [] as MultiPoly };
  });
}

/** The centre of the ward's cell nearest to its anchor: a point surely inside the ward. */
function bestAnchor(lat: Lattice, cells: Int32Array, wanted: XY): XY {
  let best: XY = wanted;
  let bestD = Infinity;
  for (const cell of cells) {
    if (lat.land[cell] < 0.9 * lat.spacing ** 2) continue;
    const c = cellCentre(lat, cell);
    const d = Math.hypot(c[0] - wanted[0], c[1] - wanted[1]);
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best;
}

function clipToOutline(lat: Lattice, inRegion: (c: number) => boolean, cells: Int32Array, outline: Poly): MultiPoly {
  return snapRepair(intersectMulti(traceCells(lat, inRegion, cells), [outline]), snapToOutputGrid);
}

function wardLookup(lat: Lattice, wardOf: Int32Array, wards: Ward[], p: XY): Ward | null {
  const cell = cellAt(lat, p);
  return cell >= 0 && wardOf[cell] >= 0 ? wards[wardOf[cell]] : null;
}

/** The admin_units features: the city, its districts and wards, with census figures. */
export function adminUnitFeatures(map: AdminMap, rng: Rng): Feature[] {
  const sum = (ws: Ward[], f: (w: WardFact) => number) => ws.reduce((s, w) => s + f(w.fact), 0);
  const unit = (level: string, code: string, name: string, type: string, parent: string | null, mp: MultiPoly, ws: Ward[]) =>
    feature(rng.uuid(), multiPolygonGeom(mp), {
      level, code, name, unit_type: type, parent_code: parent,
      area_km2: Math.round(sum(ws, (w) => w.areaKm2) * 1000) / 1000,
      population: sum(ws, (w) => w.population),
      urban_population: sum(ws, (w) => w.urbanPopulation),
      population_year: 2019,
    });
  return [
    unit('city', CITY_CODE, 'Đà Nẵng', 'Thành phố', null, [map.outline], map.wards),
    ...map.districts.map((d) => unit('district', d.code, d.fact.name, d.fact.type, CITY_CODE, d.geometry, d.wards)),
    ...map.wards.map((w) =>
      unit('ward', w.code, w.fact.name, w.fact.type, map.districts[w.districtIndex].code, w.geometry, [w])),
  ];
}

/** Synthetic land area of a unit, km² (for reports). */
export const areaKm2 = (mp: MultiPoly) => multiArea(mp) / 1e6;
