-- Cameras (not decommissioned) per 10,000 residents; no figure where the unit has no residents.
SELECT u.code, 1e4 * n.count / NULLIF(u.population, 0) AS value, n.count AS numerator, u.population AS denominator
FROM units u
CROSS JOIN LATERAL (
  SELECT count(*)::float8 AS count FROM {{plan:cameras}} c
  WHERE c.status <> 'decommissioned' AND ST_Intersects(u.geom, c.geom)
) n
