import { describe, expect, it } from 'vitest';
import { buildingColor, BUILDING_HEIGHT_CLASSES, withAlpha } from '../../../client/src/map/styles/palette';
import { legendFor } from '../../../client/src/map/styles';
import type { CollectionInfo } from '../../../client/src/api/collections';
import vi from '../../../client/src/i18n/vi.json';

const collection = (id: string, geometryType: CollectionInfo['geometryType'], withStatus = false): CollectionInfo => ({
  id,
  group: 'urban',
  title: { vi: id, en: id },
  description: { vi: '', en: '' },
  geometryType,
  render: 'features',
  minZoom: 0,
  style: { fill: '#ff7f00', stroke: '#ffffff', radius: 5 },
  editRoles: [],
  properties: withStatus ? [{ name: 'status', type: 'string', title: { vi: 'Trạng thái', en: 'Status' } }] : [],
  links: { items: '' },
});

const hasMessage = (key: string) =>
  typeof key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], vi) === 'string';

describe('legend and palette', () => {
  it('taller_buildings_are_darker_and_unknown_heights_take_the_lowest_class', () => {
    expect(buildingColor(3)).toBe(BUILDING_HEIGHT_CLASSES[0].color);
    expect(buildingColor(null)).toBe(BUILDING_HEIGHT_CLASSES[0].color);
    expect(buildingColor(180)).toBe(BUILDING_HEIGHT_CLASSES.at(-1)?.color);
  });

  it('class_legends_cover_every_land_use_road_and_camera_status_with_a_translated_label', () => {
    for (const [id, type, count] of [['land_use', 'MultiPolygon', 11], ['roads', 'LineString', 7], ['cameras', 'Point', 4]] as const) {
      const entries = legendFor(collection(id, type));
      expect(entries).toHaveLength(count);
      for (const e of entries) expect(hasMessage(e.labelKey ?? ''), e.labelKey).toBe(true);
    }
  });

  it('a_new_layer_with_a_status_gets_a_status_legend_and_one_without_gets_none', () => {
    expect(legendFor(collection('new_points', 'Point', true)).map((e) => e.labelKey)).toEqual([
      'enum.status.existing', 'enum.status.planned', 'enum.status.faulty', 'enum.status.decommissioned',
    ]);
    expect(legendFor(collection('new_areas', 'Polygon'))).toEqual([]);
  });

  it('with_alpha_turns_hex_into_rgba', () => {
    expect(withAlpha('#a6cee3', 0.5)).toBe('rgba(166,206,227,0.5)');
  });
});
