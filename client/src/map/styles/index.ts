/**
 * Picks the cartography for a collection. Layer-specific styles are keyed by collection id; any other
 * layer falls back to its registry style, made status-aware when the layer has a `status` property.
 * Adding a layer therefore needs no change here unless it deserves its own cartography.
 */
import { Circle, Fill, Stroke, Style } from 'ol/style';
import type { StyleFunction, StyleLike } from 'ol/style/Style';
import type { CollectionInfo } from '../../api/collections';
import { adminBoundaryStyle, adminLabelStyle, adminLandStyle } from './admin-units';
import { buildingStyle } from './buildings';
import { baseStyle, geometryKind, type GeometryKind } from './common';
import { landUseStyle } from './land-use';
import { BUILDING_HEIGHT_CLASSES, ROAD_CLASS_STYLES, STATUS_COLORS, ZONE_CLASS_COLORS, withAlpha } from './palette';
import { roadStyle } from './roads';
import { cameraStyle, statusLineStyle, statusPointStyle } from './status';

export { geometryKind, type GeometryKind } from './common';

type StyleFactory = (c: CollectionInfo) => StyleLike;

const SPECIFIC: Record<string, StyleFactory> = {
  admin_units: (c) => adminBoundaryStyle(c.style.stroke),
  land_use: () => landUseStyle(),
  roads: () => roadStyle(),
  buildings: (c) => buildingStyle(c.style.stroke),
  cameras: (c) => cameraStyle(c.style),
};

const hasStatus = (c: CollectionInfo) => c.properties.some((p) => p.name === 'status');

/** The style for a collection's layer. */
export function styleFor(collection: CollectionInfo): StyleLike {
  const specific = SPECIFIC[collection.id];
  if (specific) return specific(collection);
  const kind = geometryKind(collection.geometryType);
  if (hasStatus(collection) && kind === 'point') return statusPointStyle(collection.style);
  if (hasStatus(collection) && kind === 'line') return statusLineStyle(collection.style);
  return baseStyle(collection.style, kind);
}

/** A label style for collections whose names are drawn from whole features (not tile pieces), if any. */
export function labelStyleFor(collection: CollectionInfo): StyleFunction | undefined {
  if (collection.id === 'admin_units') return adminLabelStyle(collection.style.stroke);
  return undefined;
}

/** A style drawn under every other layer from the same tiles (the city's land), if any. */
export function underlayStyleFor(collection: CollectionInfo): StyleFunction | undefined {
  if (collection.id === 'admin_units') return adminLandStyle();
  return undefined;
}

/** One row of a layer's legend: either an i18n key or literal text, and the symbol to draw. */
export interface LegendEntry {
  labelKey?: string;
  text?: string;
  kind: GeometryKind;
  fill: string;
  stroke: string;
  dashed?: boolean;
}

/** The class legend of a layer (empty when a single swatch says it all). */
export function legendFor(collection: CollectionInfo): LegendEntry[] {
  const { id, style } = collection;
  const kind = geometryKind(collection.geometryType);
  if (id === 'land_use') {
    return Object.entries(ZONE_CLASS_COLORS).map(([zone, color]) => ({
      labelKey: `enum.zone_class.${zone}`, kind, fill: withAlpha(color, 0.8), stroke: color,
    }));
  }
  if (id === 'roads') {
    return Object.entries(ROAD_CLASS_STYLES).map(([cls, s]) => ({
      labelKey: `enum.road_class.${cls}`, kind, fill: s.color, stroke: s.casing,
    }));
  }
  if (id === 'buildings') {
    let lower = 0;
    return BUILDING_HEIGHT_CLASSES.map((c) => {
      const text = Number.isFinite(c.maxM) ? `${lower}–${c.maxM} m` : `> ${lower} m`;
      lower = c.maxM;
      return { text, kind, fill: c.color, stroke: style.stroke };
    });
  }
  if (id === 'cameras') {
    return Object.entries(STATUS_COLORS).map(([status, color]) => ({
      labelKey: `enum.status.${status}`,
      kind,
      fill: status === 'planned' ? '#ffffff' : color,
      stroke: status === 'planned' ? color : style.stroke,
      dashed: status === 'planned',
    }));
  }
  if (hasStatus(collection) && kind !== 'polygon') return genericStatusLegend(collection, kind);
  return [];
}

function genericStatusLegend(collection: CollectionInfo, kind: GeometryKind): LegendEntry[] {
  const { fill, stroke } = collection.style;
  const main = kind === 'line' ? stroke : fill;
  return [
    { labelKey: 'enum.status.existing', kind, fill: main, stroke: kind === 'line' ? main : stroke },
    { labelKey: 'enum.status.planned', kind, fill: kind === 'line' ? main : '#ffffff', stroke: main, dashed: true },
    { labelKey: 'enum.status.faulty', kind, fill: kind === 'line' ? STATUS_COLORS.faulty : main, stroke: STATUS_COLORS.faulty },
    {
      labelKey: 'enum.status.decommissioned', kind, fill: STATUS_COLORS.decommissioned,
      stroke: kind === 'line' ? STATUS_COLORS.decommissioned : stroke, dashed: kind === 'line',
    },
  ];
}

/** The style of the selected feature: a bright halo that reads on both base maps. */
export function highlightStyle(): Style[] {
  const halo = '#00e5ff';
  return [
    new Style({
      stroke: new Stroke({ color: 'rgba(0,0,0,0.35)', width: 7 }),
      fill: new Fill({ color: 'rgba(0,229,255,0.12)' }),
      image: new Circle({ radius: 11, stroke: new Stroke({ color: 'rgba(0,0,0,0.35)', width: 5 }) }),
    }),
    new Style({
      stroke: new Stroke({ color: halo, width: 3.5 }),
      image: new Circle({ radius: 11, stroke: new Stroke({ color: halo, width: 3 }) }),
    }),
  ];
}
