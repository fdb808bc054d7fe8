import type { Feature } from 'geojson';
import type { CollectionSpec, PropertySpec } from '../../../server/src/features/collections/registry.js';

/**
 * Checks a feature's properties against the collection registry (the same rules the API and the database
 * enforce): no unknown property, required ones present, types, enums, ranges, lengths. Returns the problems.
 */
export function registryProblems(spec: CollectionSpec, f: Feature): string[] {
  const problems: string[] = [];
  const props = f.properties ?? {};
  for (const key of Object.keys(props)) {
    if (!spec.properties.some((p) => p.name === key)) problems.push(`unknown property ${key}`);
  }
  for (const p of spec.properties) {
    const value = props[p.name];
    if (value === null || value === undefined) {
      if (p.required) problems.push(`${p.name} is required`);
      continue;
    }
    problems.push(...valueProblems(p, value).map((m) => `${p.name}: ${m}`));
  }
  if (f.geometry.type !== spec.geometryType) problems.push(`geometry ${f.geometry.type}, registry says ${spec.geometryType}`);
  return problems;
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function valueProblems(p: PropertySpec, value: unknown): string[] {
  switch (p.type) {
    case 'string':
      if (typeof value !== 'string') return [`not a string: ${JSON.stringify(value)}`];
      if (p.enum && !p.enum.includes(value)) return [`"${value}" not in ${p.enum.join('|')}`];
      if (p.maxLength !== undefined && value.length > p.maxLength) return [`longer than ${p.maxLength}`];
      return [];
    case 'uuid':
      return typeof value === 'string' && UUID_V4.test(value) ? [] : [`not a v4 uuid: ${JSON.stringify(value)}`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : ['not a boolean'];
    case 'integer':
    case 'number':
      return numberProblems(p, value);
    case 'array':
      return Array.isArray(value) ? value.flatMap((item) => itemProblems(p.items ?? {}, item)) : ['not an array'];
  }
}

function numberProblems(p: PropertySpec | Record<string, unknown>, value: unknown, integer = (p as PropertySpec).type === 'integer'): string[] {
  if (typeof value !== 'number' || !Number.isFinite(value)) return [`not a number: ${JSON.stringify(value)}`];
  const out: string[] = [];
  const b = p as { minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };
  if (integer && !Number.isInteger(value)) out.push(`${value} not an integer`);
  if (b.minimum !== undefined && value < b.minimum) out.push(`${value} < ${b.minimum}`);
  if (b.maximum !== undefined && value > b.maximum) out.push(`${value} > ${b.maximum}`);
  if (b.exclusiveMinimum !== undefined && value <= b.exclusiveMinimum) out.push(`${value} <= ${b.exclusiveMinimum}`);
  if (b.exclusiveMaximum !== undefined && value >= b.exclusiveMaximum) out.push(`${value} >= ${b.exclusiveMaximum}`);
  return out;
}

/** An array item against its JSON-schema-like description (objects of numbers, as the BTS sectors are). */
function itemProblems(schema: Record<string, unknown>, item: unknown): string[] {
  if (typeof item !== 'object' || item === null) return ['item not an object'];
  const fields = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const out = ((schema.required ?? []) as string[]).filter((k) => !(k in item)).map((k) => `item misses ${k}`);
  for (const [k, v] of Object.entries(item)) {
    if (!fields[k]) out.push(`item has unknown ${k}`);
    else out.push(...numberProblems(fields[k], v, false).map((m) => `item ${k}: ${m}`));
  }
  return out;
}
