-- The units of one administrative level with one indicator's figures, the frame every indicator runs in.
-- {{indicator}} is the indicator's SELECT (from the registry's SQL file, never from a request).
-- Named bindings: :level (admin level), :scenario (plan id, NULL for the baseline).
WITH units AS MATERIALIZED (
  -- Materialized so that each unit's area is computed once, not once per feature joined to it.
  SELECT code, name, parent_code, geom, population,
         ST_Area(geom::geography) / 1e6 AS area_km2
  FROM admin_units
  WHERE level = :level
),
figures AS (
{{indicator}}
)
SELECT u.code, u.name, u.parent_code,
       f.value::float8 AS value, f.numerator::float8 AS numerator, f.denominator::float8 AS denominator,
       ST_X(p.pt) AS label_lon, ST_Y(p.pt) AS label_lat,
       ST_XMin(u.geom) AS min_lon, ST_YMin(u.geom) AS min_lat, ST_XMax(u.geom) AS max_lon, ST_YMax(u.geom) AS max_lat
FROM units u
LEFT JOIN figures f ON f.code = u.code
CROSS JOIN LATERAL (SELECT ST_PointOnSurface(u.geom) AS pt) p
ORDER BY u.code
