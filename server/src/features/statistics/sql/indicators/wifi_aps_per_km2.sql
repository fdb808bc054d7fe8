-- Public Wi-Fi access points (not decommissioned) per km² of the unit's area on the spheroid.
SELECT u.code, n.count / NULLIF(u.area_km2, 0) AS value, n.count AS numerator, u.area_km2 AS denominator
FROM units u
CROSS JOIN LATERAL (
  SELECT count(*)::float8 AS count FROM {{plan:wifi_aps}} w
  WHERE w.status <> 'decommissioned' AND ST_Intersects(u.geom, w.geom)
) n
