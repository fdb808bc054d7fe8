/** vue-i18n set-up: Vietnamese first, English second; the choice is remembered in localStorage. */
import { createI18n } from 'vue-i18n';
import vi from './vi.json';
import en from './en.json';

export type Locale = 'vi' | 'en';
export const LOCALES: readonly Locale[] = ['vi', 'en'];
const STORAGE_KEY = 'danang-planner.locale';

function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'vi';
  } catch {
    // Storage can be unavailable (privacy mode); Vietnamese is the default anyway.
    return 'vi';
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: 'vi',
  messages: { vi, en },
});

/** Switches the UI language, remembers it and tells the document (screen readers, hyphenation). */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, but the switch still applies to this session.
  }
}

/** The current UI language. */
export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale;
}
