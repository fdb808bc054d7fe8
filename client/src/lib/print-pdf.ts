/**
 * A print-ready PDF of a thematic map with jsPDF: title, the map image, legend, scale bar, north arrow, date and
 * source line on a landscape A4 or A3 sheet (layout in print-layout.ts). Text is set in DejaVu Sans, embedded,
 * because PDF's standard fonts have no Vietnamese letters.
 */
import type { jsPDF as JsPdf } from 'jspdf';
import { distanceLabel, printLayout, scaleBar, type Box, type PaperSize } from './print-layout';

export interface LegendRow {
  color: string;
  label: string;
  count?: string;
}

export interface PrintInput {
  paper: PaperSize;
  /** The map image (JPEG or PNG data URL), rendered at the map frame's aspect ratio. */
  image: { dataUrl: string; widthPx: number; heightPx: number; metresPerPixel: number; rotationRad: number };
  title: string;
  subtitle: string;
  legendTitle: string;
  legendRows: LegendRow[];
  /** A colour strip instead of rows (heat maps): colours from low to high with the two end labels. */
  legendGradient?: { colors: string[]; low: string; high: string };
  legendNotes: string[];
  north: string;
  scaleWord: string;
  dateLine: string;
  sourceLine: string;
  /** DejaVu Sans as a TrueType file. */
  font: ArrayBuffer;
}

const FONT = 'DejaVuSans';
const INK = '#1f2d3d';
const GREY = '#5c6773';

/** Builds the PDF document. `JsPdfClass` is jsPDF's constructor (loaded on demand by the caller). */
export function buildMapPdf(JsPdfClass: typeof JsPdf, input: PrintInput): JsPdf {
  const layout = printLayout(input.paper);
  const doc = new JsPdfClass({ orientation: 'landscape', unit: 'mm', format: input.paper, compress: true });
  doc.addFileToVFS(`${FONT}.ttf`, toBase64(input.font));
  doc.addFont(`${FONT}.ttf`, FONT, 'normal');
  doc.setFont(FONT, 'normal');
  doc.setProperties({ title: input.title, subject: input.subtitle, creator: 'Đà Nẵng urban infrastructure planner' });
  drawTitle(doc, layout.title, input);
  const format = input.image.dataUrl.startsWith('data:image/png') ? 'PNG' : 'JPEG';
  doc.addImage(input.image.dataUrl, format, layout.map.x, layout.map.y, layout.map.width, layout.map.height);
  doc.setDrawColor(INK);
  doc.setLineWidth(0.3);
  doc.rect(layout.map.x, layout.map.y, layout.map.width, layout.map.height);
  drawNorthArrow(doc, layout.map, input.north, input.image.rotationRad);
  drawScaleBar(doc, layout.map, input);
  drawLegend(doc, layout.legend, input);
  drawFooter(doc, layout.footer, input);
  return doc;
}

function drawTitle(doc: JsPdf, box: Box, input: PrintInput): void {
  doc.setTextColor(INK);
  doc.setFontSize(16);
  // Faux bold (fill and a thin outline): one embedded font is enough.
  doc.setLineWidth(0.25);
  doc.setDrawColor(INK);
  doc.text(input.title, box.x, box.y + 6, { renderingMode: 'fillThenStroke', maxWidth: box.width });
  doc.setFontSize(10);
  doc.setTextColor(GREY);
  doc.text(input.subtitle, box.x, box.y + 12, { maxWidth: box.width });
}

function drawNorthArrow(doc: JsPdf, map: Box, letter: string, rotationRad: number): void {
  const cx = map.x + map.width - 11;
  const cy = map.y + 12;
  // The arrow points to north on the map: up, turned by the view's rotation; the letter sits under it.
  const rotate = (dx: number, dy: number): [number, number] => [
    cx + dx * Math.cos(rotationRad) - dy * Math.sin(rotationRad),
    cy + dx * Math.sin(rotationRad) + dy * Math.cos(rotationRad),
  ];
  doc.setFillColor('#ffffff');
  doc.setDrawColor(INK);
  doc.setLineWidth(0.25);
  doc.circle(cx, cy, 8, 'FD');
  const [tip, left, right, base] = [rotate(0, -6.5), rotate(-2.8, 2), rotate(2.8, 2), rotate(0, 0.5)];
  doc.setFillColor(INK);
  doc.triangle(tip[0], tip[1], left[0], left[1], base[0], base[1], 'F');
  doc.setFillColor('#ffffff');
  doc.triangle(tip[0], tip[1], right[0], right[1], base[0], base[1], 'FD');
  doc.setFontSize(8);
  doc.setTextColor(INK);
  doc.text(letter, cx, cy + 6.2, { align: 'center' });
}

function drawScaleBar(doc: JsPdf, map: Box, input: PrintInput): void {
  const mmPerPixel = map.width / input.image.widthPx;
  const bar = scaleBar(input.image.metresPerPixel, mmPerPixel, Math.min(45, map.width / 4));
  const x = map.x + 5;
  const y = map.y + map.height - 9;
  doc.setFontSize(7);
  const scaleText = `${input.scaleWord} 1 : ${bar.denominator.toLocaleString('en-US').replace(/,/g, ' ')}`;
  doc.setFillColor('#ffffff');
  doc.rect(x - 3, y - 5.5, Math.max(bar.paperMm + 8, doc.getTextWidth(scaleText) + 6), 13, 'F');
  const segments = 4;
  doc.setDrawColor(INK);
  doc.setLineWidth(0.2);
  for (let i = 0; i < segments; i++) {
    doc.setFillColor(i % 2 === 0 ? INK : '#ffffff');
    doc.rect(x + (i * bar.paperMm) / segments, y, bar.paperMm / segments, 1.6, 'FD');
  }
  doc.setFontSize(7);
  doc.setTextColor(INK);
  doc.text('0', x, y - 1, { align: 'center' });
  doc.text(distanceLabel(bar.groundMetres), x + bar.paperMm, y - 1, { align: 'center' });
  doc.text(scaleText, x, y + 5);
}

function drawLegend(doc: JsPdf, box: Box, input: PrintInput): void {
  let y = box.y + 4;
  doc.setTextColor(INK);
  doc.setFontSize(11);
  const titleLines = doc.splitTextToSize(input.legendTitle, box.width) as string[];
  doc.text(titleLines, box.x, y);
  y += titleLines.length * 4.8 + 2;
  doc.setFontSize(9);
  doc.setLineWidth(0.2);
  doc.setDrawColor('#8a939c');
  if (input.legendGradient) {
    const { colors, low, high } = input.legendGradient;
    const w = box.width / colors.length;
    colors.forEach((c, i) => {
      doc.setFillColor(c);
      doc.rect(box.x + i * w, y, w + 0.05, 5, 'F');
    });
    doc.text(low, box.x, y + 9);
    doc.text(high, box.x + box.width, y + 9, { align: 'right' });
    y += 14;
  }
  for (const row of input.legendRows) {
    doc.setFillColor(row.color);
    doc.rect(box.x, y - 3.4, 7, 4.6, 'FD');
    doc.setTextColor(INK);
    doc.text(row.label, box.x + 9.5, y);
    if (row.count) {
      doc.setTextColor(GREY);
      doc.text(row.count, box.x + box.width, y, { align: 'right' });
    }
    y += 6.4;
  }
  doc.setFontSize(7.5);
  doc.setTextColor(GREY);
  y += 2;
  for (const note of input.legendNotes) {
    const lines = doc.splitTextToSize(note, box.width) as string[];
    doc.text(lines, box.x, y);
    y += lines.length * 3.4 + 1.4;
  }
}

function drawFooter(doc: JsPdf, box: Box, input: PrintInput): void {
  doc.setFontSize(7.5);
  doc.setTextColor(GREY);
  doc.text(input.sourceLine, box.x, box.y + 6, { maxWidth: box.width * 0.75 });
  doc.text(input.dateLine, box.x + box.width, box.y + 6, { align: 'right' });
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
