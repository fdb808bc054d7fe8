/**
 * SQL of the camera analyses: cameras (as a plan changes them) and building footprints, handed to the pure
 * modules in VN-2000 / TM-3 107°45′ metres (EPSG:5899), the local metric CRS of every CCTV analysis. PostGIS
 * transforms; the buildings' index on EPSG:4326 is used through the envelope transformed back.
 */
import type { Knex } from 'knex';
import { planViewCondition } from '../../features/scenarios/plan-view.js';
import type { BuildingInput, PackedBuildings } from './buildings.js';

/** The metric CRS of the CCTV analyses: VN-2000 / TM-3 107°45′ (Đà Nẵng's grid). */
export const METRIC_SRID = 5899;

/** Assumed height of a building without one: its floors at 3.3 m, else a two-storey house (m). */
export const BUILDING_HEIGHT_SQL = 'coalesce(b.height_m, b.floors * 3.3, 6.0)';

export interface CameraRow {
  id: string;
  name: string | null;
  owner: string;
  purpose: string;
  status: string;
  mount_height_m: number;
  heading_deg: number;
  tilt_deg: number;
  sensor_width_mm: number | null;
  focal_length_mm: number | null;
  hfov_deg: number | null;
  resolution_h: number;
  resolution_v: number;
  man_node_id: string | null;
  scenario_id: string | null;
  replaces_id: string | null;
  /** EPSG:5899 metres. */
  x: number;
  y: number;
  lon: number;
  lat: number;
  /** Code of the ward the camera stands in (null outside every ward). */
  ward_code?: string | null;
}

export const CAMERA_COLUMNS = `t.id, t.name, t.owner, t.purpose, t.status, t.mount_height_m, t.heading_deg, t.tilt_deg, t.sensor_width_mm,
  t.focal_length_mm, t.hfov_deg, t.resolution_h, t.resolution_v, t.man_node_id, t.scenario_id, t.replaces_id,
  ST_X(ST_Transform(t.geom, ${METRIC_SRID})) AS x, ST_Y(ST_Transform(t.geom, ${METRIC_SRID})) AS y, ST_X(t.geom) AS lon, ST_Y(t.geom) AS lat`;

/** One camera as plan `scenarioId` has it (a baseline id finds the plan's replacement), or undefined. */
export async function selectCamera(db: Knex, id: string, scenarioId: string | null): Promise<CameraRow | undefined> {
  const plan = planViewCondition('cameras', 't', scenarioId);
  const { rows } = await db.raw(
    `SELECT ${CAMERA_COLUMNS} FROM cameras t WHERE ${plan.sql} AND (t.id = ?::uuid OR t.replaces_id = ?::uuid)
      ORDER BY (t.scenario_id IS NULL) LIMIT 1`,
    [...plan.bindings, id, id],
  );
  return rows[0];
}

/** A WGS 84 position in EPSG:5899 metres. */
export async function toMetric(db: Knex, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const { rows } = await db.raw(
    `SELECT ST_X(p) AS x, ST_Y(p) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(?, ?), 4326), ${METRIC_SRID}) AS p) s`,
    [lon, lat],
  );
  return rows[0];
}

export interface MetricBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

const ENVELOPE = `ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ${METRIC_SRID}), 4326)`;
const boxBindings = (b: MetricBox) => [b.minX, b.minY, b.maxX, b.maxY];

/** Footprints (outer ring, EPSG:5899) and heights of the buildings meeting a metric box. */
export async function selectBuildings(db: Knex, box: MetricBox): Promise<BuildingInput[]> {
  const { rows } = await db.raw(
    `SELECT b.id, ${BUILDING_HEIGHT_SQL} AS h, ST_AsGeoJSON(ST_Transform(b.geom, ${METRIC_SRID}), 3) AS g
       FROM buildings b WHERE b.geom && ${ENVELOPE}`,
    boxBindings(box),
  );
  return rows.map((r: { id: string; h: number; g: string }) => ({ id: r.id, heightM: r.h, ring: JSON.parse(r.g).coordinates[0] }));
}

const PAGE = 25_000;

/**
 * Every footprint of the city (outer ring, EPSG:5899) with its height, packed straight into typed arrays: PostGIS
 * transforms and answers WKB, read here without building objects per vertex. Two lanes (ids below and above
 * 8000…) page in parallel so that a server engine transforms on two cores.
 */
export async function selectAllBuildings(db: Knex, onProgress?: (loaded: number) => void): Promise<PackedBuildings> {
  const out = new PackedWriter();
  const lane = async (from: string, to: string) => {
    for (let after = from; ;) {
      const { rows } = await db.raw(
        `SELECT b.id, ${BUILDING_HEIGHT_SQL} AS h, ST_AsBinary(ST_Transform(b.geom, ${METRIC_SRID})) AS g
           FROM buildings b WHERE b.id > ?::uuid AND b.id <= ?::uuid ORDER BY b.id LIMIT ${PAGE}`,
        [after, to],
      );
      for (const r of rows as { id: string; h: number; g: Buffer | Uint8Array }[]) out.add(r.id, r.h, r.g);
      onProgress?.(out.size);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  };
  await Promise.all([lane(UUID_MIN, UUID_MID), lane(UUID_MID, UUID_MAX)]);
  return out.packed();
}

const UUID_MIN = '00000000-0000-0000-0000-000000000000';
const UUID_MID = '7fffffff-ffff-ffff-ffff-ffffffffffff';
const UUID_MAX = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/** Appends WKB polygons' outer rings to growing typed arrays. */
class PackedWriter {
  private xy = new Float64Array(1 << 16);
  private starts: number[] = [0];
  private heights: number[] = [];
  private readonly ids: string[] = [];
  private vertices = 0;

  get size(): number {
    return this.heights.length;
  }

  add(id: string, heightM: number, wkb: Uint8Array): void {
    const view = new DataView(wkb.buffer, wkb.byteOffset, wkb.byteLength);
    let at = 0;
    const little = () => view.getUint8(at) === 1;
    let le = little();
    let type = view.getUint32(at + 1, le) % 1000;
    at += 5;
    if (type === 6) {
      // A multipolygon: its first polygon.
      at += 4;
      le = little();
      type = view.getUint32(at + 1, le) % 1000;
      at += 5;
    }
    if (type !== 3 || view.getUint32(at, le) === 0) return;
    at += 4;
    let points = view.getUint32(at, le);
    at += 4;
    // Rings repeat their first vertex at the end: the packed form leaves it out.
    points -= 1;
    if (points < 3) return;
    while (2 * (this.vertices + points) > this.xy.length) {
      const bigger = new Float64Array(this.xy.length * 2);
      bigger.set(this.xy);
      this.xy = bigger;
    }
    for (let k = 0; k < points; k++, at += 16) {
      this.xy[2 * (this.vertices + k)] = view.getFloat64(at, le);
      this.xy[2 * (this.vertices + k) + 1] = view.getFloat64(at + 8, le);
    }
    this.vertices += points;
    this.starts.push(this.vertices);
    this.heights.push(heightM);
    this.ids.push(id);
  }

  packed(): PackedBuildings {
    return { xy: this.xy.slice(0, 2 * this.vertices), start: Uint32Array.from(this.starts), heightM: Float64Array.from(this.heights), ids: this.ids };
  }
}

/**
 * A cheap fingerprint of the buildings meeting a box: it changes when one is added, edited (version, time) or
 * deleted there, so a cached index of the box can be checked without reloading it.
 */
export async function buildingsFingerprint(db: Knex, box: MetricBox): Promise<string> {
  const { rows } = await db.raw(
    `SELECT count(*)::text || ':' || coalesce(sum(b.version), 0)::text || ':' || coalesce(max(b.updated_at)::text, '') AS f
       FROM buildings b WHERE b.geom && ${ENVELOPE}`,
    boxBindings(box),
  );
  return rows[0].f;
}

/** WGS 84 lon/lat of EPSG:5899 points, in order. */
export async function toLonLat(db: Knex, points: [number, number][]): Promise<[number, number][]> {
  const { rows } = await db.raw(
    `SELECT ST_X(g) AS lon, ST_Y(g) AS lat FROM (
       SELECT n, ST_Transform(ST_SetSRID(ST_MakePoint((e->>0)::float8, (e->>1)::float8), ${METRIC_SRID}), 4326) AS g
         FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS a(e, n)) s ORDER BY n`,
    [JSON.stringify(points)],
  );
  return rows.map((r: { lon: number; lat: number }) => [r.lon, r.lat]);
}
