import type { CollectionSpec, PropertySpec } from './registry.js';

export const INT32_MIN = -2147483648;
export const INT32_MAX = 2147483647;

/**
 * JSON Schema (draft 2020-12) of a collection's feature properties, built from the registry.
 * The same document is published at /ogc/collections/{id}/schema and used to validate writes,
 * so what the API documents and what it enforces cannot drift apart.
 */
export function propertiesSchema(spec: CollectionSpec, language: 'vi' | 'en' = 'en'): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const p of spec.properties) properties[p.name] = propertySchema(p, language);
  const schema: Record<string, unknown> = {
    type: 'object',
    additionalProperties: false,
    required: spec.properties.filter((p) => p.required).map((p) => p.name),
    properties,
  };
  if (spec.requireOneOf?.length) {
    schema.anyOf = spec.requireOneOf.map((group) => ({
      required: [...group],
      properties: Object.fromEntries(group.map((name) => [name, { not: { type: 'null' } }])),
    }));
  }
  return schema;
}

function propertySchema(p: PropertySpec, language: 'vi' | 'en'): Record<string, unknown> {
  const schema: Record<string, unknown> = { title: p.title[language] };
  switch (p.type) {
    case 'uuid':
      Object.assign(schema, { type: p.required ? 'string' : ['string', 'null'], format: 'uuid' });
      break;
    case 'array':
      Object.assign(schema, { type: 'array', items: p.items ?? {} });
      break;
    default:
      schema.type = p.required ? p.type : [p.type, 'null'];
  }
  if (p.enum) schema.enum = p.required ? [...p.enum] : [...p.enum, null];
  for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'maxLength'] as const) {
    if (p[key] !== undefined) schema[key] = p[key];
  }
  // Integer columns are 32-bit in the database.
  if (p.type === 'integer') {
    schema.minimum ??= INT32_MIN;
    schema.maximum ??= INT32_MAX;
  }
  // PostgreSQL text cannot hold a NUL character, nor half of a UTF-16 surrogate pair (no UTF-8 for it); the
  // pattern is matched code point by code point (Unicode mode), so a whole pair passes.
  if (p.type === 'string') schema.pattern = '^[^\\u0000\\uD800-\\uDFFF]*$';
  return schema;
}

/** The full published schema of one feature of the collection (OGC API – Features Part 5 style). */
export function featureSchema(spec: CollectionSpec, baseUrl: string): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${baseUrl}/ogc/collections/${spec.id}/schema`,
    title: spec.title.en,
    description: spec.description.en,
    'x-title-vi': spec.title.vi,
    type: 'object',
    properties: {
      geometry: { format: geometryFormat(spec) },
      ...(propertiesSchema(spec).properties as Record<string, unknown>),
      id: { type: 'string', format: 'uuid', readOnly: true, 'x-ogc-role': 'id' },
      version: { type: 'integer', readOnly: true, description: 'Bumped on every change; send it back in If-Match.' },
      updated_at: { type: 'string', format: 'date-time', readOnly: true },
      updated_by: { type: ['string', 'null'], readOnly: true },
    },
  };
}

function geometryFormat(spec: CollectionSpec): string {
  return `geometry-${spec.geometryType.replace('MultiPolygon', 'multipolygon').toLowerCase()}`;
}
