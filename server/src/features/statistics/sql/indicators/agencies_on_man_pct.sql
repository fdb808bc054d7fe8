-- Agencies whose MAN node exists and is not decommissioned, as a percentage of the unit's agencies.
-- A plan's copy of a node stands in for the baseline node it replaces (coalesce(replaces_id, id)).
SELECT u.code, 100 * n.connected / NULLIF(n.total, 0) AS value, n.connected AS numerator, n.total AS denominator
FROM units u
CROSS JOIN LATERAL (
  SELECT count(*)::float8 AS total,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM {{plan:man_nodes}} m
           WHERE coalesce(m.replaces_id, m.id) = a.man_node_id AND m.status <> 'decommissioned'
         ))::float8 AS connected
  FROM agencies a
  WHERE ST_Intersects(u.geom, a.geom)
) n
