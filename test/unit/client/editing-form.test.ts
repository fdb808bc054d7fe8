import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../../server/src/features/collections/registry';
import { featureSchema } from '../../../server/src/features/collections/feature-schema';
import { validateFeature } from '../../../server/src/features/ogc/feature-validation';
import { parseCrs } from '../../../server/src/lib/crs';
import { validatorModule } from '../../../client/vite-plugin-feature-validators';
import { changedProperties, formFields, formValuesOf, propertiesFromForm } from '../../../client/src/lib/editing/schema-form';
import { GENERAL_FIELD, GEOMETRY_FIELD, serverFieldMessages, validateProperties, type MessageTranslator, type Validator } from '../../../client/src/lib/editing/validation';
import type { CollectionInfo } from '../../../client/src/api/collections';
import type { FieldProblem } from '../../../client/src/api/http';
import type { PublishedSchema } from '../../../client/src/api/editing';
import vi from '../../../client/src/i18n/messages/editing.vi.json';
import en from '../../../client/src/i18n/messages/editing.en.json';

const REPO = path.resolve(import.meta.dirname, '../../..');
const cameras = COLLECTIONS.find((c) => c.id === 'cameras')!;
const collection = cameras as unknown as CollectionInfo;
// The schema exactly as /ogc/collections/cameras/schema publishes it.
const published = featureSchema(cameras, 'http://localhost') as unknown as PublishedSchema;

/** vue-i18n's `t` for the plain `{name}` placeholders these messages use. */
function translator(locale: 'vi' | 'en'): MessageTranslator {
  const messages = locale === 'vi' ? vi : en;
  return {
    locale,
    t(key, named = {}) {
      const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], messages);
      if (typeof text !== 'string') throw new Error(`missing message ${key}`);
      return text.replace(/\{(\w+)\}/g, (_, name: string) => String(named[name]));
    },
  };
}

// The validator the browser runs: the Vite plugin's standalone module, imported from a file in the repository
// (so that its ajv runtime import resolves to node_modules).
let validate: Validator;
let tmpDir: string;
beforeAll(async () => {
  // Under the repository (so that node_modules resolves), in the git-ignored artifacts folder.
  fs.mkdirSync(path.join(REPO, 'test-artifacts'), { recursive: true });
  tmpDir = fs.mkdtempSync(path.join(REPO, 'test-artifacts', 'validators-'));
  const file = path.join(tmpDir, 'cameras.mjs');
  fs.writeFileSync(file, validatorModule('cameras'));
  validate = (await import(pathToFileURL(file).href)).default;
});
afterAll(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

const fields = formFields(published, collection);
const field = (name: string) => fields.find((f) => f.name === name)!;
const goodCamera = {
  name: 'Cầu Rồng', owner: 'police', purpose: 'traffic', status: 'planned', mount_height_m: '6', heading_deg: '90', tilt_deg: '15',
  sensor_width_mm: '', focal_length_mm: '', hfov_deg: '70', resolution_h: '1920', resolution_v: '1080', codec: 'H.265',
  frame_rate: '25', retention_days: '30', bitrate_mbps: '', man_node_id: '',
};

describe('attribute form from the published schema', () => {
  it('the_camera_form_has_one_field_per_registry_property_with_its_type_range_and_enum', () => {
    expect(fields.map((f) => f.name)).toEqual(cameras.properties.map((p) => p.name));
    expect(field('heading_deg')).toMatchObject({ kind: 'number', minimum: 0, exclusiveMaximum: 360, required: true });
    expect(field('resolution_h')).toMatchObject({ kind: 'integer', minimum: 1, maximum: 20000 });
    expect(field('status')).toMatchObject({ kind: 'enum', options: ['existing', 'planned', 'faulty', 'decommissioned'] });
    expect(field('name')).toMatchObject({ kind: 'text', maxLength: 200, required: false });
    expect(field('man_node_id').kind).toBe('uuid');
    expect(fields.some((f) => ['id', 'version', 'geometry', 'updated_at'].includes(f.name))).toBe(false);
  });

  it('empty_optional_inputs_become_null_empty_required_ones_are_left_out_and_numbers_are_converted', () => {
    const props = propertiesFromForm(fields, { ...goodCamera, owner: '', mount_height_m: '6,5' });
    expect(props).not.toHaveProperty('owner');
    expect(props).toMatchObject({ name: 'Cầu Rồng', sensor_width_mm: null, mount_height_m: 6.5, resolution_h: 1920 });
  });

  it('values_round_trip_through_the_inputs', () => {
    const props = propertiesFromForm(fields, goodCamera);
    expect(propertiesFromForm(fields, formValuesOf(fields, props))).toEqual(props);
    expect(changedProperties(fields, props, { ...props, heading_deg: 91 })).toEqual(['heading_deg']);
  });
});

describe('validation messages follow the server rules', () => {
  it('a_complete_camera_passes_here_and_on_the_server', () => {
    const props = propertiesFromForm(fields, goodCamera);
    expect(validateProperties(validate, fields, props, translator('vi'), cameras.requireOneOf)).toEqual({});
    const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [108.227, 16.061] }, properties: props };
    expect(() => validateFeature(cameras, feature, parseCrs(undefined, 'crs'))).not.toThrow();
  });

  it('each_broken_rule_is_named_on_its_field_in_vietnamese', () => {
    const props = propertiesFromForm(fields, {
      ...goodCamera, owner: '', heading_deg: '360', resolution_h: '19.5', frame_rate: '0', name: 'x'.repeat(201), man_node_id: 'abc', mount_height_m: 'cao',
    });
    const messages = validateProperties(validate, fields, props, translator('vi'), cameras.requireOneOf);
    expect(messages).toEqual({
      owner: 'Bắt buộc nhập.',
      heading_deg: 'Phải nhỏ hơn 360.',
      resolution_h: 'Phải là số nguyên.',
      frame_rate: 'Phải lớn hơn 0.',
      name: 'Tối đa 200 ký tự.',
      man_node_id: 'Phải là mã định danh UUID.',
      mount_height_m: 'Phải là số.',
    });
    // The server refuses the same fields.
    const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [108.227, 16.061] }, properties: props };
    const refused = (() => {
      try {
        validateFeature(cameras, feature, parseCrs(undefined, 'crs'));
        return [];
      } catch (e) {
        return ((e as { errors?: { field: string }[] }).errors ?? []).map((x) => x.field.replace('properties.', ''));
      }
    })();
    expect(new Set(refused)).toEqual(new Set(Object.keys(messages)));
  });

  it('messages_are_in_english_with_english_number_formatting', () => {
    const props = propertiesFromForm(fields, { ...goodCamera, mount_height_m: '0.2', retention_days: '4000' });
    expect(validateProperties(validate, fields, props, translator('en'), cameras.requireOneOf)).toEqual({
      mount_height_m: 'Must be at least 0.5.',
      retention_days: 'Must be at most 3,650.',
    });
    expect(validateProperties(validate, fields, props, translator('vi'), cameras.requireOneOf).retention_days).toBe('Không được lớn hơn 3.650.');
  });

  it('a_camera_needs_a_field_of_view_or_a_lens_as_the_table_check_says', () => {
    const props = propertiesFromForm(fields, { ...goodCamera, hfov_deg: '', sensor_width_mm: '5,6' });
    const messages = validateProperties(validate, fields, props, translator('vi'), cameras.requireOneOf);
    const text = 'Cần nhập Góc nhìn ngang (độ), hoặc Bề rộng cảm biến (mm) và Tiêu cự (mm).';
    expect(messages).toEqual({ hfov_deg: text, sensor_width_mm: text, focal_length_mm: text });
    const feature = { type: 'Feature', geometry: { type: 'Point', coordinates: [108.227, 16.061] }, properties: props };
    expect(() => validateFeature(cameras, feature, parseCrs(undefined, 'crs'))).toThrow(/hfov_deg, or sensor_width_mm and focal_length_mm/);
    const withLens = propertiesFromForm(fields, { ...goodCamera, hfov_deg: '', sensor_width_mm: '5,6', focal_length_mm: '4' });
    expect(validateProperties(validate, fields, withLens, translator('en'), cameras.requireOneOf)).toEqual({});
  });

  it('a_422_from_the_server_is_shown_on_its_fields', () => {
    const messages = serverFieldMessages([
      { field: 'properties.man_node_id', message: 'no MAN node with this id' },
      { field: 'geometry.coordinates', message: 'outside the planning area' },
    ], fields, translator('en'));
    expect(messages).toEqual({ man_node_id: 'no MAN node with this id', [GEOMETRY_FIELD]: 'outside the planning area' });
  });

  it('a_422_whose_kind_the_server_names_is_said_in_the_ui_language', () => {
    const problems: FieldProblem[] = [
      { field: 'geometry', message: 'Self-intersection at [108.29, 16.06]', code: 'invalid_geometry', params: { reason: 'Self-intersection', x: 108.29, y: 16.06 } },
      { field: 'properties.man_node_id', message: 'Key (man_node_id)=(…) is not present', code: 'missing_reference', params: { column: 'man_node_id' } },
      { field: 'cameras_check', message: 'value out of the allowed range or set', code: 'database_rule', params: { constraint: 'cameras_check' } },
    ];
    expect(serverFieldMessages(problems, fields, translator('vi'))).toEqual({
      [GEOMETRY_FIELD]: 'Không hợp lệ (tự cắt) tại [108.29, 16.06]: sửa lại đường bao ở đó.',
      man_node_id: 'Tham chiếu tới một đối tượng không tồn tại (man_node_id).',
      [GENERAL_FIELD]: 'Vi phạm quy tắc của cơ sở dữ liệu “cameras_check”.',
    });
    expect(serverFieldMessages(problems.slice(0, 1), fields, translator('en'))[GEOMETRY_FIELD])
      .toBe('Invalid (self-intersection) at [108.29, 16.06]: correct the outline there.');
    expect(serverFieldMessages([{ field: 'geometry', message: '', code: 'invalid_geometry', params: { reason: 'Too few points in geometry component' } }], fields, translator('vi'))[GEOMETRY_FIELD])
      .toBe('Không hợp lệ (một phần có quá ít điểm): sửa lại đường bao.');
    // A reason PostGIS may add later is shown as PostGIS says it.
    expect(serverFieldMessages([{ ...problems[0], params: { reason: 'Something new' } }], fields, translator('vi'))[GEOMETRY_FIELD])
      .toBe('Không hợp lệ (Something new): sửa lại đường bao.');
  });

  it('a_list_of_bts_sectors_names_the_item_and_the_broken_rule', async () => {
    const bts = COLLECTIONS.find((c) => c.id === 'bts_sites')!;
    const btsFields = formFields(featureSchema(bts, 'http://localhost') as unknown as PublishedSchema, bts as unknown as CollectionInfo);
    const file = path.join(tmpDir, 'bts.mjs');
    fs.writeFileSync(file, validatorModule('bts_sites'));
    const validateBts: Validator = (await import(pathToFileURL(file).href)).default;
    const sector = { azimuth_deg: 400, tilt_deg: 2, beamwidth_deg: 65, power_dbm: 43, gain_dbi: 17, frequency_mhz: 3500, bandwidth_mhz: 100 };
    const values = { ...formValuesOf(btsFields, {}), sectors: JSON.stringify([sector]) };
    const messages = validateProperties(validateBts, btsFields, propertiesFromForm(btsFields, values), translator('en'));
    expect(messages.sectors).toBe('[1].azimuth_deg: Must be less than 360.');
    const broken = validateProperties(validateBts, btsFields, propertiesFromForm(btsFields, { ...values, sectors: '[{' }), translator('en'));
    expect(broken.sectors).toBe('Not valid JSON.');
  });
});
