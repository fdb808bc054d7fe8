/**
 * Inline validation of the attribute form by the server's own rules: the collection's JSON Schema compiled with
 * ajv (the same schema and the same ajv options as the server's feature validation), its errors translated by
 * keyword into the UI language. The server's 422 field errors are spread over the same fields, so what the server
 * refuses still shows where it belongs.
 */
import type { FieldProblem } from '../../api/http';
import type { FormField } from './schema-form';
import { UnreadableValue } from './schema-form';

/** The part of an ajv error this module reads (ajv's ErrorObject fits). */
export interface SchemaError {
  instancePath: string;
  schemaPath?: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A compiled validator (ajv's ValidateFunction, or the standalone code generated from it). */
export interface Validator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

export interface MessageTranslator {
  locale: 'vi' | 'en';
  t(key: string, named?: Record<string, unknown>): string;
}

/** Form-level keys for problems that are not one property's. */
export const GEOMETRY_FIELD = '$geometry';
export const GENERAL_FIELD = '$general';

const NUMBER_LOCALE = { vi: 'vi-VN', en: 'en-GB' } as const;

function formatLimit(value: unknown, locale: 'vi' | 'en'): string {
  return typeof value === 'number' ? new Intl.NumberFormat(NUMBER_LOCALE[locale], { maximumFractionDigits: 6 }).format(value) : String(value);
}

/** One ajv error as a sentence in the UI language (by keyword; anything unforeseen gets a generic sentence). */
export function messageFor(error: SchemaError, tr: MessageTranslator): string {
  const p = error.params;
  const key = (k: string) => `editing.validation.${k}`;
  switch (error.keyword) {
    case 'required':
      return tr.t(key('required'));
    case 'type': {
      const types = String(p.type).split(',').filter((t) => t !== 'null');
      const type = ['integer', 'number', 'string', 'boolean', 'array', 'object'].includes(types[0]) ? types[0] : 'other';
      return tr.t(key(`type.${type}`));
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return tr.t(key(error.keyword), { limit: formatLimit(p.limit, tr.locale) });
    case 'maxLength':
      return tr.t(key('maxLength'), { limit: formatLimit(p.limit, tr.locale) });
    case 'enum':
      return tr.t(key('enum'));
    case 'format':
      return tr.t(key(p.format === 'uuid' ? 'format.uuid' : 'format.other'));
    case 'pattern':
      return tr.t(key('pattern'));
    case 'additionalProperties':
      return tr.t(key('additionalProperties'), { name: String(p.additionalProperty) });
    default:
      return tr.t(key('other'));
  }
}

/** The form field an ajv error belongs to, and the path inside it for nested values (`[1].azimuth_deg`). */
function fieldOf(error: SchemaError): { field: string; inner: string } {
  if (error.keyword === 'required' && error.instancePath === '') return { field: String(error.params.missingProperty), inner: '' };
  if (error.keyword === 'additionalProperties' && error.instancePath === '') return { field: GENERAL_FIELD, inner: '' };
  const [field, ...rest] = error.instancePath.split('/').filter(Boolean);
  const inner = rest.map((part) => (/^\d+$/.test(part) ? `[${Number(part) + 1}]` : `.${part}`)).join('');
  return { field: field ?? GENERAL_FIELD, inner: inner.replace(/^\./, '') };
}

/** "Horizontal FOV, or Sensor width and Focal length" from property groups, with the fields' titles. */
function choicesText(groups: readonly (readonly string[])[], fields: readonly FormField[], tr: MessageTranslator): string {
  const title = (name: string) => fields.find((f) => f.name === name)?.title[tr.locale] ?? name;
  return groups.map((group) => group.map(title).join(` ${tr.t('editing.validation.and')} `)).join(`, ${tr.t('editing.validation.or')} `);
}

/**
 * Validates the properties a write would send; returns one message per field (the first problem of each), empty
 * when the server would accept them. `requireOneOf` (the registry's groups of which one must be given) turns the
 * schema's `anyOf` into one sentence on each property concerned, as the server words it.
 */
export function validateProperties(
  validate: Validator, fields: readonly FormField[], properties: Record<string, unknown>, tr: MessageTranslator,
  requireOneOf: readonly (readonly string[])[] = [],
): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const f of fields) {
    if (properties[f.name] instanceof UnreadableValue) messages[f.name] = tr.t('editing.validation.json');
  }
  const data = Object.fromEntries(Object.entries(properties).filter(([k]) => !(k in messages)));
  if (validate(data)) return messages;
  for (const error of validate.errors ?? []) {
    if (error.schemaPath?.startsWith('#/anyOf/')) continue;
    if (error.keyword === 'anyOf' && error.instancePath === '' && requireOneOf.length) {
      const text = tr.t('editing.validation.requireOneOf', { choices: choicesText(requireOneOf, fields, tr) });
      for (const name of requireOneOf.flat()) messages[name] ??= text;
      continue;
    }
    const { field, inner } = fieldOf(error);
    if (messages[field] !== undefined) continue;
    const text = messageFor(error, tr);
    messages[field] = inner ? `${inner}: ${text}` : text;
  }
  return messages;
}

/** PostGIS's validity reasons (ST_IsValidDetail) this client says in the UI language. */
const GEOMETRY_REASONS = new Set(['self_intersection', 'ring_self_intersection', 'too_few_points_in_geometry_component',
  'too_few_distinct_points_in_geometry_component', 'hole_lies_outside_shell', 'holes_are_nested', 'nested_shells', 'interior_is_disconnected',
  'duplicate_rings', 'invalid_coordinate', 'ring_is_not_closed']);

/** PostGIS's reason for an invalid geometry in the UI language, or as PostGIS says it when unforeseen. */
export function geometryReasonText(reason: string, tr: MessageTranslator): string {
  const key = reason.trim().toLowerCase().replace(/[^a-z]+/g, '_');
  return GEOMETRY_REASONS.has(key) ? tr.t(`editing.server.reasons.${key}`) : reason;
}

/** One problem of a 422 as a sentence in the UI language when the server names its kind, else the server's text. */
export function serverProblemText(problem: FieldProblem, tr: MessageTranslator): string {
  const p = problem.params ?? {};
  switch (problem.code) {
    case 'invalid_geometry': {
      const reason = geometryReasonText(String(p.reason ?? ''), tr);
      return p.x === undefined ? tr.t('editing.server.invalidGeometry', { reason }) : tr.t('editing.server.invalidGeometryAt', { reason, x: p.x, y: p.y });
    }
    case 'outside_planning_area': return tr.t('editing.server.outsidePlanningArea', { area: p.area ?? '' });
    case 'database_rule': return tr.t('editing.server.databaseRule', { constraint: p.constraint ?? '' });
    case 'required': return tr.t('editing.server.required');
    case 'missing_reference': return tr.t('editing.server.missingReference', { column: p.column ?? '' });
    case 'duplicate': return tr.t('editing.server.duplicate');
    default: return problem.message;
  }
}

/** The form field a problem+json field (`properties.name`, `geometry.coordinates`…) belongs to. */
export function formFieldOf(problemField: string, fields: readonly FormField[]): string {
  const [head, name] = problemField.split('.');
  if (head === 'properties' && name && fields.some((f) => f.name === name)) return name;
  return head === 'geometry' ? GEOMETRY_FIELD : GENERAL_FIELD;
}

/** A problem+json field list spread over the form's fields, each message in the UI language where it can be. */
export function serverFieldMessages(errors: readonly FieldProblem[] | undefined, fields: readonly FormField[], tr: MessageTranslator): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const e of errors ?? []) {
    const field = formFieldOf(e.field, fields);
    const text = serverProblemText(e, tr);
    messages[field] = messages[field] ? `${messages[field]}; ${text}` : text;
  }
  return messages;
}
