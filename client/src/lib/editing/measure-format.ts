/** Measurements as people read them: metres or kilometres, square metres, hectares or square kilometres. */

const LOCALES = { vi: 'vi-VN', en: 'en-GB' } as const;

/** A length in metres, e.g. "842 m" or "3,27 km" (Vietnamese decimal comma). */
export function formatLength(metres: number, locale: 'vi' | 'en'): string {
  const nf = (digits: number) => new Intl.NumberFormat(LOCALES[locale], { maximumFractionDigits: digits });
  return metres < 1000 ? `${nf(metres < 10 ? 2 : 1).format(metres)} m` : `${nf(3).format(metres / 1000)} km`;
}

/** An area in square metres, e.g. "950 m²", "4,2 ha" or "12,5 km²". */
export function formatArea(squareMetres: number, locale: 'vi' | 'en'): string {
  const nf = (digits: number) => new Intl.NumberFormat(LOCALES[locale], { maximumFractionDigits: digits });
  if (squareMetres < 10_000) return `${nf(1).format(squareMetres)} m²`;
  if (squareMetres < 1_000_000) return `${nf(2).format(squareMetres / 10_000)} ha`;
  return `${nf(3).format(squareMetres / 1_000_000)} km²`;
}
