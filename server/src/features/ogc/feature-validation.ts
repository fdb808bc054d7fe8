import type { ErrorObject, ValidateFunction } from 'ajv';
import { COLLECTIONS, type CollectionSpec } from '../collections/registry.js';
import { propertiesSchema } from '../collections/feature-schema.js';
import { invalidInput, type FieldProblem } from '../../lib/errors.js';
import { inCrsRange, type CrsInfo } from '../../lib/crs.js';
import { createSchemaValidator } from '../../lib/json-schema.js';

const ajv = createSchemaValidator();

/** Per collection: a validator for full property sets (create, replace) and one for partial ones (update). */
const validators = new Map<string, { full: ValidateFunction; partial: ValidateFunction }>(
  COLLECTIONS.map((spec) => {
    const full = propertiesSchema(spec);
    // An update may leave out any property; the table's CHECK still guards what it leaves behind.
    const { anyOf: _anyOf, ...partial } = full;
    return [spec.id, { full: ajv.compile(full), partial: ajv.compile({ ...partial, required: [] }) }];
  }),
);

export interface ValidFeature {
  geometry: { type: string; coordinates: unknown } | undefined;
  properties: Record<string, unknown>;
}

/**
 * Checks a GeoJSON Feature sent for `spec`: its shape, geometry type, coordinate ranges in `crs`, and its
 * properties against the published schema. `partial` (PATCH) lets properties and geometry be left out.
 * Throws a 422 problem listing every offending field; returns the feature otherwise.
 */
export function validateFeature(spec: CollectionSpec, body: unknown, crs: CrsInfo, partial = false): ValidFeature {
  if (!isObject(body) || body.type !== 'Feature') {
    throw invalidInput('The body must be a GeoJSON Feature: {"type": "Feature", "geometry": …, "properties": {…}}.', [
      { field: 'type', message: 'must be "Feature"' },
    ]);
  }
  const problems: FieldProblem[] = [];
  const geometry = body.geometry;
  if (geometry === undefined && partial) {
    // An update may change properties only.
  } else {
    problems.push(...geometryProblems(spec, geometry, crs));
  }
  const properties = body.properties ?? {};
  if (!isObject(properties)) {
    problems.push({ field: 'properties', message: 'must be an object' });
  } else {
    const validate = validators.get(spec.id)![partial ? 'partial' : 'full'];
    if (!validate(properties)) problems.push(...(validate.errors ?? []).flatMap((e) => propertyProblems(spec, e)));
  }
  if (problems.length) {
    throw invalidInput(`The feature is not valid for "${spec.id}": ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
  }
  return { geometry: geometry as ValidFeature['geometry'], properties: properties as Record<string, unknown> };
}

/** The problems of one ajv error: none for a branch of `requireOneOf` (its summary names every property once). */
function propertyProblems(spec: CollectionSpec, e: ErrorObject): FieldProblem[] {
  if (e.schemaPath.startsWith('#/anyOf/')) return [];
  if (e.keyword === 'anyOf' && e.instancePath === '' && spec.requireOneOf) {
    const choices = spec.requireOneOf.map((group) => group.join(' and ')).join(', or ');
    return spec.requireOneOf.flat().map((name) => ({ field: `properties.${name}`, message: `give ${choices}` }));
  }
  return [propertyProblem(spec, e)];
}

function propertyProblem(spec: CollectionSpec, e: ErrorObject): FieldProblem {
  if (e.keyword === 'additionalProperty' || e.keyword === 'additionalProperties') {
    const name = String(e.params.additionalProperty);
    return {
      field: `properties.${name}`,
      message: `is not a property of ${spec.id} (known: ${spec.properties.map((p) => p.name).join(', ')})`,
    };
  }
  if (e.keyword === 'required') return { field: `properties.${e.params.missingProperty}`, message: 'is required' };
  const field = `properties${e.instancePath.replace(/\//g, '.')}`;
  if (e.keyword === 'enum') return { field, message: `must be one of ${(e.params.allowedValues as unknown[]).filter((v) => v !== null).join(', ')}` };
  if (e.keyword === 'pattern') return { field, message: 'holds a character that cannot be stored (a NUL, or half of a UTF-16 surrogate pair)' };
  return { field, message: e.message ?? 'is not valid' };
}

const GEOMETRY_DEPTH: Record<string, number> = {
  Point: 1, MultiPoint: 2, LineString: 2, MultiLineString: 3, Polygon: 3, MultiPolygon: 4,
};

/** Shape, type and coordinate-range checks; validity (self-intersection) is PostGIS's job afterwards. */
function geometryProblems(spec: CollectionSpec, geometry: unknown, crs: CrsInfo): FieldProblem[] {
  if (!isObject(geometry) || typeof geometry.type !== 'string' || !Array.isArray(geometry.coordinates)) {
    return [{ field: 'geometry', message: 'must be a GeoJSON geometry with "type" and "coordinates"' }];
  }
  const accepted = spec.geometryType === 'MultiPolygon' ? ['Polygon', 'MultiPolygon'] : [spec.geometryType];
  if (!accepted.includes(geometry.type)) {
    return [{ field: 'geometry.type', message: `is ${geometry.type}, but ${spec.id} holds ${accepted.join(' or ')}` }];
  }
  const positions: number[][] = [];
  const shapeProblem = collectPositions(geometry.coordinates, GEOMETRY_DEPTH[geometry.type], positions);
  if (shapeProblem) return [{ field: 'geometry.coordinates', message: shapeProblem }];
  const partsProblem = partsProblemOf(geometry.type, geometry.coordinates as unknown[]);
  if (partsProblem) return [{ field: 'geometry.coordinates', message: partsProblem }];
  const outside = positions.find(([a, b]) => !inCrsRange(a, b, crs));
  if (outside) {
    return [{ field: 'geometry.coordinates', message: `position [${outside.join(', ')}] is outside the valid range of ${crs.title}; check the axis order and the CRS` }];
  }
  return [];
}

function collectPositions(value: unknown, depth: number, out: number[][]): string | undefined {
  if (!Array.isArray(value)) return 'must be nested arrays of positions';
  if (depth === 1) {
    if (value.length < 2 || value.length > 3 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      return 'each position must be 2 or 3 finite numbers';
    }
    out.push(value as number[]);
    return undefined;
  }
  for (const item of value) {
    const problem = collectPositions(item, depth - 1, out);
    if (problem) return problem;
  }
  return undefined;
}

function partsProblemOf(type: string, coordinates: unknown[]): string | undefined {
  const lines = type === 'LineString' ? [coordinates] : type === 'MultiLineString' ? coordinates : [];
  if (lines.some((l) => (l as unknown[]).length < 2)) return 'a line needs at least 2 positions';
  const polygons = type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' ? coordinates : [];
  for (const polygon of polygons as number[][][][]) {
    if (polygon.length === 0) return 'a polygon needs an outer ring';
    for (const ring of polygon) {
      if (ring.length < 4) return 'a polygon ring needs at least 4 positions';
      const [first, last] = [ring[0], ring[ring.length - 1]];
      if (first[0] !== last[0] || first[1] !== last[1]) return 'a polygon ring must end where it starts (closed ring)';
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
