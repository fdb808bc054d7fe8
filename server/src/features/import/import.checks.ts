import type { Knex } from 'knex';
import type { Geometry } from 'geojson';
import { ProblemError } from '../../lib/errors.js';
import { PLANNING_AREA, inPlanningArea } from '../../lib/planning-area.js';
import { validateFeature } from '../ogc/feature-validation.js';
import { asCrsInfo } from './import.crs.js';
import { propertyMapper } from './import.mapping.js';
import { singlePart, type StagedFeature } from './parsers/index.js';
import type { ResolvedChoices } from './import.service.js';
import * as repo from './import.repository.js';

/** One line of the validation report: the file row, the offending field (and the file column it came from). */
export interface ReportProblem {
  row: number;
  field: string;
  column?: string;
  problem: string;
}

/** What the ST_MakeValid repair does to one self-intersecting polygon. */
export interface RepairOffer {
  row: number;
  /** Why PostGIS finds it invalid, and where (in the file's CRS). */
  reason: string;
  location: [number, number] | null;
  validBefore: false;
  validAfter: boolean;
  /** Planar areas in VN-2000 / TM-3 metres (m²). */
  areaBeforeM2: number;
  areaAfterM2: number;
  areaChangeM2: number;
  /** Polygons the repair makes, and how many the layer keeps (a single-polygon layer keeps the largest). */
  parts: number;
  partsKept: number;
  /** True when this request applies the repair. */
  applied: boolean;
}

/** A row whose geometry could be read, with its mapped properties (the repaired geometry where applied). */
export interface CheckedRow {
  index: number;
  row: number;
  geometry: Geometry;
  properties: Record<string, unknown>;
  repaired: boolean;
}

export interface Checked {
  problems: ReportProblem[];
  problemRows: number;
  rowsWithProblems: Set<number>;
  repairs: RepairOffer[];
  /** Rows with no problem: what a commit writes. */
  ready: CheckedRow[];
  /** Rows whose geometry can be drawn (problems in their properties or validity included). */
  drawable: CheckedRow[];
}

/** Geometries per check statement: big enough to amortise the round trip, small enough for the embedded engine. */
const CHECK_BATCH = 5000;

/**
 * Checks every row as an OGC API write of it would be checked — the collection's schema and geometry rules
 * (feature-validation.ts), then PostGIS validity and the planning area — and works out the ST_MakeValid repair
 * of self-intersecting polygons, applying it when `choices.repair` is set. `postgis: false` leaves out the
 * PostGIS checks (a commit lets the insert enforce them). Writes nothing.
 */
export async function checkRows(db: Knex, features: StagedFeature[], choices: ResolvedChoices, options: { postgis?: boolean } = {}): Promise<Checked> {
  const { spec } = choices;
  const crsInfo = asCrsInfo(choices.crs);
  const columnOf = new Map(Object.entries(choices.mapping).filter(([, p]) => p !== null).map(([c, p]) => [p as string, c]));
  const problems: ReportProblem[] = [];
  const add = (row: number, field: string, problem: string) => {
    const property = /^properties\.([a-z0-9_]+)/.exec(field)?.[1];
    const column = property ? columnOf.get(property) : undefined;
    problems.push({ row, field, ...(column ? { column } : {}), problem });
  };
  const drawable: CheckedRow[] = [];
  const mapProperties = propertyMapper(choices.mapping, spec);
  features.forEach((f, index) => {
    const geometryProblem = f.geometryProblem ?? (f.geometry === null ? 'the feature has no geometry'
      : f.geometry.type === 'GeometryCollection' ? `is a collection of different geometry kinds; ${spec.id} holds ${spec.geometryType}` : undefined);
    if (geometryProblem) add(f.row, 'geometry', geometryProblem);
    const properties = mapProperties(f.properties);
    let geometryOk = !geometryProblem;
    try {
      validateFeature(spec, { type: 'Feature', geometry: f.geometry, properties }, crsInfo);
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      for (const e of err.errors) {
        if (e.field.startsWith('geometry')) {
          if (geometryOk) add(f.row, e.field, e.message);
          geometryOk = false;
        } else {
          add(f.row, e.field, e.message);
        }
      }
    }
    if (geometryOk) drawable.push({ index, row: f.row, geometry: f.geometry!, properties, repaired: false });
  });
  const repairs = options.postgis === false ? [] : await checkGeometries(db, drawable, choices, add);
  const rowsWithProblems = new Set(problems.map((p) => p.row));
  problems.sort((a, b) => a.row - b.row);
  return {
    problems,
    problemRows: rowsWithProblems.size,
    rowsWithProblems,
    repairs,
    ready: drawable.filter((d) => !rowsWithProblems.has(d.row)),
    drawable,
  };
}

const outsideMessage = (lon: number, lat: number) => {
  const a = PLANNING_AREA;
  return `lies outside the planning area (${a.name}: longitude ${a.minLon}–${a.maxLon}, latitude ${a.minLat}–${a.maxLat}); its centre is at lon ${lon.toFixed(5)}, lat ${lat.toFixed(5)}: check the CRS and the axis order`;
};
const place = (x: number | null, y: number | null) => (x === null || y === null ? '' : ` at [${+x.toFixed(7)}, ${+y.toFixed(7)}]`);

/** PostGIS validity and the planning area for the drawable rows; repairs invalid polygons. Returns the repair offers. */
async function checkGeometries(db: Knex, drawable: CheckedRow[], choices: ResolvedChoices, add: (row: number, field: string, problem: string) => void): Promise<RepairOffer[]> {
  const srid = choices.crs.srid;
  // Points in lon/lat need no PostGIS: a point of finite numbers is valid, and its place is its position.
  const inSql = srid === 4326 ? drawable.filter((d) => !pointsOutside(d, add)) : drawable;
  const invalidPolygons: Array<{ row: CheckedRow; reason: string; location: [number, number] | null }> = [];
  for (let k = 0; k < inSql.length; k += CHECK_BATCH) {
    const batch = inSql.slice(k, k + CHECK_BATCH);
    const found = await repo.selectGeometryProblems(db, srid, batch.map((d, j) => ({ i: k + j, g: d.geometry })));
    for (const p of found) {
      const row = inSql[p.i];
      if (p.valid) add(row.row, 'geometry.coordinates', outsideMessage(p.lon!, p.lat!));
      else if (/Polygon$/.test(row.geometry.type)) invalidPolygons.push({ row, reason: p.reason ?? 'invalid', location: p.x === null ? null : [p.x, p.y!] });
      else add(row.row, 'geometry', `is invalid: ${p.reason}${place(p.x, p.y)}`);
    }
  }
  const offers: RepairOffer[] = [];
  for (let k = 0; k < invalidPolygons.length; k += CHECK_BATCH) {
    const batch = invalidPolygons.slice(k, k + CHECK_BATCH);
    const repaired = await repo.selectRepairs(db, srid, batch.map((b, j) => ({ i: j, g: b.row.geometry })), choices.spec.geometryType === 'Polygon');
    for (const r of repaired) offers.push(applyRepair(batch[r.i], r, choices.repair, add));
  }
  return offers;
}

/**
 * For a lon/lat point row: reports it when it lies outside the planning area, and answers true (checked here);
 * for any other row answers false (PostGIS checks it).
 */
function pointsOutside(d: CheckedRow, add: (row: number, field: string, problem: string) => void): boolean {
  const g = d.geometry;
  if (g.type !== 'Point' && g.type !== 'MultiPoint') return false;
  const positions = g.type === 'Point' ? [g.coordinates] : g.coordinates;
  const outside = positions.some(([lon, lat]) => !inPlanningArea(lon, lat));
  if (outside) {
    const lon = positions.reduce((sum, p) => sum + p[0], 0) / positions.length;
    const lat = positions.reduce((sum, p) => sum + p[1], 0) / positions.length;
    add(d.row, 'geometry.coordinates', outsideMessage(lon, lat));
  }
  return true;
}

function applyRepair(
  invalid: { row: CheckedRow; reason: string; location: [number, number] | null }, r: repo.RepairRow, apply: boolean,
  add: (row: number, field: string, problem: string) => void,
): RepairOffer {
  const { row } = invalid;
  const offer: RepairOffer = {
    row: row.row, reason: invalid.reason, location: invalid.location, validBefore: false, validAfter: r.valid_after,
    areaBeforeM2: r.area_before_m2, areaAfterM2: r.area_after_m2, areaChangeM2: r.area_after_m2 - r.area_before_m2,
    parts: r.parts, partsKept: partsIn(r), applied: apply && r.valid_after && r.inside,
  };
  const where = place(invalid.location?.[0] ?? null, invalid.location?.[1] ?? null);
  if (!apply) {
    add(row.row, 'geometry', `is invalid: ${invalid.reason}${where}; the ST_MakeValid repair can fix it (see the repairs)`);
  } else if (!r.valid_after || r.geometry === null) {
    add(row.row, 'geometry', `is invalid: ${invalid.reason}${where}, and the repair leaves no area; fix it in the source`);
  } else if (!r.inside) {
    add(row.row, 'geometry.coordinates', 'lies outside the planning area once repaired: check the CRS');
  } else {
    row.geometry = singlePart(JSON.parse(r.geometry) as Geometry)!;
    row.repaired = true;
  }
  return offer;
}

/** Parts the layer keeps: the repaired geometry's own count (one when a single-polygon layer kept the largest). */
function partsIn(r: repo.RepairRow): number {
  if (r.geometry === null) return 0;
  const g = JSON.parse(r.geometry) as Geometry;
  return g.type === 'MultiPolygon' ? g.coordinates.length : 1;
}
