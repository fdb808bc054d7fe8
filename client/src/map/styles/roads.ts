/** Roads: a casing under a coloured line, both widening with zoom and with the road class. */
import { Fill, Stroke, Style, Text } from 'ol/style';
import type { StyleFunction } from 'ol/style/Style';
import type { FeatureLike } from 'ol/Feature';
import { ROAD_CLASS_STYLES, type RoadClassStyle } from './palette';
import { scaleWidthPx, zoomForResolution } from './zoom';

const FALLBACK = ROAD_CLASS_STYLES.residential;
const LABEL_MIN_ZOOM = 16;
const CASING_MIN_ZOOM = 13;

/** Style function for `roads` features (properties `road_class`, `name`). */
export function roadStyle(): StyleFunction {
  const cache = new Map<string, Style[]>();
  return (feature: FeatureLike, resolution: number) => {
    const cls = String(feature.get('road_class'));
    const spec = ROAD_CLASS_STYLES[cls] ?? FALLBACK;
    const zoom = zoomForResolution(resolution);
    if (zoom < spec.minZoom) return undefined;
    // Half-zoom steps are enough for widths and keep the cache small.
    const z = Math.round(zoom * 2) / 2;
    const key = `${cls}|${z}`;
    let styles = cache.get(key);
    if (!styles) {
      styles = roadStyles(spec, scaleWidthPx(spec.widthPx, z), z >= CASING_MIN_ZOOM);
      cache.set(key, styles);
    }
    const name = feature.get('name');
    if (zoom < LABEL_MIN_ZOOM || typeof name !== 'string' || !name) return styles;
    return [...styles, roadLabel(name)];
  };
}

function roadStyles(spec: RoadClassStyle, widthPx: number, cased: boolean): Style[] {
  if (!cased) {
    // Zoomed out, a casing doubles the ink of a dense network: one line, white roads in their casing colour.
    const color = spec.color === '#ffffff' ? spec.casing : spec.color;
    return [new Style({ stroke: new Stroke({ color, width: Math.max(widthPx, 0.8), lineCap: 'round' }), zIndex: 0 })];
  }
  // zIndex puts every casing under every fill, so crossings join cleanly.
  return [
    new Style({ stroke: new Stroke({ color: spec.casing, width: widthPx + 1.5, lineCap: 'round' }), zIndex: 0 }),
    new Style({ stroke: new Stroke({ color: spec.color, width: widthPx, lineCap: 'round' }), zIndex: 1 }),
  ];
}

const labelCache = new Map<string, Style>();

function roadLabel(name: string): Style {
  let style = labelCache.get(name);
  if (!style) {
    style = new Style({
      zIndex: 2,
      text: new Text({
        text: name,
        placement: 'line',
        font: '11px system-ui, sans-serif',
        fill: new Fill({ color: '#3d3d3d' }),
        stroke: new Stroke({ color: '#ffffff', width: 3 }),
      }),
    });
    labelCache.set(name, style);
  }
  return style;
}
