/**
 * How the architecture panel writes bandwidth and storage: Mbit/s below 1 Gbit/s, else Gbit/s; TB below
 * 1,000 TB, else PB (decimal units, as the analysis computes them).
 */

/** "850 Mbit/s" or "9.41 Gbit/s" from Mbit/s. */
export function formatBandwidth(mbps: number, locale: string): string {
  if (Math.abs(mbps) < 1000) return `${mbps.toLocaleString(locale, { maximumFractionDigits: mbps < 10 ? 2 : 0 })} Mbit/s`;
  return `${(mbps / 1000).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} Gbit/s`;
}

/** "12.3 TB" or "6.21 PB" from TB. */
export function formatStorage(tb: number, locale: string): string {
  if (Math.abs(tb) < 1000) return `${tb.toLocaleString(locale, { maximumFractionDigits: tb < 10 ? 2 : 1 })} TB`;
  return `${(tb / 1000).toLocaleString(locale, { maximumFractionDigits: 2 })} PB`;
}

/** "85 %" (whole percent from 10 up, one decimal below). */
export function formatPercent(pct: number | null, locale: string): string {
  if (pct === null) return '–';
  return `${pct.toLocaleString(locale, { maximumFractionDigits: pct < 10 ? 1 : 0 })} %`;
}
