import { describe, expect, it } from 'vitest';
import { parseItemsQuery } from '../../../server/src/features/ogc/items.query.js';
import { findCollection } from '../../../server/src/features/collections/registry.js';
import { ProblemError } from '../../../server/src/lib/errors.js';

const cameras = findCollection('cameras')!;

function problemOf(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProblemError) return err;
    throw err;
  }
  throw new Error('expected a problem');
}

describe('items query', () => {
  it('defaults_to_crs84_and_100_features', () => {
    const q = parseItemsQuery(cameras, {});
    expect(q).toMatchObject({ limit: 100, offset: 0, filters: [] });
    expect(q.crs.uri).toBe('http://www.opengis.net/def/crs/OGC/1.3/CRS84');
  });

  it('a_bbox_in_epsg_4326_is_read_latitude_first', () => {
    const q = parseItemsQuery(cameras, { bbox: '16.0,108.1,16.1,108.3', 'bbox-crs': 'http://www.opengis.net/def/crs/EPSG/0/4326' });
    expect(q.bbox).toMatchObject({ minX: 108.1, minY: 16.0, maxX: 108.3, maxY: 16.1 });
  });

  it('a_six_number_bbox_drops_the_heights', () => {
    const q = parseItemsQuery(cameras, { bbox: '108.1,16.0,0,108.3,16.1,100' });
    expect(q.bbox).toMatchObject({ minX: 108.1, minY: 16.0, maxX: 108.3, maxY: 16.1 });
  });

  it('filters_are_typed_by_the_registry', () => {
    const q = parseItemsQuery(cameras, { status: 'faulty', resolution_h: '1920' });
    expect(q.filters).toEqual([{ column: 'status', value: 'faulty' }, { column: 'resolution_h', value: 1920 }]);
  });

  it('an_sql_injection_in_a_parameter_name_is_an_unknown_parameter', () => {
    const problem = problemOf(() => parseItemsQuery(cameras, { 'status; DROP TABLE cameras': 'x' }));
    expect(problem.status).toBe(400);
    expect(problem.errors[0].field).toBe('query.status; DROP TABLE cameras');
  });

  it('a_repeated_parameter_is_refused', () => {
    expect(problemOf(() => parseItemsQuery(cameras, { limit: ['1', '2'] })).errors[0].field).toBe('query.limit');
  });

  it('an_inverted_bbox_is_refused', () => {
    expect(problemOf(() => parseItemsQuery(cameras, { bbox: '108.1,16.2,108.3,16.1' })).errors[0].field).toBe('query.bbox');
  });

  it('array_properties_cannot_be_filtered', () => {
    const bts = findCollection('bts_sites')!;
    expect(problemOf(() => parseItemsQuery(bts, { sectors: '[]' })).errors[0].field).toBe('query.sectors');
  });
});
