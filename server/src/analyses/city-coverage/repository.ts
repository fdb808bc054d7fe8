/**
 * SQL of city coverage: the layers it reads (cameras as a plan has them, wards, roads cut by wards,
 * intersections, public spaces; all in EPSG:5899 metres) and the tables it writes (runs, ward figures,
 * blind spots; see the migration 20261124000500).
 */
import fs from 'node:fs';
import type { Knex } from 'knex';
import { planViewCondition } from '../../features/scenarios/plan-view.js';
import { CAMERA_COLUMNS, METRIC_SRID, type CameraRow } from '../camera-view/repository.js';
import type { PublicSpace, RoadPiece } from './samples.js';
import type { Ward, WardFigures } from './summary.js';
import type { RoadBlindSpot, SpaceBlindSpot } from './blind-spots.js';

const sql = (name: string) => fs.readFileSync(new URL(`./sql/${name}.sql`, import.meta.url), 'utf8');
const ROAD_PIECES = sql('road-pieces');
const INTERSECTIONS = sql('intersections');
const WARD_OF = (geom: string) => `(SELECT w.code FROM admin_units w WHERE w.level = 'ward' AND ST_Intersects(w.geom, ${geom}) ORDER BY w.code LIMIT 1)`;

/** Every camera of plan `scenarioId` (null: the baseline), any status, with its ward. */
export async function selectCameras(db: Knex, scenarioId: string | null): Promise<CameraRow[]> {
  const plan = planViewCondition('cameras', 't', scenarioId);
  const { rows } = await db.raw(`SELECT ${CAMERA_COLUMNS}, ${WARD_OF('t.geom')} AS ward_code FROM cameras t WHERE ${plan.sql} ORDER BY t.id`, plan.bindings);
  return rows;
}

/** The wards with their area (given, or measured) and census population. */
export async function selectWards(db: Knex): Promise<Ward[]> {
  const { rows } = await db.raw(
    `SELECT code, name, coalesce(area_km2, ST_Area(geom::geography) / 1e6) AS area_km2, population
       FROM admin_units WHERE level = 'ward' ORDER BY code`,
  );
  return rows.map((r: { code: string; name: string; area_km2: number; population: number | null }) => ({ code: r.code, name: r.name, areaKm2: r.area_km2, population: r.population }));
}

export async function selectRoadPieces(db: Knex): Promise<RoadPiece[]> {
  const { rows } = await db.raw(ROAD_PIECES);
  return rows.map((r: { id: string; road_class: string; ward_code: string | null; g: string }) => ({
    roadId: r.id, roadClass: r.road_class, wardCode: r.ward_code, coords: JSON.parse(r.g).coordinates,
  }));
}

export async function selectIntersections(db: Knex): Promise<[number, number][]> {
  const { rows } = await db.raw(INTERSECTIONS);
  return rows.map((r: { x: number; y: number }) => [r.x, r.y]);
}

export async function selectPublicSpaces(db: Knex): Promise<PublicSpace[]> {
  const { rows } = await db.raw(
    `SELECT s.id, s.name, s.kind, ${WARD_OF('ST_PointOnSurface(s.geom)')} AS ward_code, ST_AsGeoJSON(ST_Transform(s.geom, ${METRIC_SRID}), 2) AS g
       FROM public_spaces s ORDER BY s.id`,
  );
  return rows.map((r: { id: string; name: string; kind: string; ward_code: string | null; g: string }) => ({
    id: r.id, name: r.name, kind: r.kind, wardCode: r.ward_code, rings: JSON.parse(r.g).coordinates,
  }));
}

export interface RunRow {
  scenarioId: string | null;
  label: string;
  statuses: string[];
  thresholds: Record<string, number>;
  figures: Record<string, unknown>;
  user: string;
}

/** Stores a run's city figures; returns its id. */
export async function insertRun(db: Knex, run: RunRow): Promise<string> {
  const { rows } = await db.raw(
    `INSERT INTO cctv_coverage_runs (scenario_id, label, statuses, thresholds, figures, created_by)
     VALUES (?::uuid, ?, ?::text[], ?::jsonb, ?::jsonb, ?) RETURNING id`,
    [run.scenarioId, run.label, run.statuses, JSON.stringify(run.thresholds), JSON.stringify(run.figures), run.user],
  );
  return rows[0].id;
}

export async function insertWardFigures(db: Knex, runId: string, wards: readonly WardFigures[]): Promise<void> {
  if (!wards.length) return;
  const columns = ['ward_code', 'ward_name', 'area_km2', 'population', 'cameras', 'cameras_per_km2', 'cameras_per_10k_people', 'road_km',
    'road_recognition_km', 'road_recognition_pct', 'road_observation_pct', 'faulty_cameras', 'faulty_share_pct'];
  await db.raw(
    `INSERT INTO cctv_coverage_ward_figures (run_id, ${columns.join(', ')})
     SELECT ?::uuid, ${columns.map((c) => `x.${c}`).join(', ')} FROM jsonb_populate_recordset(NULL::cctv_coverage_ward_figures, ?::jsonb) AS x`,
    [runId, JSON.stringify(wards)],
  );
}

const BATCH = 2000;

/** Stores the blind road stretches (metres → WGS 84 by PostGIS). */
export async function insertRoadBlindSpots(db: Knex, runId: string, spots: readonly RoadBlindSpot[]): Promise<void> {
  for (let k = 0; k < spots.length; k += BATCH) {
    const batch = spots.slice(k, k + BATCH).map((s) => ({ id: s.roadId, c: s.roadClass, w: s.wardCode, l: s.lengthM, g: { type: 'LineString', coordinates: s.coords } }));
    await db.raw(
      `INSERT INTO cctv_coverage_blind_spots (run_id, kind, feature_id, road_class, ward_code, length_m, geom)
       SELECT ?::uuid, 'road', (e->>'id')::uuid, e->>'c', e->>'w', (e->>'l')::float8,
              ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(e->>'g'), ${METRIC_SRID}), 4326)
         FROM jsonb_array_elements(?::jsonb) e`,
      [runId, JSON.stringify(batch)],
    );
  }
}

/** Stores the blind parts of public spaces: the blind cells dissolved and clipped to the space by PostGIS. */
export async function insertSpaceBlindSpots(db: Knex, runId: string, spots: readonly SpaceBlindSpot[]): Promise<void> {
  for (const spot of spots) {
    const cells = { type: 'MultiPolygon', coordinates: spot.rects.map(([x0, y0, x1, y1]) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]) };
    await db.raw(
      `INSERT INTO cctv_coverage_blind_spots (run_id, kind, feature_id, name, ward_code, area_m2, geom)
       SELECT ?::uuid, 'public_space', s.id, s.name, ?, ?, g FROM public_spaces s
        CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(
               ST_Transform(ST_UnaryUnion(ST_SetSRID(ST_GeomFromGeoJSON(?), ${METRIC_SRID})), 4326), s.geom), 3) AS g) c
        WHERE s.id = ?::uuid AND NOT ST_IsEmpty(g)`,
      [runId, spot.wardCode, spot.areaM2, JSON.stringify(cells), spot.spaceId],
    );
  }
}

/** A run's blind spots as a GeoJSON FeatureCollection text (CRS84, 1e-6° ≈ 10 cm). */
export async function selectBlindSpots(db: Knex, runId: string): Promise<{ type: 'FeatureCollection'; features: unknown[] }> {
  const { rows } = await db.raw(
    `SELECT coalesce(json_agg(json_build_object('type', 'Feature', 'id', b.id, 'geometry', ST_AsGeoJSON(b.geom, 6)::json,
              'properties', json_build_object('run_id', b.run_id, 'kind', b.kind, 'feature_id', b.feature_id, 'name', b.name,
                'road_class', b.road_class, 'ward_code', b.ward_code, 'length_m', round(b.length_m::numeric, 1), 'area_m2', round(b.area_m2::numeric))) ORDER BY b.id), '[]'::json)::text AS f
       FROM cctv_coverage_blind_spots b WHERE b.run_id = ?::uuid`,
    [runId],
  );
  return { type: 'FeatureCollection', features: JSON.parse(rows[0].f) };
}

/** Keeps the newest `keep` runs of each camera set (the baseline, each plan); older ones go with their rows. */
export async function pruneRuns(db: Knex, keep: number): Promise<void> {
  await db.raw(
    `DELETE FROM cctv_coverage_runs WHERE id IN (
       SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY scenario_id ORDER BY created_at DESC) AS n FROM cctv_coverage_runs) r WHERE n > ?)`,
    [keep],
  );
}
