/**
 * Draws a map's title and legend onto an exported map image (canvas 2D), so that a PNG explains itself like the
 * PDF does: a white card in the bottom-right corner with the title, the classes and the source line.
 */
import type { LegendRow } from './print-pdf';

export interface CanvasLegend {
  title: string;
  subtitle: string;
  rows: LegendRow[];
  gradient?: { colors: string[]; low: string; high: string };
  footer: string;
}

const FONT = 'system-ui, "DejaVu Sans", sans-serif';

/** Draws the card; sizes scale with `pixelRatio` (device pixels per CSS pixel of the image). */
export function drawCanvasLegend(ctx: CanvasRenderingContext2D, width: number, height: number, legend: CanvasLegend, pixelRatio = 1): void {
  const s = pixelRatio;
  const pad = 10 * s;
  const line = 17 * s;
  ctx.save();
  ctx.font = `600 ${13 * s}px ${FONT}`;
  const texts = [legend.title, legend.subtitle, legend.footer, ...legend.rows.map((r) => `${r.label}  ${r.count ?? ''}`)];
  const textWidth = Math.max(...texts.map((t, i) => {
    ctx.font = `${i === 0 ? '600 ' : ''}${(i === 0 ? 13 : 11) * s}px ${FONT}`;
    return ctx.measureText(t).width;
  }));
  const boxW = Math.min(width - 2 * pad, textWidth + 2 * pad + 30 * s);
  const rowsH = legend.gradient ? 2 * line : legend.rows.length * line;
  const boxH = 2 * line + rowsH + line + pad;
  const x = width - boxW - pad;
  const y = height - boxH - pad;
  ctx.fillStyle = 'rgba(255,255,255,0.94)';
  ctx.strokeStyle = 'rgba(0,0,0,0.25)';
  ctx.lineWidth = s;
  ctx.fillRect(x, y, boxW, boxH);
  ctx.strokeRect(x, y, boxW, boxH);
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#1f2d3d';
  ctx.font = `600 ${13 * s}px ${FONT}`;
  ctx.fillText(legend.title, x + pad, y + line * 0.75);
  ctx.font = `${11 * s}px ${FONT}`;
  ctx.fillStyle = '#5c6773';
  ctx.fillText(legend.subtitle, x + pad, y + line * 1.7);
  let ry = y + line * 2.6;
  if (legend.gradient) {
    const w = (boxW - 2 * pad) / legend.gradient.colors.length;
    legend.gradient.colors.forEach((c, i) => {
      ctx.fillStyle = c;
      ctx.fillRect(x + pad + i * w, ry - 6 * s, w + 0.5, 12 * s);
    });
    ctx.fillStyle = '#1f2d3d';
    ctx.fillText(legend.gradient.low, x + pad, ry + line);
    ctx.textAlign = 'right';
    ctx.fillText(legend.gradient.high, x + boxW - pad, ry + line);
    ctx.textAlign = 'left';
    ry += 2 * line;
  }
  for (const row of legend.gradient ? [] : legend.rows) {
    ctx.fillStyle = row.color;
    ctx.fillRect(x + pad, ry - 6 * s, 22 * s, 12 * s);
    ctx.strokeRect(x + pad, ry - 6 * s, 22 * s, 12 * s);
    ctx.fillStyle = '#1f2d3d';
    ctx.fillText(row.label, x + pad + 30 * s, ry);
    if (row.count) {
      ctx.textAlign = 'right';
      ctx.fillStyle = '#5c6773';
      ctx.fillText(row.count, x + boxW - pad, ry);
      ctx.textAlign = 'left';
    }
    ry += line;
  }
  ctx.font = `${10 * s}px ${FONT}`;
  ctx.fillStyle = '#7a8591';
  ctx.fillText(legend.footer, x + pad, ry + line * 0.3);
  ctx.restore();
}
