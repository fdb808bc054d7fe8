/**
 * Administrative units: boundaries only (the land under them stays readable), heavier for higher levels,
 * and ward/district names on a separate label layer built from whole polygons.
 */
import { Fill, Stroke, Style, Text } from 'ol/style';
import type { StyleFunction } from 'ol/style/Style';
import type { FeatureLike } from 'ol/Feature';
import type Feature from 'ol/Feature';
import type { Geometry, MultiPolygon, Point, Polygon } from 'ol/geom';
import { cachedStyle } from './common';
import { withAlpha } from './palette';
import { zoomForResolution } from './zoom';

const WARD_MIN_ZOOM = 11;
const WARD_LABEL_MIN_ZOOM = 12.5;
const DISTRICT_LABEL_MIN_ZOOM = 10;

/** Boundary style function for `admin_units` tile features (properties `level`, `name`). */
export function adminBoundaryStyle(color: string): StyleFunction {
  // Only wards get a (transparent) fill: a click inside a ward then picks the ward, while the
  // city and district polygons, which cover the same ground, are picked on their outline only.
  const invisibleFill = new Fill({ color: 'rgba(0,0,0,0)' });
  return cachedStyle(
    (f, res) => {
      const level = String(f.get('level'));
      if (level === 'ward' && zoomForResolution(res) < WARD_MIN_ZOOM) return undefined;
      return level;
    },
    (level) => {
      if (level === 'city') return new Style({ stroke: new Stroke({ color, width: 3 }), zIndex: 3 });
      if (level === 'district') return new Style({ stroke: new Stroke({ color, width: 1.8 }), zIndex: 2 });
      return new Style({ stroke: new Stroke({ color: withAlpha(color, 0.7), width: 0.8 }), fill: invisibleFill, zIndex: 1 });
    },
  );
}

/** Underlay style: the city polygon as land, so the city reads against the sea without the OSM base map. */
export function adminLandStyle(): StyleFunction {
  const land = new Style({ fill: new Fill({ color: '#f5f3ec' }) });
  return (feature: FeatureLike) => (feature.get('level') === 'city' ? land : undefined);
}

/** Label style function for whole `admin_units` features: district names zoomed out, ward names zoomed in. */
export function adminLabelStyle(color: string): StyleFunction {
  const wardText = textStyle('12px system-ui, sans-serif', color);
  const districtText = textStyle('bold 13px system-ui, sans-serif', color);
  return (feature: FeatureLike, resolution: number) => {
    const zoom = zoomForResolution(resolution);
    const level = feature.get('level');
    const name = feature.get('name');
    if (typeof name !== 'string') return undefined;
    let style: Style | undefined;
    if (level === 'ward' && zoom >= WARD_LABEL_MIN_ZOOM) style = wardText;
    else if (level === 'district' && zoom >= DISTRICT_LABEL_MIN_ZOOM && zoom < WARD_LABEL_MIN_ZOOM) style = districtText;
    if (!style) return undefined;
    style.getText()?.setText(level === 'district' ? name.toLocaleUpperCase('vi') : name);
    style.setGeometry(labelPoint(feature as Feature<Geometry>) ?? null);
    return style;
  };
}

function textStyle(font: string, color: string): Style {
  return new Style({
    text: new Text({
      font,
      fill: new Fill({ color }),
      stroke: new Stroke({ color: 'rgba(255,255,255,0.9)', width: 3 }),
      overflow: true,
    }),
  });
}

const labelPoints = new WeakMap<object, Point>();

/** One label point per unit: inside its largest part, so islands do not repeat the name. */
function labelPoint(feature: Feature<Geometry>): Point | undefined {
  const cached = labelPoints.get(feature);
  if (cached) return cached;
  const geom = feature.getGeometry();
  let polygon: Polygon | undefined;
  if (geom?.getType() === 'Polygon') polygon = geom as Polygon;
  if (geom?.getType() === 'MultiPolygon') {
    const parts = (geom as MultiPolygon).getPolygons();
    polygon = parts.reduce<Polygon | undefined>((a, p) => (!a || p.getArea() > a.getArea() ? p : a), undefined);
  }
  const point = polygon?.getInteriorPoint();
  if (point) labelPoints.set(feature, point);
  return point;
}
