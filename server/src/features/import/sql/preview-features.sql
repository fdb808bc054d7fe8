-- Imported geometries in WGS 84 lon/lat (7 decimals, about 1 cm) for the preview map.
-- Bindings: srid of the file's CRS, the batch as JSON [{"i", "g"}].
SELECT r.i, ST_AsGeoJSON(ST_Transform(ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(r.g)), ?::integer), 4326), 7) AS geometry
FROM json_to_recordset(?::json) AS r(i integer, g json)
