/**
 * Colours and class breaks shared by the map styles and the legend, so both always agree.
 * Plain data: no OpenLayers here.
 */

/** Land-use zone colours, loosely following Vietnamese planning-map conventions (QCVN 01:2021 hues). */
export const ZONE_CLASS_COLORS: Record<string, string> = {
  residential: '#f7dfa8',
  commercial: '#f4a6a0',
  mixed: '#f2c078',
  industrial: '#cdb8dc',
  public: '#f7b6d2',
  green: '#b2df8a',
  water: '#a6cee3',
  agriculture: '#e6efb4',
  forest: '#6fae5a',
  transport: '#d9d9d9',
  tourism: '#fdd49e',
};
export const ZONE_FALLBACK_COLOR = '#e0e0e0';

export interface RoadClassStyle {
  color: string;
  casing: string;
  /** Line width in pixels at zoom 15; scaled with zoom. */
  widthPx: number;
  /** Below this zoom the class is not drawn (keeps small streets from cluttering the city view). */
  minZoom: number;
}

/** Road symbols by class, most important first (the order the legend lists them). */
export const ROAD_CLASS_STYLES: Record<string, RoadClassStyle> = {
  motorway: { color: '#e46d71', casing: '#a8323a', widthPx: 8, minZoom: 0 },
  arterial: { color: '#f59e5b', casing: '#b8652a', widthPx: 7, minZoom: 0 },
  primary: { color: '#fcd27a', casing: '#b98f3a', widthPx: 6, minZoom: 0 },
  secondary: { color: '#f7f0a3', casing: '#a99f55', widthPx: 5, minZoom: 11 },
  tertiary: { color: '#ffffff', casing: '#9a8c7a', widthPx: 4.5, minZoom: 12 },
  residential: { color: '#ffffff', casing: '#b3a898', widthPx: 3.5, minZoom: 13 },
  service: { color: '#ffffff', casing: '#c4bcb0', widthPx: 2.5, minZoom: 14 },
};

/** Building fill by height: upper bounds in metres, darker = taller. */
export const BUILDING_HEIGHT_CLASSES: readonly { maxM: number; color: string }[] = [
  // Grey-taupe, so footprints stand out from the warm land-use fills under them.
  { maxM: 6, color: '#d6d2cc' },
  { maxM: 12, color: '#bfb8ae' },
  { maxM: 25, color: '#a39a8e' },
  { maxM: 50, color: '#857b70' },
  { maxM: 100, color: '#675e55' },
  { maxM: Infinity, color: '#4a433d' },
];

/** Asset lifecycle colours (cameras are coloured by status; other assets mark it on their own colour). */
export const STATUS_COLORS: Record<string, string> = {
  existing: '#1a9850',
  planned: '#2c7bb6',
  faulty: '#d73027',
  decommissioned: '#8c8c8c',
};

/** Colour for a height in metres (unknown heights get the lowest class). */
export function buildingColor(heightM: unknown): string {
  const h = typeof heightM === 'number' && Number.isFinite(heightM) ? heightM : 0;
  return (BUILDING_HEIGHT_CLASSES.find((c) => h <= c.maxM) ?? BUILDING_HEIGHT_CLASSES[0]).color;
}

/** "rgba(r,g,b,a)" for a "#rrggbb" colour and an alpha in [0, 1]. */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h, 16));
  return `rgba(${r},${g},${b},${alpha})`;
}
