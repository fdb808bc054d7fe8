-- Faulty cameras as a percentage of installed ones (existing + faulty); no figure where none is installed.
SELECT u.code, 100 * n.faulty / NULLIF(n.installed, 0) AS value, n.faulty AS numerator, n.installed AS denominator
FROM units u
CROSS JOIN LATERAL (
  SELECT count(*) FILTER (WHERE c.status = 'faulty')::float8 AS faulty,
         count(*) FILTER (WHERE c.status IN ('existing', 'faulty'))::float8 AS installed
  FROM {{plan:cameras}} c
  WHERE ST_Intersects(u.geom, c.geom)
) n
