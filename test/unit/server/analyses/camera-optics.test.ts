import { describe, expect, it } from 'vitest';
import {
  IEC_62676_4, IEC_62676_4_ALL, groundDistanceFor, groundFootprint, hfovFromLens, opticsProblems, opticsSummary,
  pixelDensity, presetProblems, resolvedHfovDeg, slantDistanceFor, vfovFromHfov, type CameraOptics,
} from '../../../../server/src/analyses/camera-optics/index.js';

const camera = (over: Partial<CameraOptics> = {}): CameraOptics => ({
  mountHeightM: 6, headingDeg: 0, tiltDeg: 15, hfovDeg: 90, resolutionH: 1920, resolutionV: 1080, ...over,
});

describe('camera optics (IEC 62676-4)', () => {
  it('hfov_of_known_sensor_and_lens_pairs', () => {
    // 1/2.8" sensor 5.6 mm wide behind a 4 mm lens: 2·atan(5.6 / 8) = 69.98°.
    expect(hfovFromLens(5.6, 4)).toBeCloseTo(69.98, 2);
    // 1/3" (4.8 mm) with 2.8 mm: 81.20°; 1/1.8" (7.18 mm) with 8 mm: 48.34°.
    expect(hfovFromLens(4.8, 2.8)).toBeCloseTo(81.2, 2);
    expect(hfovFromLens(7.18, 8)).toBeCloseTo(48.34, 2);
  });

  it('a_stated_hfov_wins_over_the_lens_and_a_missing_lens_is_reported', () => {
    expect(resolvedHfovDeg({ hfovDeg: 105, sensorWidthMm: 5.6, focalLengthMm: 4 })).toBe(105);
    expect(resolvedHfovDeg({ sensorWidthMm: 5.6, focalLengthMm: 4 })).toBeCloseTo(69.98, 2);
    const problems = opticsProblems(camera({ hfovDeg: null, sensorWidthMm: 5.6, focalLengthMm: null }));
    expect(problems.map((p) => p.code)).toEqual(['lens_missing']);
  });

  it('vfov_follows_the_image_aspect_ratio', () => {
    // 16:9 at 90° across: tan(v/2) = 1 · 1080/1920.
    expect(vfovFromHfov(90, 1920, 1080)).toBeCloseTo(58.72, 2);
    expect(vfovFromHfov(60, 1000, 1000)).toBeCloseTo(60, 9);
  });

  it('pixel_density_and_zone_distances_follow_the_formula', () => {
    // 1920 px over 90°: PPM = 1920 / (2·D·1); D(250) = 3.84 m, D(25) = 38.4 m.
    expect(pixelDensity(1920, 90, 7.68)).toBeCloseTo(125, 9);
    expect(slantDistanceFor(1920, 90, 250)).toBeCloseTo(3.84, 9);
    expect(slantDistanceFor(1920, 90, 25)).toBeCloseTo(38.4, 9);
    // On the ground from a 3 m mast: √(38.4² − 3²).
    expect(groundDistanceFor(38.4, 3)).toBeCloseTo(38.2826, 3);
    expect(groundDistanceFor(2.5, 3)).toBe(0);
  });

  it('blind_zone_and_far_limit_from_height_tilt_and_vfov', () => {
    // Lower edge 30 + 15 = 45° below the horizon: blind zone = h; upper edge 15°: far limit = 6 / tan 15°.
    const f = groundFootprint(6, 30, 30);
    expect(f.blindZoneM).toBeCloseTo(6, 9);
    expect(f.farLimitM).toBeCloseTo(22.3923, 3);
    expect(groundFootprint(6, 10, 30).farLimitM).toBe(Infinity);
    expect(groundFootprint(6, 80, 30).blindZoneM).toBe(0);
    expect(groundFootprint(6, -20, 30).seesGround).toBe(false);
  });

  it('the_ground_footprint_is_split_into_nested_bands_clipped_by_the_blind_zone_and_far_limit', () => {
    const s = opticsSummary(camera({ mountHeightM: 3, tiltDeg: 40, hfovDeg: 90 }));
    // vfov 58.72°: lower edge 69.36° → blind zone 3 / tan 69.36° = 1.130 m; upper edge 10.64° → far 15.98 m.
    expect(s.footprint.blindZoneM).toBeCloseTo(3 / Math.tan((69.3578 * Math.PI) / 180), 3);
    expect(s.bands.map((b) => b.level)).toEqual(['identification', 'recognition', 'observation', 'detection']);
    const [id, rec, obs, det] = s.bands;
    expect(id.fromM).toBeCloseTo(s.footprint.blindZoneM, 9);
    expect(id.toM).toBeCloseTo(Math.sqrt(3.84 ** 2 - 9), 9);
    expect(rec.fromM).toBe(id.toM);
    expect(rec.toM).toBeCloseTo(Math.sqrt(7.68 ** 2 - 9), 9);
    expect(obs.toM).toBeCloseTo(Math.sqrt(15.36 ** 2 - 9), 9);
    // Detection would reach 38.28 m but the upper image edge meets the ground first.
    expect(det.toM).toBeCloseTo(s.footprint.farLimitM, 9);
    expect(s.reachM).toBe(det.toM);
  });

  it('a_zone_the_mast_is_too_high_for_never_reaches_the_ground', () => {
    // Identification ends 3.84 m from the lens: a 5 m mast never sees the ground at 250 px/m.
    const s = opticsSummary(camera({ mountHeightM: 5, tiltDeg: 60 }));
    expect(s.levelReachM.identification).toBe(0);
    expect(s.bands.map((b) => b.level)).not.toContain('identification');
  });

  it('monitor_and_inspect_are_options_and_presets_must_rise', () => {
    const s = opticsSummary(camera({ mountHeightM: 2, tiltDeg: 10 }), IEC_62676_4_ALL);
    expect(s.bands.map((b) => b.level)).toEqual(['identification', 'recognition', 'observation', 'detection', 'monitor']);
    // Monitor at 12.5 px/m reaches √(76.8² − 2²) m; inspect (1,000 px/m) would need the lens within 0.96 m.
    expect(s.reachM).toBeCloseTo(Math.sqrt(76.8 ** 2 - 4), 9);
    expect(s.levelReachM.inspect).toBe(0);
    expect(presetProblems(IEC_62676_4)).toEqual([]);
    expect(presetProblems({ ...IEC_62676_4, recognition: 50 })).toEqual([expect.stringMatching(/recognition .* must be higher/)]);
    expect(presetProblems({ detection: 25, observation: 62.5 })).toHaveLength(2);
  });

  it('a_long_lens_is_modelled_out_to_two_kilometres', () => {
    // 7680 px over 3°: detection would reach 2.9 km.
    const s = opticsSummary(camera({ hfovDeg: 3, resolutionH: 7680, resolutionV: 4320, tiltDeg: 1 }));
    expect(s.levelReachM.detection).toBeGreaterThan(2900);
    expect(s.reachM).toBe(2000);
  });

  it('bad_optics_are_named_with_a_message_to_act_on', () => {
    const codes = (c: CameraOptics) => opticsProblems(c).map((p) => p.code);
    expect(codes(camera({ hfovDeg: 0 }))).toEqual(['hfov_out_of_range']);
    expect(codes(camera({ hfovDeg: 180 }))).toEqual(['hfov_out_of_range']);
    expect(codes(camera({ resolutionH: 0 }))).toEqual(['zero_resolution']);
    expect(codes(camera({ tiltDeg: 95 }))).toEqual(['tilt_out_of_range']);
    expect(opticsProblems(camera({ hfovDeg: -5 }))[0].message).toMatch(/more than 0° and less than 180°; it is -5°/);
    expect(codes(camera())).toEqual([]);
  });
});
