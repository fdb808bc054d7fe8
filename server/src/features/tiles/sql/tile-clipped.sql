-- Features of one tile, clipped (with a 64-pixel buffer), scaled to 4096 tile pixels with y pointing down,
-- snapped to whole pixels, as GeoJSON: the same geometry work as ST_AsMVTGeom, for databases whose PostGIS
-- lacks protobuf; Node encodes the tile. Exterior rings are made clockwise before the y flip, so that they come
-- out with the positive area the MVT specification (2.1, section 4.3.4.4) asks for.
-- The double-brace placeholders are filled from the collection registry, never from a request.
-- Bindings: z, x, y (tile), z, x, y (buffered tile).
WITH bounds AS (
  SELECT ST_TileEnvelope(?, ?, ?) AS env, ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096) AS clip
), rows AS (
  SELECT t.id::text AS id {{columns}},
         ST_SnapToGrid(
           ST_TransScale(
             ST_ClipByBox2D(ST_ForcePolygonCW(ST_Transform(t.geom, 3857)), bounds.clip),
             -ST_XMin(bounds.env), -ST_YMax(bounds.env),
             4096 / (ST_XMax(bounds.env) - ST_XMin(bounds.env)), -4096 / (ST_YMax(bounds.env) - ST_YMin(bounds.env))),
           1) AS tile_geom
  FROM {{table}} t, bounds
  WHERE t.geom && ST_Transform(bounds.clip, 4326) {{scenario_filter}}
)
SELECT id {{column_names}}, ST_AsGeoJSON(tile_geom, 0, 0) AS geojson FROM rows WHERE NOT ST_IsEmpty(tile_geom)
