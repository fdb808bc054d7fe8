import type { CollectionSpec, PropertySpec } from '../collections/registry.js';
import { badRequest, type FieldProblem } from '../../lib/errors.js';
import { dbfFieldNames } from '../export/export.shapefile.js';
import { normaliseName } from './parsers/csv.js';

/** Which property of the collection each file column fills; a column mapped to null (or left out) is skipped. */
export type ColumnMapping = Record<string, string | null>;

/**
 * The mapping a user most likely wants: each property takes the first column named like it — its name, the
 * 10-character DBF name this tool's shapefile export gives it, or its Vietnamese or English title — compared
 * without case, accents or punctuation. A column fills at most one property; `id` is never mapped (imported
 * features get new ids).
 */
export function suggestMapping(columns: readonly string[], spec: CollectionSpec): ColumnMapping {
  const short = dbfFieldNames(['id', ...spec.properties.map((p) => p.name)]);
  const mapping: ColumnMapping = Object.fromEntries(columns.map((c) => [c, null]));
  const free = new Set(columns.filter((c) => normaliseName(c) !== 'id'));
  for (const p of spec.properties) {
    const names = [p.name, short.get(p.name)!, p.title.vi, p.title.en].map(normaliseName);
    const column = [...free].find((c) => names.includes(normaliseName(c)));
    if (column) {
      mapping[column] = p.name;
      free.delete(column);
    }
  }
  return mapping;
}

/** 400 unless every mapped column exists and fills a distinct property of the collection. */
export function checkMapping(mapping: ColumnMapping, columns: readonly string[], spec: CollectionSpec): void {
  const problems: FieldProblem[] = [];
  const known = new Set(columns);
  const used = new Map<string, string>();
  for (const [column, property] of Object.entries(mapping)) {
    if (!known.has(column)) problems.push({ field: `mapping.${column}`, message: `the file has no column "${column}"` });
    if (property === null) continue;
    if (!spec.properties.some((p) => p.name === property)) {
      problems.push({ field: `mapping.${column}`, message: `"${property}" is not a property of ${spec.id} (known: ${spec.properties.map((p) => p.name).join(', ')})` });
    } else if (used.has(property)) {
      problems.push({ field: `mapping.${column}`, message: `"${property}" is already filled from column "${used.get(property)}"` });
    } else {
      used.set(property, column);
    }
  }
  if (problems.length) throw badRequest(`The column mapping is not usable: ${problems.map((p) => p.message).join('; ')}.`, problems);
}

/**
 * The collection's properties of a feature, from its raw attributes through the mapping, values coerced. The
 * mapping is resolved once, for a file's every row.
 */
export function propertyMapper(mapping: ColumnMapping, spec: CollectionSpec): (raw: Record<string, unknown>) => Record<string, unknown> {
  const pairs = Object.entries(mapping).flatMap(([column, property]) =>
    property === null ? [] : [{ column, property: spec.properties.find((p) => p.name === property)! }]);
  return (raw) => {
    const out: Record<string, unknown> = {};
    for (const { column, property } of pairs) {
      const value = coerce(raw[column], property);
      if (value !== undefined) out[property.name] = value;
    }
    return out;
  };
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const TRUE = new Set(['true', 't', '1', 'yes', 'y', 'x', 'co']);
const FALSE = new Set(['false', 'f', '0', 'no', 'n', 'khong']);

/**
 * A file value as the property's type, where the text says so unambiguously ("12" → 12 for a number,
 * "có" → true for a boolean). Empty cells are left out. A value that does not convert is kept as it is,
 * so the collection's schema reports it exactly as it would for an API write.
 */
export function coerce(value: unknown, property: PropertySpec): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  if (value instanceof Date) return property.type === 'string' ? value.toISOString().slice(0, 10) : value;
  switch (property.type) {
    case 'integer':
    case 'number':
      return typeof value === 'string' && NUMBER.test(value.trim()) ? Number(value.trim()) : value;
    case 'boolean': {
      const key = typeof value === 'number' ? String(value) : typeof value === 'string' ? normaliseName(value) : undefined;
      if (key !== undefined && TRUE.has(key)) return true;
      if (key !== undefined && FALSE.has(key)) return false;
      return value;
    }
    case 'string':
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value === 'string' ? value.trim() : value;
    case 'uuid':
      return typeof value === 'string' ? value.trim() : value;
    case 'array':
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
  }
}
