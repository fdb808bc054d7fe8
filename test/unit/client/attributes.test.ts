import { describe, expect, it } from 'vitest';
import { attributeRows, formatValue, type Translator } from '../../../client/src/lib/attributes';
import type { CollectionInfo, PropertyInfo } from '../../../client/src/api/collections';
import vi from '../../../client/src/i18n/vi.json';
import en from '../../../client/src/i18n/en.json';

/** A translator over the app's own message files, with vue-i18n's {named} interpolation. */
function translator(locale: 'vi' | 'en'): Translator {
  const messages = locale === 'vi' ? vi : en;
  const lookup = (key: string): unknown => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], messages);
  return {
    locale,
    te: (key) => typeof lookup(key) === 'string',
    t: (key, named = {}) => String(lookup(key) ?? key).replace(/\{(\w+)\}/g, (_, n) => String(named[n])),
  };
}

const prop = (p: Partial<PropertyInfo> & { name: string }): PropertyInfo => ({
  type: 'string',
  title: { vi: p.name, en: p.name },
  ...p,
});

const cameras: CollectionInfo = {
  id: 'cameras',
  group: 'cctv',
  title: { vi: 'Camera giám sát', en: 'CCTV cameras' },
  description: { vi: '', en: '' },
  geometryType: 'Point',
  render: 'features',
  minZoom: 0,
  style: { fill: '#e31a1c', stroke: '#ffffff', radius: 4 },
  editRoles: [],
  properties: [
    prop({ name: 'name', title: { vi: 'Tên', en: 'Name' } }),
    prop({ name: 'status', title: { vi: 'Trạng thái', en: 'Status' }, enum: ['existing', 'planned', 'faulty', 'decommissioned'] }),
    prop({ name: 'resolution_h', type: 'integer', title: { vi: 'Độ phân giải ngang (px)', en: 'Horizontal resolution (px)' } }),
    prop({ name: 'bitrate_mbps', type: 'number', title: { vi: 'Tốc độ bit (Mbit/s)', en: 'Bitrate (Mbit/s)' } }),
  ],
  links: { items: '/ogc/collections/cameras/items' },
};

describe('feature attributes', () => {
  it('rows_follow_the_registry_order_with_titles_in_the_ui_language_then_the_record_metadata', () => {
    const attrs = { bitrate_mbps: 4.5, status: 'faulty', name: 'Cầu Rồng', version: 3, unknown_extra: 1 };
    const rows = attributeRows(cameras, attrs, 'c0ffee', translator('vi'));
    expect(rows.map((r) => r.name)).toEqual(['name', 'status', 'bitrate_mbps', 'id', 'version']);
    expect(rows[1]).toEqual({ name: 'status', title: 'Trạng thái', value: 'Hỏng' });
    expect(rows[3]).toEqual({ name: 'id', title: 'Mã định danh', value: 'c0ffee' });
    expect(attributeRows(cameras, attrs, 'c0ffee', translator('en'))[1]).toEqual({ name: 'status', title: 'Status', value: 'Faulty' });
  });

  it('numbers_use_the_ui_locale_but_years_keep_no_thousands_separator', () => {
    const resolution = cameras.properties[2];
    expect(formatValue(resolution, 1920, translator('vi'))).toBe('1.920');
    expect(formatValue(resolution, 1920, translator('en'))).toBe('1,920');
    const year = prop({ name: 'population_year', type: 'integer' });
    expect(formatValue(year, 2019, translator('vi'))).toBe('2019');
    expect(formatValue(cameras.properties[3], 4.5, translator('vi'))).toBe('4,5');
  });

  it('empty_values_booleans_unknown_enums_and_arrays_read_as_words', () => {
    const tr = translator('vi');
    expect(formatValue(cameras.properties[0], null, tr)).toBe('—');
    expect(formatValue(prop({ name: 'wifi_wanted', type: 'boolean' }), true, tr)).toBe('Có');
    expect(formatValue(prop({ name: 'codec', enum: ['H.264'] }), 'H.264', tr)).toBe('H.264');
    const sectors = formatValue(prop({ name: 'sectors', type: 'array' }), [{ azimuth_deg: 0 }, { azimuth_deg: 120 }], tr);
    expect(sectors).toBe('2 mục\n1. azimuth_deg: 0\n2. azimuth_deg: 120');
  });
});
