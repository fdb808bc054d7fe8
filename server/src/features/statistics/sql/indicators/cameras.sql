-- Cameras inside the unit, as the plan (or the baseline) has them; retired (decommissioned) ones are not counted.
SELECT u.code, n.count AS value, n.count AS numerator, NULL::float8 AS denominator
FROM units u
CROSS JOIN LATERAL (
  SELECT count(*)::float8 AS count FROM {{plan:cameras}} c
  WHERE c.status <> 'decommissioned' AND ST_Intersects(u.geom, c.geom)
) n
