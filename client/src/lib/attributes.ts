/**
 * Turns a feature's attributes into the rows of the feature-info panel: registry properties in registry
 * order with their titles in the UI language, then the record's bookkeeping (id, version, last update).
 * Pure functions over plain data, so they are unit-tested without a browser.
 */
import type { CollectionInfo, PropertyInfo } from '../api/collections';

export type UiLocale = 'vi' | 'en';

/** The translation functions the formatter needs (vue-i18n's `t` and `te` fit). */
export interface Translator {
  locale: UiLocale;
  t(key: string, named?: Record<string, unknown>): string;
  te(key: string): boolean;
}

export interface AttributeRow {
  name: string;
  title: string;
  value: string;
}

const META = ['id', 'version', 'updated_at', 'updated_by'] as const;
const INTL_LOCALE: Record<UiLocale, string> = { vi: 'vi-VN', en: 'en-GB' };

/** Rows for the attributes of a feature of `collection`; properties the feature lacks are left out. */
export function attributeRows(
  collection: CollectionInfo,
  attributes: Record<string, unknown>,
  featureId: string | undefined,
  tr: Translator,
): AttributeRow[] {
  const rows: AttributeRow[] = [];
  for (const prop of collection.properties) {
    if (!(prop.name in attributes)) continue;
    rows.push({ name: prop.name, title: prop.title[tr.locale], value: formatValue(prop, attributes[prop.name], tr) });
  }
  const meta: Record<string, unknown> = { ...attributes, id: featureId ?? attributes.id };
  for (const name of META) {
    if (meta[name] === undefined || meta[name] === null) continue;
    rows.push({ name, title: tr.t(`info.meta.${name}`), value: formatMeta(name, meta[name], tr) });
  }
  return rows;
}

/** One value as a person reads it: enums translated, numbers in the UI locale, booleans as words. */
export function formatValue(prop: PropertyInfo, value: unknown, tr: Translator): string {
  if (value === null || value === undefined || value === '') return tr.t('info.empty');
  if (typeof value === 'boolean') return tr.t(value ? 'info.yes' : 'info.no');
  if (typeof value === 'number') return formatNumber(prop, value, tr.locale);
  if (Array.isArray(value)) return formatArray(value, tr);
  if (typeof value === 'string' && prop.enum) {
    const key = `enum.${prop.name}.${value}`;
    return tr.te(key) ? tr.t(key) : value;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function formatNumber(prop: PropertyInfo, value: number, locale: UiLocale): string {
  // Years and codes are identifiers, not quantities: no thousands separator ("2019", not "2.019").
  const isYear = /(^|_)year$/.test(prop.name);
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    maximumFractionDigits: prop.type === 'integer' ? 0 : 4,
    useGrouping: !isYear,
  }).format(value);
}

function formatArray(values: unknown[], tr: Translator): string {
  if (values.length === 0) return tr.t('info.empty');
  const lines = values.map((v, i) => {
    if (v && typeof v === 'object') {
      const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${String(x)}`);
      return `${i + 1}. ${parts.join(', ')}`;
    }
    return String(v);
  });
  return [tr.t('info.items', { count: values.length }), ...lines].join('\n');
}

function formatMeta(name: string, value: unknown, tr: Translator): string {
  if (name === 'updated_at' && typeof value === 'string') {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) {
      return date.toLocaleString(INTL_LOCALE[tr.locale], { dateStyle: 'medium', timeStyle: 'short' });
    }
  }
  return String(value);
}
