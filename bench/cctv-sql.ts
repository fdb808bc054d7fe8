/**
 * The straightforward PostGIS way to get a camera's occluded field of view, as the benchmark's reference: the
 * annular sector as a polygon, minus the union of every nearby building's shadow. A building's shadow from the
 * lens is the convex hull of its footprint and of the footprint scaled about the camera by h / (h − H) (to past
 * the sector's edge when H ≥ h); the city's footprints are convex, so the hull is exact. A façade camera's own
 * building is left out, as in the JavaScript model. Buildings are looked up over the whole wedge from the lens,
 * not only the annulus: a building between the camera and the near edge hides the annulus too.
 */
import type { Knex } from 'knex';

export interface SectorCamera {
  x: number;
  y: number;
  mountHeightM: number;
  headingDeg: number;
  hfovDeg: number;
  nearM: number;
  farM: number;
}

/** WKT of the annular sector in EPSG:5899, arcs drawn every `stepDeg` degrees. */
export function sectorWkt(c: SectorCamera, stepDeg = 0.1): string {
  const n = Math.max(2, Math.ceil(c.hfovDeg / stepDeg) + 1);
  const a0 = ((c.headingDeg - c.hfovDeg / 2) * Math.PI) / 180, da = (c.hfovDeg * Math.PI) / 180 / (n - 1);
  const at = (r: number, k: number) => `${c.x + r * Math.sin(a0 + k * da)} ${c.y + r * Math.cos(a0 + k * da)}`;
  const outer = Array.from({ length: n }, (_, k) => at(c.farM, k));
  const inner = Array.from({ length: n }, (_, k) => at(Math.max(c.nearM, 0.05), n - 1 - k));
  return `POLYGON((${[...outer, ...inner, outer[0]].join(', ')}))`;
}

const SQL = `
WITH cam AS (
  SELECT ST_SetSRID(ST_MakePoint(?, ?), 5899) AS p, ?::float8 AS h, ?::float8 AS far, ST_GeomFromText(?, 5899) AS sector
), near AS (
  SELECT ST_Transform(b.geom, 5899) AS g, coalesce(b.height_m, b.floors * 3.3, 6.0) AS hb
    FROM buildings b, cam WHERE b.geom && ST_Transform(ST_Envelope(ST_Collect(cam.sector, cam.p)), 4326)
), occluders AS (
  SELECT n.g, n.hb FROM near n, cam
   WHERE NOT (ST_Contains(n.g, cam.p) AND ST_Distance(ST_ExteriorRing(n.g), cam.p) <= 0.5)
), shadows AS (
  SELECT ST_ConvexHull(ST_Collect(o.g, ST_Translate(ST_Scale(ST_Translate(o.g, -ST_X(cam.p), -ST_Y(cam.p)), k, k), ST_X(cam.p), ST_Y(cam.p)))) AS s
    FROM occluders o, cam,
         LATERAL (SELECT CASE WHEN o.hb >= cam.h THEN cam.far / greatest(ST_Distance(o.g, cam.p), 0.01) + 1
                              ELSE cam.h / (cam.h - o.hb) END AS k) f
)
SELECT ST_Area(ST_Difference(cam.sector, coalesce((SELECT ST_Union(s) FROM shadows), ST_SetSRID('POLYGON EMPTY'::geometry, 5899)))) AS area FROM cam`;

/** Area (m²) of the camera's sector the buildings leave in view, computed by PostGIS alone. */
export async function sqlVisibleArea(db: Knex, c: SectorCamera): Promise<number> {
  const { rows } = await db.raw(SQL, [c.x, c.y, c.mountHeightM, c.farM, sectorWkt(c)]);
  return rows[0].area;
}
