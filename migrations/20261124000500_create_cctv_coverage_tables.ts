import type { Knex } from 'knex';

/**
 * Results of the city-coverage analysis, kept for the thematic maps and for comparing runs:
 * - cctv_coverage_runs: one row per computed camera set (the baseline or a plan) with its city figures;
 * - cctv_coverage_ward_figures: per run and ward, the figures the thematic maps show (cameras per km² and per
 *   10,000 people, % of road length at Recognition or better, faulty cameras and their share);
 * - cctv_coverage_blind_spots: road stretches and parts of public spaces not seen at Observation or better;
 * - cctv_coverage_ward_latest: the ward figures of the newest baseline run (what a thematic map shows by default).
 * Runs of a plan go with the plan (ON DELETE CASCADE).
 */
const STATEMENTS = [
  `CREATE TABLE cctv_coverage_runs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    scenario_id uuid REFERENCES scenarios(id) ON DELETE CASCADE,
    label text NOT NULL CHECK (length(label) BETWEEN 1 AND 240),
    statuses text[] NOT NULL,
    thresholds jsonb NOT NULL,
    figures jsonb NOT NULL,
    created_by text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  'CREATE INDEX cctv_coverage_runs_by_scenario ON cctv_coverage_runs (scenario_id, created_at DESC)',
  `CREATE TABLE cctv_coverage_ward_figures (
    run_id uuid NOT NULL REFERENCES cctv_coverage_runs(id) ON DELETE CASCADE,
    ward_code text NOT NULL,
    ward_name text NOT NULL,
    area_km2 double precision NOT NULL CHECK (area_km2 >= 0),
    population integer CHECK (population >= 0),
    cameras integer NOT NULL CHECK (cameras >= 0),
    cameras_per_km2 double precision CHECK (cameras_per_km2 >= 0),
    cameras_per_10k_people double precision CHECK (cameras_per_10k_people >= 0),
    road_km double precision NOT NULL CHECK (road_km >= 0),
    road_recognition_km double precision NOT NULL CHECK (road_recognition_km >= 0),
    road_recognition_pct double precision CHECK (road_recognition_pct BETWEEN 0 AND 100),
    road_observation_pct double precision CHECK (road_observation_pct BETWEEN 0 AND 100),
    faulty_cameras integer NOT NULL CHECK (faulty_cameras >= 0),
    faulty_share_pct double precision CHECK (faulty_share_pct BETWEEN 0 AND 100),
    PRIMARY KEY (run_id, ward_code)
  )`,
  `CREATE TABLE cctv_coverage_blind_spots (
    id bigserial PRIMARY KEY,
    run_id uuid NOT NULL REFERENCES cctv_coverage_runs(id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('road', 'public_space')),
    feature_id uuid NOT NULL,
    name text,
    road_class text,
    ward_code text,
    length_m double precision CHECK (length_m >= 0),
    area_m2 double precision CHECK (area_m2 >= 0),
    geom geometry(Geometry, 4326) NOT NULL
  )`,
  'CREATE INDEX cctv_coverage_blind_spots_by_run ON cctv_coverage_blind_spots (run_id)',
  'CREATE INDEX cctv_coverage_blind_spots_geom_gist ON cctv_coverage_blind_spots USING gist (geom)',
  `CREATE VIEW cctv_coverage_ward_latest AS
    SELECT f.*, r.created_at AS computed_at FROM cctv_coverage_ward_figures f
      JOIN (SELECT id, created_at FROM cctv_coverage_runs WHERE scenario_id IS NULL ORDER BY created_at DESC LIMIT 1) r ON r.id = f.run_id`,
];

export async function up(knex: Knex): Promise<void> {
  for (const sql of STATEMENTS) await knex.raw(sql);
}

export async function down(knex: Knex): Promise<void> {
  for (const sql of [
    'DROP VIEW IF EXISTS cctv_coverage_ward_latest',
    'DROP TABLE IF EXISTS cctv_coverage_blind_spots',
    'DROP TABLE IF EXISTS cctv_coverage_ward_figures',
    'DROP TABLE IF EXISTS cctv_coverage_runs',
  ]) {
    await knex.raw(sql);
  }
}
