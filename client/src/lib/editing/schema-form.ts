/**
 * The attribute form of a collection, generated from its published JSON Schema (`/ogc/collections/{id}/schema`:
 * types, ranges, enums, lengths) and the registry entry (bilingual titles, order, which properties are
 * required). Inputs hold text; `propertiesFromForm` turns it into the typed values the server validates, keeping
 * what cannot be converted as text so that validation names the problem instead of silently dropping it.
 */
import type { Bilingual, CollectionInfo } from '../../api/collections';
import type { PublishedProperty, PublishedSchema } from '../../api/editing';

export type FieldKind = 'text' | 'integer' | 'number' | 'enum' | 'boolean' | 'uuid' | 'json';

export interface FormField {
  name: string;
  title: Bilingual;
  kind: FieldKind;
  required: boolean;
  /** Allowed values of an enum field (without null). */
  options?: string[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxLength?: number;
}

/** Text of every input, keyed by property name ('' is an empty input). */
export type FormValues = Record<string, string>;

function baseType(p: PublishedProperty): string | undefined {
  const types = Array.isArray(p.type) ? p.type : p.type ? [p.type] : [];
  return types.find((t) => t !== 'null');
}

function kindOf(p: PublishedProperty): FieldKind {
  const type = baseType(p);
  if (p.enum) return 'enum';
  if (type === 'integer' || type === 'number' || type === 'boolean') return type;
  if (type === 'array' || type === 'object') return 'json';
  if (type === 'string' && p.format === 'uuid') return 'uuid';
  return 'text';
}

/** The form's fields in registry order; read-only schema members (id, version…) and the geometry are left out. */
export function formFields(schema: PublishedSchema, collection: CollectionInfo): FormField[] {
  const fields: FormField[] = [];
  for (const prop of collection.properties) {
    const p = schema.properties[prop.name];
    if (!p || p.readOnly) continue;
    const field: FormField = {
      name: prop.name,
      title: prop.title,
      kind: kindOf(p),
      required: schema.required ? schema.required.includes(prop.name) : Boolean(prop.required),
    };
    if (p.enum) field.options = p.enum.filter((v): v is string => typeof v === 'string');
    for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'maxLength'] as const) {
      if (typeof p[key] === 'number') field[key] = p[key];
    }
    fields.push(field);
  }
  return fields;
}

/** The inputs' text for a feature's properties. */
export function formValuesOf(fields: readonly FormField[], properties: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    const v = properties[f.name];
    if (v === null || v === undefined) values[f.name] = '';
    else if (f.kind === 'json') values[f.name] = JSON.stringify(v);
    else values[f.name] = String(v);
  }
  return values;
}

/** A value the input's text could not become; validation reports it by its field. */
export class UnreadableValue {
  constructor(readonly text: string) {}
}

function convert(field: FormField, text: string): unknown {
  switch (field.kind) {
    case 'integer':
    case 'number': {
      // Accept a decimal comma, as Vietnamese users write numbers.
      const normalised = text.replace(/\s/g, '').replace(',', '.');
      const value = Number(normalised);
      return normalised !== '' && Number.isFinite(value) ? value : text;
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        return new UnreadableValue(text);
      }
    default:
      return text;
  }
}

/**
 * The properties a write sends: an empty optional input becomes null (the server clears it), an empty required
 * one is left out (so that the schema's `required` names it), numbers and booleans are converted.
 */
export function propertiesFromForm(fields: readonly FormField[], values: FormValues): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const f of fields) {
    const text = f.kind === 'text' || f.kind === 'json' ? values[f.name] ?? '' : (values[f.name] ?? '').trim();
    if (text === '' || (f.kind === 'json' && text.trim() === '')) {
      if (!f.required) properties[f.name] = null;
      continue;
    }
    properties[f.name] = convert(f, text);
  }
  return properties;
}

/** Names of the fields whose value differs between two property sets (null and missing are the same). */
export function changedProperties(fields: readonly FormField[], a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  return fields.map((f) => f.name).filter((name) => JSON.stringify(a[name] ?? null) !== JSON.stringify(b[name] ?? null));
}
