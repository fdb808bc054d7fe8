/**
 * Cartography of the CCTV analyses: IEC 62676-4 zone colours (fine levels hot, coarse levels cool, shared with the
 * panel's legend), blind spots and placement suggestions.
 */
import { Circle, Fill, RegularShape, Stroke, Style, Text } from 'ol/style';
import type { FeatureLike } from 'ol/Feature';
import type { ZoneLevel } from '../../api/cctv';

export const ZONE_COLORS: Record<ZoneLevel, string> = {
  inspect: '#67001f',
  identification: '#d7301f',
  recognition: '#fc8d59',
  observation: '#fdd835',
  detection: '#66bd63',
  monitor: '#9ecae1',
};

/** Hex colour with an alpha (0–1) as rgba(). */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

const zoneStyles = new Map<string, Style>();

/** A zone polygon: translucent fill in its level's colour, a thin darker edge. */
export function zoneStyle(feature: FeatureLike): Style {
  const level = feature.get('level') as ZoneLevel;
  let style = zoneStyles.get(level);
  if (!style) {
    const color = ZONE_COLORS[level] ?? '#999999';
    style = new Style({ fill: new Fill({ color: withAlpha(color, 0.45) }), stroke: new Stroke({ color: withAlpha(color, 0.95), width: 1 }) });
    zoneStyles.set(level, style);
  }
  return style;
}

/** The heading handle: a white disc with a blue ring, and the line from the camera to it. */
export const HANDLE_STYLE = new Style({
  image: new Circle({ radius: 8, fill: new Fill({ color: '#ffffff' }), stroke: new Stroke({ color: '#1f4e9c', width: 3 }) }),
});
export const HEADING_LINE_STYLE = new Style({ stroke: new Stroke({ color: '#1f4e9c', width: 2, lineDash: [6, 4] }) });

/** Blind spots: roads in a bold dark red, parts of public spaces hatched red. */
export const BLIND_ROAD_STYLE = new Style({ stroke: new Stroke({ color: 'rgba(165, 0, 38, 0.75)', width: 3 }) });
export const BLIND_SPACE_STYLE = new Style({
  fill: new Fill({ color: 'rgba(215, 48, 39, 0.35)' }),
  stroke: new Stroke({ color: 'rgba(165, 0, 38, 0.9)', width: 1.5, lineDash: [4, 3] }),
});

/** A suggested camera: a numbered purple marker (green once accepted into a plan). */
export function suggestionStyle(feature: FeatureLike): Style[] {
  const accepted = Boolean(feature.get('accepted'));
  const selected = Boolean(feature.get('selected'));
  if (feature.getGeometry()?.getType() !== 'Point') {
    return [new Style({ fill: new Fill({ color: withAlpha(accepted ? '#1a9850' : '#7b3294', selected ? 0.45 : 0.25) }), stroke: new Stroke({ color: accepted ? '#1a9850' : '#7b3294', width: selected ? 2 : 1 }) })];
  }
  return [
    new Style({
      image: new RegularShape({ points: 4, radius: selected ? 12 : 10, angle: Math.PI / 4, fill: new Fill({ color: accepted ? '#1a9850' : '#7b3294' }), stroke: new Stroke({ color: '#ffffff', width: 2 }) }),
      text: new Text({ text: String(feature.get('rank') ?? ''), fill: new Fill({ color: '#ffffff' }), font: 'bold 11px sans-serif' }),
    }),
  ];
}
