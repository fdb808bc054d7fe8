/**
 * vue-i18n set-up: Vietnamese first, English second; the choice is remembered in localStorage.
 * `vi.json`/`en.json` hold the shell's texts; each feature keeps its own in `messages/<feature>.<locale>.json`
 * under one top-level key (`editing`, `plans`…), merged here, so features do not share one long file.
 */
import { createI18n } from 'vue-i18n';
import vi from './vi.json';
import en from './en.json';

type Messages = Record<string, unknown>;
const featureMessages = import.meta.glob<Messages>('./messages/*.json', { eager: true, import: 'default' });

/** The shell's messages of a locale with every feature file of that locale added. */
function messagesFor(locale: Locale, shell: Messages): Messages {
  const merged: Messages = { ...shell };
  for (const [file, messages] of Object.entries(featureMessages)) {
    if (file.endsWith(`.${locale}.json`)) Object.assign(merged, messages);
  }
  return merged;
}

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
  // Typed as the shell's messages: feature files add keys the shell does not name.
  messages: { vi: messagesFor('vi', vi) as typeof vi, en: messagesFor('en', en) as typeof vi },
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
