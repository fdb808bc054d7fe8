import { describe, expect, it } from 'vitest';
import { validateFeature } from '../../../server/src/features/ogc/feature-validation.js';
import { findCollection } from '../../../server/src/features/collections/registry.js';
import { parseCrs } from '../../../server/src/lib/crs.js';
import { ProblemError } from '../../../server/src/lib/errors.js';
import { cameraFeature } from '../../fixtures/features.js';

const cameras = findCollection('cameras')!;
const bts = findCollection('bts_sites')!;
const crs84 = parseCrs(undefined, 'crs');

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProblemError) return err.errors.map((e) => e.field);
    throw err;
  }
  return [];
}

const sector = { azimuth_deg: 0, tilt_deg: 4, beamwidth_deg: 65, power_dbm: 43, gain_dbi: 17, frequency_mhz: 3500, bandwidth_mhz: 100 };
const site = (sectors: unknown[]) => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [108.2, 16.05] },
  properties: { operator: 'Viettel', technology: '5G', site_type: 'macro', status: 'existing', sectors },
});

describe('feature validation', () => {
  it('a_valid_camera_passes', () => {
    expect(fieldsOf(() => validateFeature(cameras, cameraFeature(), crs84))).toEqual([]);
  });

  it('all_problems_are_reported_at_once', () => {
    const fields = fieldsOf(() => validateFeature(cameras, cameraFeature({ heading_deg: -1, frame_rate: 0, codec: 'AV1' }), crs84));
    expect(fields).toEqual(expect.arrayContaining(['properties.heading_deg', 'properties.frame_rate', 'properties.codec']));
  });

  it('a_camera_without_a_field_of_view_or_a_lens_is_refused_on_those_fields', () => {
    const noOptics = cameraFeature({ hfov_deg: null, sensor_width_mm: 5.37, focal_length_mm: null });
    expect(fieldsOf(() => validateFeature(cameras, noOptics, crs84))).toEqual(['properties.hfov_deg', 'properties.sensor_width_mm', 'properties.focal_length_mm']);
    expect(fieldsOf(() => validateFeature(cameras, cameraFeature({ hfov_deg: 60, sensor_width_mm: null, focal_length_mm: null }), crs84))).toEqual([]);
    // An update that leaves the optics alone is not asked for them.
    expect(fieldsOf(() => validateFeature(cameras, { type: 'Feature', properties: { status: 'faulty' } }, crs84, true))).toEqual([]);
  });

  it('a_hfov_of_180_degrees_is_refused', () => {
    expect(fieldsOf(() => validateFeature(cameras, cameraFeature({ hfov_deg: 180 }), crs84))).toEqual(['properties.hfov_deg']);
  });

  it('nan_and_infinite_coordinates_are_refused', () => {
    const feature = { ...cameraFeature(), geometry: { type: 'Point', coordinates: [108.2, null] } };
    expect(fieldsOf(() => validateFeature(cameras, feature, crs84))).toEqual(['geometry.coordinates']);
  });

  it('vn2000_coordinates_are_checked_as_metres', () => {
    const vn2000 = parseCrs('EPSG:5899', 'crs');
    expect(fieldsOf(() => validateFeature(cameras, cameraFeature({}, [550850.83, 1776398.5]), vn2000))).toEqual([]);
    expect(fieldsOf(() => validateFeature(cameras, cameraFeature({}, [550850.83, -5]), vn2000))).toEqual(['geometry.coordinates']);
  });

  it('a_bts_sector_is_checked_item_by_item', () => {
    expect(fieldsOf(() => validateFeature(bts, site([sector, sector, sector]), crs84))).toEqual([]);
    expect(fieldsOf(() => validateFeature(bts, site([sector, { ...sector, azimuth_deg: 360 }]), crs84))).toEqual(['properties.sectors.1.azimuth_deg']);
  });

  it('an_update_may_leave_out_geometry_and_required_properties', () => {
    expect(fieldsOf(() => validateFeature(cameras, { type: 'Feature', properties: { status: 'faulty' } }, crs84, true))).toEqual([]);
  });
});
