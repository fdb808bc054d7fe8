import type { Knex } from 'knex';

/**
 * Every layer of DESIGN.md section 4: geometry in EPSG:4326 with a GiST index, a version bumped by trigger,
 * a history trigger into feature_history, and the registry's ranges and enums as CHECK constraints
 * (the database refuses what the API would refuse, whoever writes).
 */

const STATUS = `status text NOT NULL DEFAULT 'existing' CHECK (status IN ('existing','planned','faulty','decommissioned'))`;

interface LayerDdl {
  table: string;
  geometry: string;
  columns: string[];
  scenarioAware: boolean;
}

const LAYERS: LayerDdl[] = [
  {
    table: 'admin_units',
    geometry: 'MultiPolygon',
    scenarioAware: false,
    columns: [
      `level text NOT NULL CHECK (level IN ('city','district','ward'))`,
      `code text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 20)`,
      `name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)`,
      `unit_type text CHECK (length(unit_type) <= 40)`,
      `parent_code text CHECK (length(parent_code) <= 20)`,
      `area_km2 double precision CHECK (area_km2 >= 0)`,
      `population integer CHECK (population >= 0)`,
      `urban_population integer CHECK (urban_population >= 0)`,
      `population_year integer CHECK (population_year BETWEEN 1900 AND 2100)`,
    ],
  },
  {
    table: 'land_use',
    geometry: 'MultiPolygon',
    scenarioAware: false,
    columns: [
      `zone_class text NOT NULL CHECK (zone_class IN ('residential','commercial','mixed','industrial','public','green','water','agriculture','forest','transport','tourism'))`,
      `name text CHECK (length(name) <= 200)`,
    ],
  },
  {
    table: 'roads',
    geometry: 'LineString',
    scenarioAware: false,
    columns: [
      `name text CHECK (length(name) <= 200)`,
      `road_class text NOT NULL CHECK (road_class IN ('motorway','arterial','primary','secondary','tertiary','residential','service'))`,
      `lanes integer CHECK (lanes BETWEEN 1 AND 12)`,
    ],
  },
  {
    table: 'buildings',
    geometry: 'Polygon',
    scenarioAware: false,
    columns: [
      `height_m double precision CHECK (height_m BETWEEN 0 AND 500)`,
      `floors integer CHECK (floors BETWEEN 0 AND 150)`,
      `use text CHECK (use IN ('residential','shophouse','commercial','office','hotel','public','industrial','education','health','religious'))`,
    ],
  },
  {
    table: 'public_spaces',
    geometry: 'Polygon',
    scenarioAware: false,
    columns: [
      `name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)`,
      `kind text NOT NULL CHECK (kind IN ('park','beach','market','square','tourist_site','health_centre'))`,
      `wifi_wanted boolean`,
      `cctv_wanted boolean`,
    ],
  },
  {
    table: 'man_nodes',
    geometry: 'Point',
    scenarioAware: true,
    columns: [
      `name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)`,
      `kind text NOT NULL CHECK (kind IN ('core','aggregation','access','data_centre','ioc'))`,
      STATUS,
      `capacity_gbps double precision NOT NULL CHECK (capacity_gbps > 0 AND capacity_gbps <= 100000)`,
      `storage_tb double precision CHECK (storage_tb BETWEEN 0 AND 1000000)`,
    ],
  },
  {
    table: 'agencies',
    geometry: 'Point',
    scenarioAware: false,
    columns: [
      `name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200)`,
      `kind text NOT NULL CHECK (kind IN ('city','district','ward','department','police','health','education','utility'))`,
      `ward_code text CHECK (length(ward_code) <= 20)`,
      `man_node_id uuid REFERENCES man_nodes(id) ON DELETE SET NULL`,
    ],
  },
  {
    table: 'man_links',
    geometry: 'LineString',
    scenarioAware: true,
    columns: [
      `from_node_id uuid NOT NULL REFERENCES man_nodes(id) ON DELETE CASCADE`,
      `to_node_id uuid NOT NULL REFERENCES man_nodes(id) ON DELETE CASCADE`,
      `fibre_count integer NOT NULL CHECK (fibre_count BETWEEN 1 AND 1000)`,
      `capacity_gbps double precision NOT NULL CHECK (capacity_gbps > 0 AND capacity_gbps <= 100000)`,
      STATUS,
      `CHECK (from_node_id <> to_node_id)`,
    ],
  },
  {
    table: 'cameras',
    geometry: 'Point',
    scenarioAware: true,
    columns: [
      `name text CHECK (length(name) <= 200)`,
      `owner text NOT NULL CHECK (owner IN ('police','transport','city','district','ward','tourism','resident'))`,
      `purpose text NOT NULL CHECK (purpose IN ('traffic','security','tourism','environment','general'))`,
      STATUS,
      `mount_height_m double precision NOT NULL CHECK (mount_height_m BETWEEN 0.5 AND 100)`,
      `heading_deg double precision NOT NULL CHECK (heading_deg >= 0 AND heading_deg < 360)`,
      `tilt_deg double precision NOT NULL CHECK (tilt_deg BETWEEN -30 AND 90)`,
      `sensor_width_mm double precision CHECK (sensor_width_mm > 0 AND sensor_width_mm <= 50)`,
      `focal_length_mm double precision CHECK (focal_length_mm > 0 AND focal_length_mm <= 1000)`,
      `hfov_deg double precision CHECK (hfov_deg > 0 AND hfov_deg < 180)`,
      `resolution_h integer NOT NULL CHECK (resolution_h BETWEEN 1 AND 20000)`,
      `resolution_v integer NOT NULL CHECK (resolution_v BETWEEN 1 AND 20000)`,
      `codec text NOT NULL CHECK (codec IN ('H.264','H.265','MJPEG'))`,
      `frame_rate double precision NOT NULL CHECK (frame_rate > 0 AND frame_rate <= 120)`,
      `retention_days integer NOT NULL CHECK (retention_days BETWEEN 1 AND 3650)`,
      `bitrate_mbps double precision CHECK (bitrate_mbps > 0 AND bitrate_mbps <= 200)`,
      `man_node_id uuid REFERENCES man_nodes(id) ON DELETE SET NULL`,
      // Optics need either a lens (sensor + focal length) or a stated field of view.
      `CHECK (hfov_deg IS NOT NULL OR (sensor_width_mm IS NOT NULL AND focal_length_mm IS NOT NULL))`,
    ],
  },
  {
    table: 'wifi_aps',
    geometry: 'Point',
    scenarioAware: true,
    columns: [
      `name text CHECK (length(name) <= 200)`,
      `bands text NOT NULL CHECK (bands IN ('2.4GHz','5GHz','2.4+5GHz','2.4+5+6GHz'))`,
      `tx_power_dbm double precision NOT NULL CHECK (tx_power_dbm BETWEEN 0 AND 36)`,
      `antenna_gain_dbi double precision NOT NULL CHECK (antenna_gain_dbi BETWEEN 0 AND 20)`,
      `height_m double precision CHECK (height_m BETWEEN 0 AND 100)`,
      STATUS,
    ],
  },
  {
    table: 'bts_sites',
    geometry: 'Point',
    scenarioAware: true,
    columns: [
      `name text CHECK (length(name) <= 200)`,
      `operator text NOT NULL CHECK (operator IN ('MobiFone','VinaPhone','Viettel','Vietnamobile'))`,
      `technology text NOT NULL CHECK (technology IN ('4G','5G'))`,
      `site_type text NOT NULL CHECK (site_type IN ('macro','small','compact'))`,
      `height_m double precision CHECK (height_m BETWEEN 0 AND 300)`,
      STATUS,
      `sectors jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(sectors) = 'array')`,
    ],
  },
  {
    table: 'iot_gateways',
    geometry: 'Point',
    scenarioAware: true,
    columns: [
      `name text CHECK (length(name) <= 200)`,
      `technology text NOT NULL CHECK (technology IN ('LoRaWAN','NB-IoT'))`,
      `height_m double precision CHECK (height_m BETWEEN 0 AND 300)`,
      STATUS,
    ],
  },
  {
    table: 'sensors',
    geometry: 'Point',
    scenarioAware: true,
    columns: [
      `name text CHECK (length(name) <= 200)`,
      `kind text NOT NULL CHECK (kind IN ('air_quality','water_level','noise','public_lighting','weather','traffic_counter'))`,
      `gateway_id uuid REFERENCES iot_gateways(id) ON DELETE SET NULL`,
      STATUS,
    ],
  },
];

// One statement per string: the embedded engine runs each as a prepared statement, which takes one command.
const BUMP_VERSION_FUNCTION = `
CREATE OR REPLACE FUNCTION bump_feature_version() RETURNS trigger AS $$
BEGIN
  NEW.version := OLD.version + 1;
  NEW.updated_at := now();
  RETURN NEW;
END $$ LANGUAGE plpgsql`;

// The acting user comes from the transaction (SET LOCAL app.user), so a delete records who deleted.
const HISTORY_FUNCTION = `
CREATE OR REPLACE FUNCTION record_feature_history() RETURNS trigger AS $$
DECLARE
  row_data record;
  row_version integer;
BEGIN
  IF TG_OP = 'DELETE' THEN
    row_data := OLD;
    row_version := OLD.version + 1;
  ELSE
    row_data := NEW;
    row_version := NEW.version;
  END IF;
  INSERT INTO feature_history (collection, feature_id, version, operation, geom, properties, user_name)
  VALUES (TG_TABLE_NAME, row_data.id, row_version, lower(TG_OP), row_data.geom,
          to_jsonb(row_data) - 'geom',
          coalesce(nullif(current_setting('app.user', true), ''), row_data.updated_by));
  RETURN NULL;
END $$ LANGUAGE plpgsql`;

function createLayerStatements(layer: LayerDdl): string[] {
  const columns = [
    `id uuid PRIMARY KEY DEFAULT gen_random_uuid()`,
    `geom geometry(${layer.geometry}, 4326) NOT NULL CHECK (ST_IsValid(geom))`,
    ...layer.columns,
    ...(layer.scenarioAware ? [`scenario_id uuid REFERENCES scenarios(id) ON DELETE CASCADE`] : []),
    `version integer NOT NULL DEFAULT 1`,
    `created_at timestamptz NOT NULL DEFAULT now()`,
    `updated_at timestamptz NOT NULL DEFAULT now()`,
    `updated_by text`,
  ];
  const t = layer.table;
  return [
    `CREATE TABLE ${t} (\n  ${columns.join(',\n  ')}\n)`,
    `CREATE INDEX ${t}_geom_gist ON ${t} USING gist (geom)`,
    ...(layer.scenarioAware ? [`CREATE INDEX ${t}_scenario_idx ON ${t} (scenario_id)`] : []),
    `CREATE TRIGGER ${t}_bump_version BEFORE UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION bump_feature_version()`,
    `CREATE TRIGGER ${t}_history AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION record_feature_history()`,
  ];
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE EXTENSION IF NOT EXISTS postgis');
  const statements = [
    `CREATE TABLE scenarios (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 4000),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','approved','merged','discarded')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by text,
  updated_by text
)`,
    `CREATE TABLE feature_history (
  id bigserial PRIMARY KEY,
  collection text NOT NULL,
  feature_id uuid NOT NULL,
  version integer NOT NULL,
  operation text NOT NULL CHECK (operation IN ('insert','update','delete')),
  geom geometry(Geometry, 4326),
  properties jsonb NOT NULL,
  user_name text,
  at timestamptz NOT NULL DEFAULT now()
)`,
    `CREATE INDEX feature_history_feature_idx ON feature_history (collection, feature_id, version)`,
    `CREATE INDEX feature_history_at_idx ON feature_history (at)`,
    BUMP_VERSION_FUNCTION,
    HISTORY_FUNCTION,
    ...LAYERS.flatMap(createLayerStatements),
  ];
  for (const sql of statements) await knex.raw(sql);
}

export async function down(knex: Knex): Promise<void> {
  for (const layer of [...LAYERS].reverse()) await knex.raw(`DROP TABLE IF EXISTS ${layer.table} CASCADE`);
  for (const sql of [
    'DROP TABLE IF EXISTS feature_history',
    'DROP TABLE IF EXISTS scenarios',
    'DROP FUNCTION IF EXISTS record_feature_history()',
    'DROP FUNCTION IF EXISTS bump_feature_version()',
  ]) {
    await knex.raw(sql);
  }
}
