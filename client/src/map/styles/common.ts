/** The default cartography: a registry style (fill, stroke, radius) turned into OpenLayers styles. */
import { Circle, Fill, Stroke, Style } from 'ol/style';
import type { FeatureLike } from 'ol/Feature';
import type { StyleFunction } from 'ol/style/Style';
import type { GeometryType, LayerStyleSpec } from '../../api/collections';
import { pointScale, zoomForResolution } from './zoom';

export type GeometryKind = 'point' | 'line' | 'polygon';

/** How a layer's features are drawn and shown in the legend. */
export function geometryKind(type: GeometryType): GeometryKind {
  if (type === 'Point') return 'point';
  if (type === 'LineString') return 'line';
  return 'polygon';
}

/** A circle symbol; cached by the caller when used in a style function. */
export function circleStyle(fill: string, stroke: string, radiusPx: number, strokeWidthPx = 1.5, lineDash?: number[]): Style {
  return new Style({
    image: new Circle({
      radius: radiusPx,
      fill: new Fill({ color: fill }),
      stroke: new Stroke({ color: stroke, width: strokeWidthPx, lineDash }),
    }),
  });
}

/** The registry's style for a geometry kind (points shrink when zoomed out, see `pointScale`). */
export function baseStyle(spec: LayerStyleSpec, kind: GeometryKind): Style | StyleFunction {
  if (kind === 'point') {
    return cachedStyle(
      (_f, res) => String(pointScale(zoomForResolution(res))),
      (scale) => circleStyle(spec.fill, spec.stroke, Math.max(2, (spec.radius ?? 5) * Number(scale)), 1.5 * Number(scale)),
    );
  }
  if (kind === 'line') return new Style({ stroke: new Stroke({ color: spec.stroke, width: 2 }) });
  return new Style({
    fill: new Fill({ color: spec.fill }),
    stroke: new Stroke({ color: spec.stroke, width: 1 }),
  });
}

/** Builds a style function that caches one style per key (style objects are reused across features). */
export function cachedStyle(
  keyOf: (feature: FeatureLike, resolution: number) => string | undefined,
  build: (key: string, feature: FeatureLike, resolution: number) => Style | Style[] | undefined,
): StyleFunction {
  const cache = new Map<string, Style | Style[] | undefined>();
  return (feature, resolution) => {
    const key = keyOf(feature, resolution);
    if (key === undefined) return undefined;
    if (!cache.has(key)) cache.set(key, build(key, feature, resolution));
    return cache.get(key);
  };
}
