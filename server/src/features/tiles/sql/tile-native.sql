-- One Mapbox Vector Tile encoded by PostGIS (ST_AsMVT needs PostGIS built with protobuf).
-- The double-brace placeholders are filled from the collection registry, never from a request.
-- Bindings: z, x, y (tile), z, x, y (search area), layer name.
WITH rows AS (
  SELECT ST_AsMVTGeom(ST_Transform(t.geom, 3857), ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS mvt_geom,
         t.id::text AS id {{columns}}
  FROM {{table}} t
  -- The search area is transformed to the column's SRID, so the GiST index on geom is used.
  WHERE t.geom && ST_Transform(ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096), 4326) {{scenario_filter}}
)
SELECT ST_AsMVT(rows, ?, 4096, 'mvt_geom') AS tile FROM rows WHERE mvt_geom IS NOT NULL
