-- Share of the ward's road length covered at Observation or better, from the newest CCTV city-coverage run on
-- the requested plan (or the baseline when :scenario is NULL); no figure where no run covered the ward.
SELECT u.code, f.road_observation_pct AS value, f.covered_km AS numerator, f.road_km AS denominator
FROM units u
JOIN LATERAL (
  SELECT w.road_observation_pct, w.road_km * w.road_observation_pct / 100 AS covered_km, w.road_km
  FROM cctv_coverage_ward_figures w
  JOIN cctv_coverage_runs r ON r.id = w.run_id
  WHERE w.ward_code = u.code AND r.scenario_id IS NOT DISTINCT FROM CAST(:scenario AS uuid)
  ORDER BY r.created_at DESC
  LIMIT 1
) f ON true
