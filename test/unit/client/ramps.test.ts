/**
 * The thematic colour ramps. Colour-vision deficiencies mostly lose the red-green axis, not lightness, so a
 * sequential ramp stays readable when its lightness changes monotonically (Brewer; Nuñez et al. 2018); a diverging
 * ramp when it is lightest in the middle. Luminance after WCAG 2.x (sRGB relative luminance).
 */
import { describe, expect, it } from 'vitest';
import { RAMPS, hexWithAlpha, rampById, toHex } from '../../../client/src/lib/ramps';

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('colour ramps', () => {
  it('every_ramp_gives_k_distinct_hex_colours_for_3_to_9_classes', () => {
    for (const ramp of RAMPS) {
      for (let k = 3; k <= 9; k++) {
        const colors = ramp.colors(k);
        expect(colors, `${ramp.id} ${k}`).toHaveLength(k);
        expect(new Set(colors).size).toBe(k);
        for (const c of colors) expect(c).toMatch(/^#[0-9a-f]{6}$/);
      }
    }
  });

  it('sequential_ramps_darken_steadily_from_low_to_high', () => {
    for (const ramp of RAMPS.filter((r) => r.kind === 'sequential')) {
      for (let k = 3; k <= 9; k++) {
        const l = ramp.colors(k).map(luminance);
        for (let i = 1; i < k; i++) expect(l[i], `${ramp.id} k=${k} class ${i}`).toBeLessThan(l[i - 1]);
      }
    }
  });

  it('diverging_ramps_are_lightest_in_the_middle', () => {
    for (const ramp of RAMPS.filter((r) => r.kind === 'diverging')) {
      for (const k of [5, 7, 9]) {
        const l = ramp.colors(k).map(luminance);
        const mid = (k - 1) / 2;
        for (let i = 1; i <= mid; i++) expect(l[i], `${ramp.id} k=${k}`).toBeGreaterThan(l[i - 1]);
        for (let i = mid + 1; i < k; i++) expect(l[i], `${ramp.id} k=${k}`).toBeLessThan(l[i - 1]);
      }
    }
  });

  it('unknown_ramp_ids_fall_back_to_viridis_and_colours_convert', () => {
    expect(rampById('rainbow').id).toBe('viridis');
    expect(toHex('rgb(255, 0, 16)')).toBe('#ff0010');
    expect(hexWithAlpha('#ff0010', 0.5)).toBe('rgba(255, 0, 16, 0.5)');
  });
});
