/** Picks the current language's text of the registry's bilingual titles. */
import { useI18n } from 'vue-i18n';
import type { Bilingual } from '../api/collections';
import type { Translator, UiLocale } from '../lib/attributes';

/** `text(b)`: the current language's side of a bilingual title; `translator()`: t/te for formatters. */
export function useLocaleText() {
  const { locale, t, te } = useI18n();
  const current = () => (locale.value === 'en' ? 'en' : 'vi') as UiLocale;
  return {
    locale,
    text: (b: Bilingual) => b[current()],
    translator: (): Translator => ({ locale: current(), t: (k, named) => t(k, named ?? {}), te: (k) => te(k) }),
  };
}
