/**
 * The benchmark's cases. Each sample pairs an HTTP request to the running app with the very repository call the
 * route makes for it, on the same connection pool, so the ratio between them is the cost of everything the
 * server adds to the database's own work (routing, validation, serialisation, compression, the socket).
 */
import type { Knex } from 'knex';
import { findCollection, type CollectionSpec } from '../server/src/features/collections/registry.js';
import { parseItemsQuery } from '../server/src/features/ogc/items.query.js';
import * as itemsRepo from '../server/src/features/ogc/items.repository.js';
import * as tilesRepo from '../server/src/features/tiles/tiles.repository.js';
import type { DatabaseCapabilities } from '../server/src/db/engine.js';
import { parseCrs } from '../server/src/lib/crs.js';
import type { Sample } from './measure.js';

export interface BenchCase {
  name: string;
  samples: Sample[];
  iterations: number;
  /** A yardstick for the others, not held to the goal. */
  reference?: boolean;
}

export interface CaseContext {
  baseUrl: string;
  /** Sent with every request: the signed-in browser session's cookie. */
  headers: Record<string, string>;
  knex: Knex;
  capabilities: DatabaseCapabilities;
  /** Scales every case's iteration count (a quick run uses less than 1). */
  scale: number;
}

/** Hải Châu and the river banks around it, the densest part of the city: lon/lat degrees. */
export const URBAN_CORE = { minLon: 108.195, minLat: 16.035, maxLon: 108.245, maxLat: 16.085 };

/**
 * GETs a URL and reads the whole body, as a client would; a failed request fails the benchmark. Node's fetch
 * accepts gzip like a browser does unless `plain` asks for the body uncompressed.
 */
async function httpGet(ctx: CaseContext, url: string, plain = false): Promise<void> {
  const res = await fetch(url, { headers: plain ? { ...ctx.headers, 'accept-encoding': 'identity' } : ctx.headers });
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
}

function spec(id: string): CollectionSpec {
  const found = findCollection(id);
  if (!found) throw new Error(`No collection ${id} in the registry`);
  return found;
}

/** XYZ tiles (Web Mercator) covering a lon/lat box at zoom z. */
export function tilesOver(box: typeof URBAN_CORE, z: number): Array<[number, number, number]> {
  const n = 2 ** z;
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  };
  const tiles: Array<[number, number, number]> = [];
  for (let x = tx(box.minLon); x <= tx(box.maxLon); x++) {
    for (let y = ty(box.maxLat); y <= ty(box.minLat); y++) tiles.push([z, x, y]);
  }
  return tiles;
}

function tileCase(ctx: CaseContext, z: number, iterations: number): BenchCase {
  const buildings = spec('buildings');
  const samples = tilesOver(URBAN_CORE, z).map(([tz, x, y]): Sample => ({
    label: `${tz}/${x}/${y}`,
    http: () => httpGet(ctx, `${ctx.baseUrl}/tiles/buildings/${tz}/${x}/${y}.mvt`),
    httpPlain: () => httpGet(ctx, `${ctx.baseUrl}/tiles/buildings/${tz}/${x}/${y}.mvt`, true),
    // The server engine has ST_AsMVT; on one without it the route also encodes in Node, which this leaves out.
    sql: () => (ctx.capabilities.mvt ? tilesRepo.selectNativeTile(ctx.knex, buildings, tz, x, y) : tilesRepo.selectClippedFeatures(ctx.knex, buildings, tz, x, y)),
  }));
  return { name: `building tiles z${z} (${samples.length} tiles)`, samples, iterations: Math.round(iterations * ctx.scale) };
}

/** One items request both ways: the route parses the same query and runs the page and the count concurrently. */
function itemsSample(ctx: CaseContext, collection: CollectionSpec, query: Record<string, string>): Sample {
  const parsed = parseItemsQuery(collection, query);
  const search = new URLSearchParams(query).toString();
  return {
    label: search,
    http: () => httpGet(ctx, `${ctx.baseUrl}/ogc/collections/${collection.id}/items?${search}`),
    httpPlain: () => httpGet(ctx, `${ctx.baseUrl}/ogc/collections/${collection.id}/items?${search}`, true),
    sql: () => Promise.all([itemsRepo.selectFeaturePage(ctx.knex, collection, parsed), itemsRepo.countFeatures(ctx.knex, collection, parsed)]),
  };
}

/** Boxes of `step` degrees tiling the urban core, as `bbox` values. */
function coreBoxes(step: number): string[] {
  const boxes: string[] = [];
  for (let lon = URBAN_CORE.minLon; lon < URBAN_CORE.maxLon - 1e-9; lon += step) {
    for (let lat = URBAN_CORE.minLat; lat < URBAN_CORE.maxLat - 1e-9; lat += step) {
      boxes.push([lon, lat, lon + step, lat + step].map((v) => v.toFixed(4)).join(','));
    }
  }
  return boxes;
}

async function countRows(knex: Knex, table: string): Promise<number> {
  const { rows } = await knex.raw(`SELECT count(*)::integer AS n FROM ??`, [table]);
  return rows[0].n;
}

async function randomIds(knex: Knex, table: string, n: number): Promise<string[]> {
  const { rows } = await knex.raw(`SELECT id FROM ?? TABLESAMPLE SYSTEM (5) ORDER BY random() LIMIT ?`, [table, n]);
  if (rows.length < n) {
    const all = await knex.raw(`SELECT id FROM ?? ORDER BY random() LIMIT ?`, [table, n]);
    return all.rows.map((r: { id: string }) => r.id);
  }
  return rows.map((r: { id: string }) => r.id);
}

/** Every case of the benchmark, with the inputs drawn from the database. */
export async function buildCases(ctx: CaseContext): Promise<BenchCase[]> {
  const buildings = spec('buildings');
  const cameras = spec('cameras');
  const scaled = (n: number) => Math.max(10, Math.round(n * ctx.scale));
  // The floor: what any request costs beyond its SQL (routing, the socket, fetch itself), on the cheapest query.
  const cases: BenchCase[] = [{
    name: 'health check (SELECT 1): the fixed cost of a request',
    samples: [{ label: 'health', http: () => httpGet(ctx, `${ctx.baseUrl}/api/health`), httpPlain: () => httpGet(ctx, `${ctx.baseUrl}/api/health`, true), sql: () => ctx.knex.raw('SELECT 1') }],
    iterations: scaled(400),
    reference: true,
  }];
  cases.push(tileCase(ctx, 14, 60), tileCase(ctx, 15, 120), tileCase(ctx, 16, 200));

  const buildingCount = await countRows(ctx.knex, buildings.table);
  const offsets = [0, 1000, 10_000, 100_000].filter((o) => o + 1000 <= buildingCount);
  cases.push({
    name: 'buildings items, 1,000 per page, urban-core bboxes',
    samples: coreBoxes(0.0125).map((bbox) => itemsSample(ctx, buildings, { limit: '1000', bbox })),
    iterations: scaled(80),
  });
  cases.push({
    name: `buildings items, 1,000 per page, offsets ${offsets.join(', ')}`,
    samples: offsets.map((offset) => itemsSample(ctx, buildings, { limit: '1000', offset: String(offset) })),
    iterations: scaled(80),
  });

  const cameraCount = await countRows(ctx.knex, cameras.table);
  const cameraOffsets = [0, 0.25, 0.5, 0.75].map((f) => Math.floor((f * Math.max(0, cameraCount - 1000)) / 100) * 100);
  cases.push({
    name: `cameras items, 1,000 per page, offsets ${cameraOffsets.join(', ')}`,
    samples: cameraOffsets.map((offset) => itemsSample(ctx, cameras, { limit: '1000', offset: String(offset) })),
    iterations: scaled(80),
  });
  cases.push({
    name: 'cameras items, 1,000 per page, urban-core bboxes',
    samples: coreBoxes(0.025).map((bbox) => itemsSample(ctx, cameras, { limit: '1000', bbox })),
    iterations: scaled(80),
  });

  const crs84 = parseCrs(undefined, 'crs');
  for (const collection of [buildings, cameras]) {
    const ids = await randomIds(ctx.knex, collection.table, 200);
    cases.push({
      name: `one ${collection.id.replace(/s$/, '')} by id (random ids)`,
      samples: ids.map((id) => ({
        label: id,
        http: () => httpGet(ctx, `${ctx.baseUrl}/ogc/collections/${collection.id}/items/${id}`),
        httpPlain: () => httpGet(ctx, `${ctx.baseUrl}/ogc/collections/${collection.id}/items/${id}`, true),
        sql: () => itemsRepo.selectFeature(ctx.knex, collection, id, crs84),
      })),
      iterations: scaled(400),
    });
  }
  return cases;
}
