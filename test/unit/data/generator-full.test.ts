import { describe, expect, it } from 'vitest';
import { generateCity } from '../../../data/generator/city.js';

describe('full scale', () => {
  it('the_full_scale_meets_its_minimum_counts_within_a_minute', () => {
    const started = performance.now();
    const city = generateCity({ scale: 'full' });
    const seconds = (performance.now() - started) / 1000;
    expect(city.buildings.features.length).toBeGreaterThanOrEqual(300_000);
    expect(city.cameras.features.length).toBeGreaterThanOrEqual(30_000);
    expect(city.sensors.features.length).toBeGreaterThanOrEqual(2_000);
    // The administrative map and the MAN are the real city's at every scale.
    expect(city.admin_units.features.length).toBe(64);
    expect(city.agencies.features.filter((f) => f.properties!.man_node_id !== null)).toHaveLength(191);
    expect(seconds).toBeLessThan(60);
  });
});
