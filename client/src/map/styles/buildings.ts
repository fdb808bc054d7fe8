/** Buildings: footprints shaded by height, so tall blocks (the ones that hide cameras' views) stand out. */
import { Fill, Stroke, Style } from 'ol/style';
import type { StyleFunction } from 'ol/style/Style';
import { cachedStyle } from './common';
import { buildingColor } from './palette';

/** Style function for `buildings` features (property `height_m`). */
export function buildingStyle(outline: string): StyleFunction {
  const stroke = new Stroke({ color: outline, width: 0.6 });
  return cachedStyle(
    (f) => buildingColor(f.get('height_m')),
    (color) => new Style({ fill: new Fill({ color }), stroke }),
  );
}
