/** Numbers of the thematic maps and the dashboard as city staff read them (vi: 1.234,5; en: 1,234.5). */
import type { UiLocale } from './attributes';

const formats = new Map<string, Intl.NumberFormat>();

function formatter(locale: UiLocale, decimals: number): Intl.NumberFormat {
  const key = `${locale}|${decimals}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'vi-VN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    formats.set(key, f);
  }
  return f;
}

/** A value with `decimals` digits after the point; '—' for no value. */
export function formatNumber(value: number | null | undefined, decimals: number, locale: UiLocale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return formatter(locale, decimals).format(value);
}

/**
 * Digits a legend needs: at least the indicator's, more (up to 3) while two neighbouring class limits would read
 * the same, so that no two limits print alike.
 */
export function legendDecimals(breaks: readonly number[], base: number): number {
  for (let d = base; d < 3; d++) {
    const scale = 10 ** d;
    const rounded = breaks.map((b) => Math.round(b * scale));
    if (rounded.every((r, i) => i === 0 || r !== rounded[i - 1] || breaks[i] === breaks[i - 1])) return d;
  }
  return 3;
}

/** A change with its sign, e.g. "+2,5" / "−1.0"; '—' when either side is missing. */
export function formatChange(delta: number | null, decimals: number, locale: UiLocale): string {
  if (delta === null || !Number.isFinite(delta)) return '—';
  const text = formatNumber(Math.abs(delta), decimals, locale);
  if (Number(text.replace(/[^\d]/g, '')) === 0) return text;
  return `${delta > 0 ? '+' : '−'}${text}`;
}

/** A class's limits as "a – b", or just "a" for a class of one value (Jenks' outlier classes). */
export function classLabel(lower: number, upper: number, decimals: number, locale: UiLocale): string {
  const a = formatNumber(lower, decimals, locale);
  return lower === upper ? a : `${a} – ${formatNumber(upper, decimals, locale)}`;
}
