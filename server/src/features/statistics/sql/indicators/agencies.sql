-- Public agencies located in the unit (agencies are baseline data: plans do not move them).
SELECT u.code, n.count AS value, n.count AS numerator, NULL::float8 AS denominator
FROM units u
CROSS JOIN LATERAL (
  SELECT count(*)::float8 AS count FROM agencies a WHERE ST_Intersects(u.geom, a.geom)
) n
