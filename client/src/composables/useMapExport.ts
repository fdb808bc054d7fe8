/**
 * Exports the current thematic map as a PNG image or a print-ready PDF, rendered from the map's own canvases.
 * jsPDF and the embedded font load only when someone prints.
 */
import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { MapExportController } from '../map/controllers/MapExportController';
import { formatDateTime } from '../lib/format-time';
import { classLabel, legendDecimals } from '../lib/format-number';
import { NO_DATA_COLOR, rampById } from '../lib/ramps';
import { pixelsFor, printLayout, type PaperSize } from '../lib/print-layout';
import type { LegendRow } from '../lib/print-pdf';
import { drawCanvasLegend } from '../lib/canvas-legend';
import { usePlanStore } from '../stores/plan';
import { useLayersStore } from '../stores/layers';
import { useThematicStore } from '../stores/thematic';
import { useLocaleText } from './useLocaleText';
import { useMap } from './useMap';

const PRINT_DPI = 150;
const FONT_URL = '/fonts/DejaVuSans.ttf';

/** Saves a blob as a file through the browser's download. */
function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useMapExport() {
  const { map } = useMap();
  const { t } = useI18n();
  const { text, locale } = useLocaleText();
  const store = useThematicStore();
  const plan = usePlanStore();
  const layers = useLayersStore();
  const busy = ref(false);
  const error = ref<string>();
  const uiLocale = () => (locale.value === 'en' ? 'en' : 'vi') as 'vi' | 'en';

  /** File name stem: the indicator and today's date, e.g. `cameras_per_km2-2026-11-24`. */
  const stem = () => `${store.indicatorId ?? 'map'}-${new Date().toISOString().slice(0, 10)}`;

  async function run(task: (controller: MapExportController) => Promise<void>): Promise<void> {
    if (!map.value || busy.value) return;
    busy.value = true;
    error.value = undefined;
    const controller = new MapExportController(map.value);
    try {
      await task(controller);
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    } finally {
      controller.destroy();
      busy.value = false;
    }
  }

  /** The map as on screen with its title and legend drawn in a corner, as a PNG file. */
  function exportPng(): Promise<void> {
    return run(async (controller) => {
      const image = await controller.current();
      const texts = sheetTexts();
      const heat = store.mode === 'heatmap';
      drawCanvasLegend(image.canvas.getContext('2d')!, image.canvas.width, image.canvas.height, {
        title: texts.legendTitle,
        subtitle: texts.subtitle,
        rows: heat ? [] : legendRows(),
        gradient: heat ? heatGradient() : undefined,
        footer: `${t('thematic.print.date')}: ${formatDateTime(new Date().toISOString(), uiLocale())} · ${rampById(store.ramp).source}`,
      }, window.devicePixelRatio || 1);
      const blob = await new Promise<Blob | null>((resolve) => image.canvas.toBlob(resolve, 'image/png'));
      if (!blob) throw new Error('PNG');
      download(blob, `${stem()}.png`);
    });
  }

  function legendRows(): LegendRow[] {
    const decimals = legendDecimals(store.breaks, store.indicator?.decimals ?? 0);
    const rows: LegendRow[] = store.legend.map((c) => ({
      color: c.color,
      label: classLabel(c.lower, c.upper, decimals, uiLocale()),
      count: String(c.count),
    }));
    if (store.noDataCount > 0) rows.push({ color: NO_DATA_COLOR, label: t('thematic.legend.noData'), count: String(store.noDataCount) });
    return rows;
  }

  const heatGradient = () => ({ colors: rampById(store.ramp).colors(9), low: t('thematic.legend.heatLow'), high: t('thematic.legend.heatHigh') });

  /** Texts of the printed sheet, in the UI's language. */
  function sheetTexts() {
    const info = store.indicator;
    const title = info ? text(info.title) : t('thematic.title');
    const planLine = plan.activePlanId ? t('thematic.print.planLine', { name: plan.activePlanName ?? plan.activePlanId }) : t('thematic.print.baselineLine');
    const levelLine = t('thematic.print.levelLine', { level: t(`enum.level.${store.level}`) });
    const heatTitle = layers.byId(store.heatLayer) ? text(layers.byId(store.heatLayer)!.title) : store.heatLayer;
    return {
      title,
      subtitle: [levelLine, planLine, info ? text(info.unit) : ''].filter(Boolean).join(' · '),
      legendTitle: info ? `${title} (${text(info.unit)})` : title,
      heatTitle,
    };
  }

  /** A print-ready PDF of the map on a landscape A4 or A3 sheet. */
  function exportPdf(paper: PaperSize): Promise<void> {
    return run(async (controller) => {
      const [{ jsPDF }, { buildMapPdf }, font] = await Promise.all([
        import('jspdf'),
        import('../lib/print-pdf'),
        fetch(FONT_URL).then((r) => {
          if (!r.ok) throw new Error(`${FONT_URL}: ${r.status}`);
          return r.arrayBuffer();
        }),
      ]);
      const frame = printLayout(paper).map;
      const [w, h] = pixelsFor(frame.width, frame.height, PRINT_DPI);
      const image = await controller.atSize(w, h);
      const texts = sheetTexts();
      const heat = store.mode === 'heatmap';
      const doc = buildMapPdf(jsPDF, {
        paper,
        image: { dataUrl: image.canvas.toDataURL('image/jpeg', 0.92), widthPx: image.canvas.width, heightPx: image.canvas.height,
          metresPerPixel: image.metresPerPixel, rotationRad: image.rotation },
        title: texts.title,
        subtitle: texts.subtitle,
        legendTitle: texts.legendTitle,
        legendRows: heat ? [] : legendRows(),
        legendGradient: heat ? heatGradient() : undefined,
        legendNotes: [
          heat ? t('thematic.legend.heatOf', { layer: texts.heatTitle })
            : t('thematic.legend.classes', { method: t(`thematic.method.${store.effectiveMethod}`), k: store.legend.length }),
          ...(store.mode === 'symbols' ? [t('thematic.legend.symbolsNote')] : []),
          `${rampById(store.ramp).source}`,
        ],
        north: t('thematic.print.north'),
        scaleWord: t('thematic.print.scale'),
        dateLine: `${t('thematic.print.date')}: ${formatDateTime(new Date().toISOString(), uiLocale())}`,
        sourceLine: t('thematic.print.source'),
        font,
      });
      download(doc.output('blob'), `${stem()}-${paper}.pdf`);
    });
  }

  return { busy, error, exportPng, exportPdf };
}
