import { describe, expect, it } from 'vitest';
import { distanceLabel, niceFloor, pixelsFor, printLayout, scaleBar } from '../../../client/src/lib/print-layout';

describe('printed map layout', () => {
  it('the_parts_of_an_a4_sheet_fit_inside_its_margins_without_overlapping', () => {
    for (const paper of ['a4', 'a3'] as const) {
      const l = printLayout(paper);
      for (const box of [l.title, l.map, l.legend, l.footer]) {
        expect(box.x).toBeGreaterThanOrEqual(10);
        expect(box.y).toBeGreaterThanOrEqual(10);
        expect(box.x + box.width).toBeLessThanOrEqual(l.page.width - 10 + 1e-9);
        expect(box.y + box.height).toBeLessThanOrEqual(l.page.height - 10 + 1e-9);
      }
      expect(l.map.x + l.map.width).toBeLessThan(l.legend.x);
      expect(l.title.y + l.title.height).toBeLessThanOrEqual(l.map.y);
      expect(l.map.y + l.map.height).toBeLessThanOrEqual(l.footer.y);
    }
    expect(printLayout('a4').page).toEqual({ width: 297, height: 210 });
  });

  it('a_25_4_mm_image_at_150_dpi_is_150_pixels', () => {
    expect(pixelsFor(25.4, 50.8, 150)).toEqual([150, 300]);
  });

  it('scale_bars_are_round_lengths_and_the_scale_follows_from_the_pixel_sizes', () => {
    expect([niceFloor(7.3), niceFloor(0.42), niceFloor(2000), niceFloor(19.9)]).toEqual([5, 0.2, 2000, 10]);
    // 10 m per pixel printed at 0.2 mm per pixel: 50 m per mm, 1 : 50 000; 40 mm would be 2 000 m exactly.
    expect(scaleBar(10, 0.2)).toEqual({ groundMetres: 2000, paperMm: 40, denominator: 50000 });
    // 3.3 m per pixel at 0.1693 mm per pixel (150 dpi): 19.49 m per mm, so 1 : 19 500 and a 500 m bar of 25.66 mm.
    const bar = scaleBar(3.3, 25.4 / 150);
    expect(bar.denominator).toBe(19500);
    expect(bar.groundMetres).toBe(500);
    expect(bar.paperMm).toBeCloseTo(25.66, 2);
    expect(distanceLabel(500)).toBe('500 m');
    expect(distanceLabel(2000)).toBe('2 km');
  });
});
