/**
 * Colour ramps for thematic maps, all safe for the common colour-vision deficiencies:
 * - viridis (van der Walt & Smith, matplotlib 2015) and cividis (Nuñez, Anderton & Renslow, "Optimizing colormaps
 *   with consideration for color vision deficiency", PLOS ONE 13(7), 2018): perceptually uniform, readable by
 *   people with red-green deficiencies and in greyscale print; drawn light (low) to dark (high) here;
 * - ColorBrewer schemes (Cynthia Brewer, colorbrewer2.org) that ColorBrewer marks "colorblind safe" for 3–9
 *   classes: sequential YlGnBu, Blues, OrRd; diverging PuOr, BrBG, RdBu.
 * Colours come from d3-scale-chromatic, which ships these schemes.
 */
import {
  interpolateCividis,
  interpolateViridis,
  schemeBlues,
  schemeBrBG,
  schemeOrRd,
  schemePuOr,
  schemeRdBu,
  schemeYlGnBu,
} from 'd3-scale-chromatic';

export type RampKind = 'sequential' | 'diverging';
export type RampId = 'viridis' | 'cividis' | 'YlGnBu' | 'Blues' | 'OrRd' | 'PuOr' | 'BrBG' | 'RdBu';

export interface Ramp {
  id: RampId;
  kind: RampKind;
  /** The scheme's author or family, for the legend's source line. */
  source: string;
  /** `k` colours (3–9) from low to high, as CSS hex. */
  colors(k: number): string[];
}

type Scheme = ReadonlyArray<ReadonlyArray<string>>;
const fromScheme = (scheme: Scheme) => (k: number) => [...scheme[Math.max(3, Math.min(9, k))]];
// Sampled between 0.05 and 0.95, reversed: the darkest purple and brightest yellow ends are hard to tell from
// black and white on print, and dark = high is the convention of the other sequential ramps.
const fromInterpolator = (f: (t: number) => string) => (k: number) =>
  Array.from({ length: k }, (_, i) => toHex(f(0.95 - (0.9 * i) / Math.max(1, k - 1))));

export const RAMPS: readonly Ramp[] = [
  { id: 'viridis', kind: 'sequential', source: 'viridis (matplotlib)', colors: fromInterpolator(interpolateViridis) },
  { id: 'cividis', kind: 'sequential', source: 'cividis (Nuñez et al. 2018)', colors: fromInterpolator(interpolateCividis) },
  { id: 'YlGnBu', kind: 'sequential', source: 'ColorBrewer YlGnBu', colors: fromScheme(schemeYlGnBu) },
  { id: 'Blues', kind: 'sequential', source: 'ColorBrewer Blues', colors: fromScheme(schemeBlues) },
  { id: 'OrRd', kind: 'sequential', source: 'ColorBrewer OrRd', colors: fromScheme(schemeOrRd) },
  { id: 'PuOr', kind: 'diverging', source: 'ColorBrewer PuOr', colors: fromScheme(schemePuOr) },
  { id: 'BrBG', kind: 'diverging', source: 'ColorBrewer BrBG', colors: fromScheme(schemeBrBG) },
  { id: 'RdBu', kind: 'diverging', source: 'ColorBrewer RdBu', colors: fromScheme(schemeRdBu) },
];

export const DEFAULT_RAMP: RampId = 'viridis';

/** The ramp of an id, or the default ramp. */
export function rampById(id: string | undefined): Ramp {
  return RAMPS.find((r) => r.id === id) ?? RAMPS[0];
}

/** The colour of "no data" units: a neutral grey that none of the ramps uses. */
export const NO_DATA_COLOR = '#d9d9d9';

/** `rgb(r, g, b)` (what d3's interpolators return) or `#rrggbb` as `#rrggbb`. */
export function toHex(color: string): string {
  if (color.startsWith('#')) return color.toLowerCase();
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(color);
  if (!m) return color;
  return `#${[m[1], m[2], m[3]].map((c) => Number(c).toString(16).padStart(2, '0')).join('')}`;
}

/** `#rrggbb` with an alpha, as `rgba()`. */
export function hexWithAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
