/**
 * The ECharts option of the dashboard's bar charts (pure: plain data in, a plain option object out). Units are
 * sorted from the highest value down; the selected unit's bar is outlined and the others fade, so the linked
 * selection between map and chart is visible at a glance. With a plan, the baseline is drawn as a wider grey bar
 * behind each plan bar.
 */
import { formatNumber } from './format-number';
import type { UiLocale } from './attributes';

export interface BarDatum {
  code: string;
  name: string;
  value: number | null;
  /** The baseline's value, when a plan is compared. */
  baseline?: number | null;
  color: string;
}

export interface BarChartOptions {
  selectedCode: string | null;
  decimals: number;
  locale: UiLocale;
  /** Series names for the tooltip: the figure shown and the baseline. */
  valueName: string;
  baselineName?: string;
}

/** Units in chart order: highest value first, units without a value last (by name). */
export function sortForChart(data: readonly BarDatum[]): BarDatum[] {
  return [...data].sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? a.name.localeCompare(b.name) : 1) : -1;
    return b.value - a.value || a.name.localeCompare(b.name);
  });
}

/** The option object for one bar chart; `codes[i]` is the unit of bar i (for click handling). */
export function barChartOption(data: readonly BarDatum[], options: BarChartOptions): { option: Record<string, unknown>; codes: string[] } {
  const sorted = sortForChart(data);
  const selected = options.selectedCode;
  const anySelected = selected !== null && sorted.some((d) => d.code === selected);
  const fmt = (v: number | null | undefined) => formatNumber(v ?? null, options.decimals, options.locale);
  const compare = sorted.some((d) => d.baseline !== undefined);
  const main = {
    name: options.valueName,
    type: 'bar',
    barWidth: compare ? '45%' : '70%',
    barGap: '-80%',
    z: 3,
    data: sorted.map((d) => ({
      value: d.value,
      itemStyle: {
        color: d.color,
        opacity: anySelected && d.code !== selected ? 0.45 : 1,
        borderColor: d.code === selected ? '#111111' : 'transparent',
        borderWidth: d.code === selected ? 2 : 0,
      },
    })),
  };
  const series: Record<string, unknown>[] = [main];
  if (compare) {
    series.unshift({
      name: options.baselineName,
      type: 'bar',
      barWidth: '80%',
      z: 2,
      itemStyle: { color: '#c3cad2' },
      data: sorted.map((d) => d.baseline ?? null),
    });
  }
  const option = {
    animation: false,
    grid: { left: 48, right: 8, top: 10, bottom: 86 },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number | null) => fmt(v),
    },
    xAxis: {
      type: 'category',
      data: sorted.map((d) => d.name),
      axisLabel: {
        interval: 0,
        rotate: sorted.length > 10 ? 60 : sorted.length > 4 ? 30 : 0,
        fontSize: 10,
        // The selected unit's name stands out in the axis too.
        formatter: (name: string, index: number) => (sorted[index]?.code === selected ? `{sel|${name}}` : name),
        rich: { sel: { fontWeight: 'bold', color: '#111111' } },
      },
    },
    // Axis ticks are round numbers: no trailing decimals on whole ones.
    yAxis: { type: 'value', axisLabel: { fontSize: 10, formatter: (v: number) => formatNumber(v, Number.isInteger(v) ? 0 : options.decimals, options.locale) } },
    series,
  };
  return { option, codes: sorted.map((d) => d.code) };
}
