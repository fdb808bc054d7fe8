import { describe, expect, it } from 'vitest';
import {
  formatVn2000,
  formatWgs84,
  vn2000ToWgs84,
  wgs84ToVn2000,
} from '../../../client/src/lib/crs';

// Check point from PROJ's cs2cs (shared data README): the Dragon Bridge, Đà Nẵng.
const DRAGON_BRIDGE_LONLAT: [number, number] = [108.2271, 16.0611];
const DRAGON_BRIDGE_EN: [number, number] = [550850.83, 1776398.5];

describe('VN-2000 / TM-3 107°45 (EPSG:5899)', () => {
  it('the_dragon_bridge_projects_to_the_published_grid_coordinates_within_5_cm', () => {
    const [e, n] = wgs84ToVn2000(DRAGON_BRIDGE_LONLAT);
    expect(Math.abs(e - DRAGON_BRIDGE_EN[0])).toBeLessThan(0.05);
    expect(Math.abs(n - DRAGON_BRIDGE_EN[1])).toBeLessThan(0.05);
  });

  it('the_dragon_bridge_grid_coordinates_invert_to_wgs84_within_5_cm', () => {
    const [lon, lat] = vn2000ToWgs84(DRAGON_BRIDGE_EN);
    // At 16° N one metre is ~1/111 000° of latitude and ~1/106 700° of longitude.
    expect(Math.abs(lat - DRAGON_BRIDGE_LONLAT[1]) * 111_000).toBeLessThan(0.05);
    expect(Math.abs(lon - DRAGON_BRIDGE_LONLAT[0]) * 106_700).toBeLessThan(0.05);
  });

  it('a_round_trip_returns_to_the_start_within_a_millimetre', () => {
    const back = wgs84ToVn2000(vn2000ToWgs84([540000, 1770000]));
    expect(back[0]).toBeCloseTo(540000, 3);
    expect(back[1]).toBeCloseTo(1770000, 3);
  });

  it('formats_wgs84_as_lat_lon_with_6_decimals_and_vn2000_in_metres_with_2', () => {
    expect(formatWgs84(DRAGON_BRIDGE_LONLAT)).toBe('16.061100, 108.227100');
    expect(formatVn2000(DRAGON_BRIDGE_EN)).toBe('E 550850.83  N 1776398.50');
  });
});
