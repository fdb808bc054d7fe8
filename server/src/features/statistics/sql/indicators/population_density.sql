-- Residents per km² of the unit's area on the spheroid.
SELECT u.code, u.population / NULLIF(u.area_km2, 0) AS value, u.population AS numerator, u.area_km2 AS denominator
FROM units u
