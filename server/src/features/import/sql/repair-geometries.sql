-- The ST_MakeValid repair of invalid polygons and what it changes: validity after, the parts it makes, the
-- area before and after in m² (planar in VN-2000 / TM-3 EPSG:5899, the city's grid; the area of a
-- self-intersecting ring is what the shoelace formula gives, lobes of opposite turn cancelling), and whether
-- the result lies in the planning area. A layer of single polygons keeps the largest part.
-- Bindings: srid of the file's CRS, the batch as JSON [{"i", "g"}], single-polygon layer (boolean),
-- the planning area as minLon, minLat, maxLon, maxLat.
WITH src AS (
  SELECT r.i, ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(r.g)), ?::integer) AS g
  FROM json_to_recordset(?::json) AS r(i integer, g json)
), fixed AS (
  SELECT i, g, ST_CollectionExtract(ST_MakeValid(g), 3) AS f FROM src
), kept AS (
  SELECT i, g, ST_NumGeometries(f) AS parts,
         CASE WHEN ?::boolean AND ST_NumGeometries(f) > 1
              THEN (SELECT d.geom FROM ST_Dump(f) d ORDER BY ST_Area(d.geom) DESC LIMIT 1) ELSE f END AS k
  FROM fixed
)
SELECT i, parts, NOT ST_IsEmpty(k) AND ST_IsValid(k) AS valid_after,
       ST_Area(ST_Transform(g, 5899)) AS area_before_m2,
       CASE WHEN ST_IsEmpty(k) THEN 0 ELSE ST_Area(ST_Transform(k, 5899)) END AS area_after_m2,
       CASE WHEN ST_IsEmpty(k) THEN NULL ELSE ST_AsGeoJSON(k, 9) END AS geometry,
       NOT ST_IsEmpty(k) AND ST_Transform(k, 4326) @ ST_MakeEnvelope(?, ?, ?, ?, 4326) AS inside
FROM kept
