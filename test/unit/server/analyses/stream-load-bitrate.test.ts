import { describe, expect, it } from 'vitest';
import {
  BYTES_PER_MBPS_DAY, DEFAULT_BITS_PER_PIXEL, DEFAULT_STORAGE_OVERHEAD_PERCENT, bytesPerDay, storageTb, tableBitrateMbps,
} from '../../../../server/src/analyses/stream-load/bitrate.js';
import { costCamera, isPrivateCamera, type CameraRecord } from '../../../../server/src/analyses/stream-load/cameras.js';

const camera = (overrides: Partial<CameraRecord> = {}): CameraRecord => ({
  id: 'c1', name: 'Test', owner: 'police', status: 'existing', codec: 'H.264', resolution_h: 1920, resolution_v: 1080,
  frame_rate: 25, retention_days: 30, bitrate_mbps: null, man_node_id: 'n1', ...overrides,
});
const options = { bitsPerPixel: DEFAULT_BITS_PER_PIXEL, storageOverheadPercent: 0 };
const inService = () => 'in_service' as const;

describe('storage arithmetic', () => {
  it('one_mbit_per_second_for_one_day_is_exactly_10_8_gigabytes', () => {
    expect(BYTES_PER_MBPS_DAY).toBe(10_800_000_000);
    expect(bytesPerDay(1)).toBe(10.8e9);
  });

  it('storage_is_bitrate_times_retention_days_in_decimal_terabytes', () => {
    // 4 Mbit/s for 30 days: 4 × 10.8 GB × 30 = 1,296 GB = 1.296 TB.
    expect(storageTb(4, 30, 0)).toBeCloseTo(1.296, 12);
  });

  it('the_default_overhead_is_raid6_8_plus_2_and_five_percent_for_file_system_and_index', () => {
    expect(DEFAULT_STORAGE_OVERHEAD_PERCENT).toBeCloseTo(31.25, 12);
    expect(storageTb(1, 1)).toBeCloseTo(0.0108 * 1.25 * 1.05, 15);
  });
});

describe('bitrate table', () => {
  it('h264_1080p_at_25_fps_is_3_6_mbit_s_by_the_kush_gauge_at_low_motion', () => {
    // 1920 × 1080 × 25 × 0.07 = 3,628,800 bit/s.
    expect(tableBitrateMbps('H.264', 1920, 1080, 25)).toBeCloseTo(3.6288, 12);
  });

  it('h265_needs_half_the_bitrate_of_h264', () => {
    expect(tableBitrateMbps('H.265', 1920, 1080, 25)).toBeCloseTo(tableBitrateMbps('H.264', 1920, 1080, 25) / 2, 12);
  });

  it('mjpeg_is_half_a_bit_per_pixel_per_frame', () => {
    // 3840 × 2160 × 30 × 0.5 = 124,416,000 bit/s.
    expect(tableBitrateMbps('MJPEG', 3840, 2160, 30)).toBeCloseTo(124.416, 9);
  });

  it('bitrate_scales_with_pixels_and_frame_rate', () => {
    expect(tableBitrateMbps('H.264', 3840, 2160, 25)).toBeCloseTo(4 * tableBitrateMbps('H.264', 1920, 1080, 25), 9);
    expect(tableBitrateMbps('H.264', 1920, 1080, 12.5)).toBeCloseTo(tableBitrateMbps('H.264', 1920, 1080, 25) / 2, 9);
  });
});

describe('costing a camera', () => {
  it('a_camera_bitrate_overrides_the_table', () => {
    const s = costCamera(camera({ bitrate_mbps: 6 }), options, inService);
    expect(s).toMatchObject({ mbps: 6, bitrateFrom: 'camera', nodeId: 'n1' });
    expect('storageTb' in s && s.storageTb).toBeCloseTo(6 * 0.0108 * 30, 12);
  });

  it('a_camera_without_bitrate_takes_the_table_value', () => {
    expect(costCamera(camera(), options, inService)).toMatchObject({ mbps: expect.closeTo(3.6288, 12), bitrateFrom: 'table' });
  });

  it('zero_resolution_is_a_problem_that_names_the_fields_to_set', () => {
    const p = costCamera(camera({ resolution_h: 0 }), options, inService);
    expect(p).toMatchObject({ reason: 'zero_resolution', cameraId: 'c1' });
    expect('message' in p && p.message).toMatch(/resolution_h and resolution_v/);
  });

  it('an_unknown_codec_is_a_problem_unless_the_camera_has_its_own_bitrate', () => {
    expect(costCamera(camera({ codec: 'VP9' }), options, inService)).toMatchObject({ reason: 'unknown_codec' });
    expect(costCamera(camera({ codec: 'VP9', bitrate_mbps: 2 }), options, inService)).toMatchObject({ mbps: 2 });
  });

  it('a_camera_with_no_man_node_is_a_problem_but_a_residents_one_is_private', () => {
    expect(costCamera(camera({ man_node_id: null }), options, inService)).toMatchObject({ reason: 'no_man_node' });
    expect(isPrivateCamera(camera({ owner: 'resident', man_node_id: null }))).toBe(true);
    expect(isPrivateCamera(camera({ owner: 'resident' }))).toBe(false);
  });

  it('a_node_missing_or_out_of_service_is_named_as_such', () => {
    expect(costCamera(camera(), options, () => 'unknown')).toMatchObject({ reason: 'unknown_man_node' });
    expect(costCamera(camera(), options, () => 'out_of_service')).toMatchObject({ reason: 'man_node_out_of_service' });
  });
});
