/**
 * Page geometry of a printed thematic map (pure: millimetres and numbers only). Landscape ISO 216 sheets; the map
 * frame on the left, the legend column on the right, a title band above and a footer band below.
 */

export type PaperSize = 'a4' | 'a3';

/** ISO 216 landscape sheets, millimetres. */
export const PAPER_MM: Record<PaperSize, { width: number; height: number }> = {
  a4: { width: 297, height: 210 },
  a3: { width: 420, height: 297 },
};

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PrintLayout {
  page: { width: number; height: number };
  title: Box;
  map: Box;
  legend: Box;
  footer: Box;
}

const MARGIN_MM = 10;
const GAP_MM = 6;

/** Where each part of the sheet goes, millimetres from the top-left corner. */
export function printLayout(paper: PaperSize): PrintLayout {
  const page = PAPER_MM[paper];
  const scale = page.width / PAPER_MM.a4.width;
  const titleHeight = 16 * scale;
  const footerHeight = 12 * scale;
  const legendWidth = 62 * scale;
  const top = MARGIN_MM + titleHeight;
  const mapHeight = page.height - top - footerHeight - MARGIN_MM;
  const mapWidth = page.width - 2 * MARGIN_MM - legendWidth - GAP_MM;
  return {
    page,
    title: { x: MARGIN_MM, y: MARGIN_MM, width: page.width - 2 * MARGIN_MM, height: titleHeight },
    map: { x: MARGIN_MM, y: top, width: mapWidth, height: mapHeight },
    legend: { x: MARGIN_MM + mapWidth + GAP_MM, y: top, width: legendWidth, height: mapHeight },
    footer: { x: MARGIN_MM, y: page.height - MARGIN_MM - footerHeight, width: page.width - 2 * MARGIN_MM, height: footerHeight },
  };
}

/** Pixels an image needs to fill `widthMm` × `heightMm` at `dpi` dots per inch. */
export function pixelsFor(widthMm: number, heightMm: number, dpi: number): [number, number] {
  return [Math.round((widthMm / 25.4) * dpi), Math.round((heightMm / 25.4) * dpi)];
}

/** The largest 1, 2 or 5 × 10ⁿ not above `x` (x > 0). */
export function niceFloor(x: number): number {
  const power = 10 ** Math.floor(Math.log10(x));
  const mantissa = x / power;
  return (mantissa >= 5 ? 5 : mantissa >= 2 ? 2 : 1) * power;
}

export interface ScaleBar {
  /** Ground length the bar stands for, metres (a round number). */
  groundMetres: number;
  /** Bar length on paper, millimetres. */
  paperMm: number;
  /** Map scale 1 : denominator, rounded to 3 significant digits. */
  denominator: number;
}

/**
 * A scale bar of at most `maxMm` on paper, for a map whose image shows `metresPerPixel` ground metres per image
 * pixel (at the map centre) printed `mmPerPixel` paper millimetres per pixel.
 */
export function scaleBar(metresPerPixel: number, mmPerPixel: number, maxMm = 40): ScaleBar {
  const metresPerMm = metresPerPixel / mmPerPixel;
  const groundMetres = niceFloor(maxMm * metresPerMm);
  const exact = metresPerMm * 1000;
  const digits = 10 ** Math.max(0, Math.floor(Math.log10(exact)) - 2);
  return { groundMetres, paperMm: groundMetres / metresPerMm, denominator: Math.round(exact / digits) * digits };
}

/** "500 m" or "2 km". */
export function distanceLabel(metres: number): string {
  return metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
}
