-- Road intersections (crossings and T-junctions) in EPSG:5899, merged within 2 m.
WITH crossings AS (
  SELECT (ST_Dump(ST_Intersection(a.geom, b.geom))).geom AS g
    FROM roads a JOIN roads b ON a.id < b.id AND a.geom && b.geom AND ST_Intersects(a.geom, b.geom)
)
SELECT DISTINCT ST_X(p) AS x, ST_Y(p) AS y
  FROM (SELECT ST_SnapToGrid(ST_Transform(g, 5899), 2) AS p FROM crossings WHERE GeometryType(g) = 'POINT') s
 ORDER BY 1, 2
