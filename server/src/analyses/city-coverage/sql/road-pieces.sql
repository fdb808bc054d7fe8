-- Roads cut by ward boundaries, in EPSG:5899: each piece knows its ward; parts outside every ward keep a NULL ward.
WITH wards AS (
  SELECT code, geom FROM admin_units WHERE level = 'ward'
), everywhere AS (
  SELECT coalesce(ST_Union(geom), ST_SetSRID('GEOMETRYCOLLECTION EMPTY'::geometry, 4326)) AS geom FROM wards
), pieces AS (
  SELECT r.id, r.road_class, w.code AS ward_code, (ST_Dump(ST_CollectionExtract(ST_Intersection(r.geom, w.geom), 2))).geom AS g
    FROM roads r JOIN wards w ON r.geom && w.geom AND ST_Intersects(r.geom, w.geom)
  UNION ALL
  SELECT r.id, r.road_class, NULL, (ST_Dump(ST_CollectionExtract(ST_Difference(r.geom, e.geom), 2))).geom
    FROM roads r CROSS JOIN everywhere e WHERE NOT ST_CoveredBy(r.geom, e.geom)
)
SELECT id, road_class, ward_code, ST_AsGeoJSON(ST_Transform(g, 5899), 2) AS g
  FROM pieces WHERE NOT ST_IsEmpty(g) AND ST_Length(g) > 0
 ORDER BY id, ward_code
