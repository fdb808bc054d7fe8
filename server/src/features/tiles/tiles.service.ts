import type { Knex } from 'knex';
import type { CollectionSpec } from '../collections/registry.js';
import type { DatabaseCapabilities } from '../../db/engine.js';
import { badRequest } from '../../lib/errors.js';
import * as repo from './tiles.repository.js';
import { encodeTile } from './mvt-encoder.js';

/** Deepest zoom with its own tiles; the client over-zooms beyond it. */
export const MAX_TILE_ZOOM = 18;

/** Checks z/x/y against the Web Mercator tile matrix (XYZ scheme). */
export function parseTileAddress(zText: string, xText: string, yText: string): { z: number; x: number; y: number } {
  const [z, x, y] = [zText, xText, yText].map(Number);
  if (![zText, xText, yText].every((s) => /^\d+$/.test(s)) || z > MAX_TILE_ZOOM) {
    throw badRequest(`Tile ${zText}/${xText}/${yText} does not exist: z is 0–${MAX_TILE_ZOOM}, x and y are whole numbers.`, [
      { field: 'path.z', message: `must be an integer from 0 to ${MAX_TILE_ZOOM}` },
    ]);
  }
  const size = 2 ** z;
  if (x >= size || y >= size) {
    throw badRequest(`Tile ${z}/${x}/${y} does not exist: at zoom ${z}, x and y are below ${size}.`, [
      { field: 'path.x', message: `x and y must be below ${size}` },
    ]);
  }
  return { z, x, y };
}

/**
 * A collection's vector tile: encoded by PostGIS where it can, else clipped in SQL and encoded in Node.
 * Empty below the collection's minimum zoom (a city's buildings do not fit a z10 tile).
 */
export async function getTile(db: Knex, capabilities: Pick<DatabaseCapabilities, 'mvt'>, spec: CollectionSpec, z: number, x: number, y: number): Promise<Buffer> {
  if (z < spec.minZoom) return Buffer.alloc(0);
  if (capabilities.mvt) return repo.selectNativeTile(db, spec, z, x, y);
  return encodeTile(spec.id, await repo.selectClippedFeatures(db, spec, z, x, y));
}

/** TileJSON 3.0.0 describing a collection's tiles. */
export function tileJson(spec: CollectionSpec, base: string) {
  return {
    tilejson: '3.0.0',
    name: spec.title.en,
    description: spec.description.en,
    scheme: 'xyz',
    tiles: [`${base}/tiles/${spec.id}/{z}/{x}/{y}.mvt`],
    minzoom: spec.minZoom,
    maxzoom: MAX_TILE_ZOOM,
    bounds: [107.0, 14.8, 109.0, 16.6],
    center: [108.2, 16.05, 12],
    vector_layers: [
      {
        id: spec.id,
        description: spec.title.en,
        minzoom: spec.minZoom,
        maxzoom: MAX_TILE_ZOOM,
        fields: Object.fromEntries(['id', ...spec.tileProperties].map((name) => [name, spec.properties.find((p) => p.name === name)?.type === 'string' || name === 'id' ? 'String' : 'Number'])),
      },
    ],
  };
}
