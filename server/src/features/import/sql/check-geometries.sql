-- Validity (OGC Simple Features, as ST_IsValidDetail judges it) and the planning area, for a batch of imported
-- geometries in the file's CRS. Answers only the rows with a problem; the place of an invalidity is in the
-- file's CRS, the centre of a misplaced geometry in lon/lat.
-- Bindings: srid of the file's CRS, the batch as JSON [{"i": row index, "g": GeoJSON geometry}],
-- the planning area as minLon, minLat, maxLon, maxLat.
WITH src AS (
  SELECT r.i, ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(r.g)), ?::integer) AS g
  FROM json_to_recordset(?::json) AS r(i integer, g json)
), checked AS (
  SELECT i, g, ST_IsValidDetail(g) AS d FROM src
), placed AS (
  SELECT i, d, CASE WHEN (d).valid THEN ST_Transform(g, 4326) END AS t FROM checked
)
SELECT i, (d).valid AS valid, (d).reason AS reason, ST_X((d).location) AS x, ST_Y((d).location) AS y,
       ST_X(ST_Centroid(t)) AS lon, ST_Y(ST_Centroid(t)) AS lat
FROM placed
WHERE NOT (d).valid OR NOT (t @ ST_MakeEnvelope(?, ?, ?, ?, 4326))
