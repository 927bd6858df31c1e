// The language: the one chosen in the header (kept in localStorage), else the browser's first
// language we speak, else English. Dates and amounts follow the same locale.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { STRINGS, type Locale, type StringKey } from './strings.js';

export const LOCALES: readonly Locale[] = ['en', 'ru'];
const STORAGE_KEY = 'qiwi-pay-dashboard-locale';

export function initialLocale(): Locale {
  const stored = safeStorage()?.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'ru') return stored;
  for (const language of navigator.languages ?? [navigator.language]) {
    const base = language.toLowerCase().split('-')[0];
    if (base === 'ru' || base === 'en') return base;
  }
  return 'en';
}

export function rememberLocale(locale: Locale): void {
  safeStorage()?.setItem(STORAGE_KEY, locale);
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export type Translate = (key: StringKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  return (key, vars) =>
    STRINGS[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
}

export interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
  readonly setLocale: (locale: Locale) => void;
  readonly dateTime: (iso: string | undefined) => string;
}

export const I18nContext = createContext<I18n>({
  locale: 'en',
  t: translator('en'),
  setLocale: () => {},
  dateTime: (iso) => iso ?? '',
});

export const useI18n = () => useContext(I18nContext);

export function dateTimeFormatter(locale: Locale): (iso: string | undefined) => string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  return (iso) => {
    if (!iso) return '';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}
