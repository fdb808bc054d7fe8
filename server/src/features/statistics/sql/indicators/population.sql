-- Residents of the unit (census figure stored on admin_units).
SELECT u.code, u.population AS value, u.population AS numerator, NULL::float8 AS denominator
FROM units u
