/**
 * SQL of placement suggestions: the area (a ward or a bbox) and what lies in it, in EPSG:5899 metres.
 */
import type { Knex } from 'knex';
import { planViewCondition } from '../../features/scenarios/plan-view.js';
import { CAMERA_COLUMNS, METRIC_SRID, type CameraRow, type MetricBox } from '../camera-view/repository.js';
import type { RoadPiece } from '../city-coverage/samples.js';

export interface Area {
  /** WGS 84 geometry as EWKT, for the other queries of the run. */
  ewkt: string;
  box: MetricBox;
  /** Outer rings in metres. */
  rings: [number, number][][];
  areaKm2: number;
}

const AREA_OUT = `ST_AsEWKT(g) AS ewkt, ST_AsGeoJSON(ST_Transform(g, ${METRIC_SRID}), 2) AS m, ST_Area(g::geography) / 1e6 AS km2,
  ST_XMin(ST_Transform(g, ${METRIC_SRID})) AS x0, ST_YMin(ST_Transform(g, ${METRIC_SRID})) AS y0,
  ST_XMax(ST_Transform(g, ${METRIC_SRID})) AS x1, ST_YMax(ST_Transform(g, ${METRIC_SRID})) AS y1`;

function areaOf(r: { ewkt: string; m: string; km2: number; x0: number; y0: number; x1: number; y1: number }): Area {
  const geometry = JSON.parse(r.m);
  const polygons: [number, number][][][] = geometry.type === 'MultiPolygon' ? geometry.coordinates : [geometry.coordinates];
  return { ewkt: r.ewkt, box: { minX: r.x0, minY: r.y0, maxX: r.x1, maxY: r.y1 }, rings: polygons.map((p) => p[0]), areaKm2: r.km2 };
}

/** A ward's area, or undefined when no ward has the code. */
export async function selectWardArea(db: Knex, code: string): Promise<Area | undefined> {
  const { rows } = await db.raw(`SELECT ${AREA_OUT} FROM (SELECT geom AS g FROM admin_units WHERE level = 'ward' AND code = ?) s`, [code]);
  return rows[0] && areaOf(rows[0]);
}

/** A lon/lat box as an area. */
export async function selectBboxArea(db: Knex, [minLon, minLat, maxLon, maxLat]: number[]): Promise<Area> {
  const { rows } = await db.raw(`SELECT ${AREA_OUT} FROM (SELECT ST_MakeEnvelope(?, ?, ?, ?, 4326) AS g) s`, [minLon, minLat, maxLon, maxLat]);
  return areaOf(rows[0]);
}

/** The roads inside the area, cut at its edge. */
export async function selectRoadPiecesIn(db: Knex, area: Area): Promise<RoadPiece[]> {
  const { rows } = await db.raw(
    `WITH a AS (SELECT ST_GeomFromEWKT(?) AS g)
     SELECT id, road_class, ST_AsGeoJSON(ST_Transform(p, ${METRIC_SRID}), 2) AS g FROM (
       SELECT r.id, r.road_class, (ST_Dump(ST_CollectionExtract(ST_Intersection(r.geom, a.g), 2))).geom AS p
         FROM roads r CROSS JOIN a WHERE r.geom && a.g AND ST_Intersects(r.geom, a.g)) s
      WHERE ST_Length(p) > 0 ORDER BY id`,
    [area.ewkt],
  );
  return rows.map((r: { id: string; road_class: string; g: string }) => ({ roadId: r.id, roadClass: r.road_class, wardCode: null, coords: JSON.parse(r.g).coordinates }));
}

/** Outer rings (metres) of the public spaces meeting the area. */
export async function selectPublicSpaceRingsIn(db: Knex, area: Area): Promise<[number, number][][]> {
  const { rows } = await db.raw(
    `SELECT ST_AsGeoJSON(ST_Transform(ST_ExteriorRing(s.geom), ${METRIC_SRID}), 2) AS g FROM public_spaces s
      WHERE s.geom && ST_GeomFromEWKT(?) AND ST_Intersects(s.geom, ST_GeomFromEWKT(?)) ORDER BY s.id`,
    [area.ewkt, area.ewkt],
  );
  return rows.map((r: { g: string }) => JSON.parse(r.g).coordinates);
}

/** Cameras of the plan (null: baseline) within a metric box. */
export async function selectCamerasIn(db: Knex, scenarioId: string | null, box: MetricBox): Promise<CameraRow[]> {
  const plan = planViewCondition('cameras', 't', scenarioId);
  const { rows } = await db.raw(
    `SELECT ${CAMERA_COLUMNS} FROM cameras t WHERE t.geom && ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ${METRIC_SRID}), 4326) AND ${plan.sql} ORDER BY t.id`,
    [box.minX, box.minY, box.maxX, box.maxY, ...plan.bindings],
  );
  return rows;
}
