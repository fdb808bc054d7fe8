/** Dates and times as city staff read them, in the browser's time zone. */
import type { UiLocale } from './attributes';

const formats = new Map<string, Intl.DateTimeFormat>();

/** "14:05:09 03/12/2026" (vi) or "03/12/2026, 14:05:09" (en) for an ISO 8601 time; '' when missing. */
export function formatDateTime(iso: string | null | undefined, locale: UiLocale): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'vi-VN', {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
    });
    formats.set(locale, format);
  }
  return format.format(date);
}

/**
 * The [from, to) ISO 8601 instants of a day range picked as local dates "YYYY-MM-DD": from the first day's
 * local midnight to the midnight after the last day, so the last day is included (the server's `to` is exclusive).
 */
export function dayRangeToInstants(range: readonly [string, string] | null | undefined): { from?: string; to?: string } {
  if (!range) return {};
  const [fy, fm, fd] = range[0].split('-').map(Number);
  const [ty, tm, td] = range[1].split('-').map(Number);
  return { from: new Date(fy, fm - 1, fd).toISOString(), to: new Date(ty, tm - 1, td + 1).toISOString() };
}
