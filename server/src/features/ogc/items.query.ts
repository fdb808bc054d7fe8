import type { CollectionSpec } from '../collections/registry.js';
import { badRequest, type FieldProblem } from '../../lib/errors.js';
import { inCrsRange, parseCrs, type CrsInfo } from '../../lib/crs.js';
import { INT32_MAX, INT32_MIN } from '../collections/feature-schema.js';

export const MAX_LIMIT = 10000;
export const DEFAULT_LIMIT = 100;

/** A property filter `?name=value`, the value already converted to the property's type. */
export interface PropertyFilter {
  column: string;
  value: string | number | boolean;
}

export interface ItemsQuery {
  bbox?: { minX: number; minY: number; maxX: number; maxY: number; crs: CrsInfo };
  crs: CrsInfo;
  limit: number;
  offset: number;
  filters: PropertyFilter[];
  scenarioId?: string;
}

const RESERVED = new Set(['bbox', 'bbox-crs', 'crs', 'limit', 'offset', 'f', 'scenario']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the items query string (OGC API – Features Part 1 and 2). Every unknown parameter is refused with 400
 * (Part 1 /req/core/query-param-unknown), naming it and listing the ones this collection knows.
 */
export function parseItemsQuery(spec: CollectionSpec, query: Record<string, string | string[] | undefined>): ItemsQuery {
  const problems: FieldProblem[] = [];
  const single = (name: string): string | undefined => {
    const value = query[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (Array.isArray(value)) problems.push({ field: `query.${name}`, message: 'given more than once' });
    if (first?.includes('\0')) {
      problems.push({ field: `query.${name}`, message: 'contains a NUL character' });
      return undefined;
    }
    return first;
  };
  const crs = parseCrs(single('crs'), 'query.crs');
  const limit = integerParam(single('limit'), 'limit', 1, MAX_LIMIT, DEFAULT_LIMIT, problems);
  const offset = integerParam(single('offset'), 'offset', 0, Number.MAX_SAFE_INTEGER, 0, problems);
  const bboxText = single('bbox');
  // Checked even without a bbox, so that a wrong value is reported rather than silently ignored.
  const bboxCrs = parseCrs(single('bbox-crs'), 'query.bbox-crs');
  const bbox = bboxText === undefined ? undefined : parseBbox(bboxText, bboxCrs, problems);
  const format = single('f');
  if (format !== undefined && !['json', 'geojson', 'application/geo+json'].includes(format)) {
    problems.push({ field: 'query.f', message: 'only json (GeoJSON) is offered' });
  }
  const scenarioId = single('scenario');
  if (scenarioId !== undefined && !UUID.test(scenarioId)) problems.push({ field: 'query.scenario', message: 'must be a plan (scenario) id, a uuid' });
  const filters: PropertyFilter[] = [];
  for (const name of Object.keys(query)) {
    if (RESERVED.has(name)) continue;
    const filter = propertyFilter(spec, name, single(name) ?? '', problems);
    if (filter) filters.push(filter);
  }
  if (problems.length) throw badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  return { bbox, crs, limit, offset, filters, scenarioId };
}

function integerParam(text: string | undefined, name: string, min: number, max: number, fallback: number, problems: FieldProblem[]): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    problems.push({ field: `query.${name}`, message: `must be an integer from ${min} to ${max}` });
    return fallback;
  }
  return value;
}

function parseBbox(text: string, crs: CrsInfo, problems: FieldProblem[]): ItemsQuery['bbox'] {
  const parts = text.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  if ((parts.length !== 4 && parts.length !== 6) || parts.some((n) => !Number.isFinite(n))) {
    problems.push({ field: 'query.bbox', message: 'must be 4 numbers: minX,minY,maxX,maxY (lon/lat in CRS84)' });
    return undefined;
  }
  // A 6-number bbox carries heights; the layers are 2D, so the heights are ignored.
  const [a, b, c, d] = parts.length === 6 ? [parts[0], parts[1], parts[3], parts[4]] : parts;
  const [minX, minY, maxX, maxY] = crs.latitudeFirst ? [b, a, d, c] : [a, b, c, d];
  if (minY > maxY) problems.push({ field: 'query.bbox', message: 'the lower bound is above the upper bound' });
  if (!inCrsRange(a, b, crs) || !inCrsRange(c, d, crs)) {
    problems.push({ field: 'query.bbox', message: `a corner lies outside the valid range of ${crs.title}` });
  }
  return { minX, minY, maxX, maxY, crs };
}

function propertyFilter(spec: CollectionSpec, name: string, text: string, problems: FieldProblem[]): PropertyFilter | undefined {
  const property = spec.properties.find((p) => p.name === name);
  if (!property || property.type === 'array') {
    const known = spec.properties.filter((p) => p.type !== 'array').map((p) => p.name);
    problems.push({ field: `query.${name}`, message: `unknown parameter; use bbox, crs, bbox-crs, limit, offset, scenario or a property: ${known.join(', ')}` });
    return undefined;
  }
  if (property.type === 'integer' || property.type === 'number') {
    const value = Number(text);
    const badInteger = property.type === 'integer' && (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX);
    if (text === '' || !Number.isFinite(value) || badInteger) {
      problems.push({ field: `query.${name}`, message: `must be ${property.type === 'integer' ? 'an integer' : 'a number'}` });
      return undefined;
    }
    return { column: property.name, value };
  }
  if (property.type === 'boolean') {
    if (text !== 'true' && text !== 'false') {
      problems.push({ field: `query.${name}`, message: 'must be true or false' });
      return undefined;
    }
    return { column: property.name, value: text === 'true' };
  }
  if (property.type === 'uuid' && !UUID.test(text)) {
    problems.push({ field: `query.${name}`, message: 'must be a uuid' });
    return undefined;
  }
  return { column: property.name, value: text };
}
