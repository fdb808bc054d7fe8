/** Land use: zones filled by class, water drawn almost opaque so rivers and the bay read as water. */
import { Fill, Stroke, Style } from 'ol/style';
import type { StyleFunction } from 'ol/style/Style';
import { cachedStyle } from './common';
import { ZONE_CLASS_COLORS, ZONE_FALLBACK_COLOR, withAlpha } from './palette';
import { zoomForResolution } from './zoom';

/** Style function for `land_use` features (property `zone_class`). */
export function landUseStyle(): StyleFunction {
  return cachedStyle(
    (f, res) => `${String(f.get('zone_class'))}|${zoomForResolution(res) >= 15 ? 'edge' : ''}`,
    (key) => {
      const [zone, edge] = key.split('|');
      const color = ZONE_CLASS_COLORS[zone] ?? ZONE_FALLBACK_COLOR;
      const alpha = zone === 'water' ? 0.9 : 0.6;
      return new Style({
        fill: new Fill({ color: withAlpha(color, alpha) }),
        // Outlines only when zoomed in: at city scale they turn the map into noise.
        stroke: edge ? new Stroke({ color: withAlpha(color, 1), width: 1 }) : undefined,
      });
    },
  );
}
