import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Lang } from '../lib/format';
import ko from './ko';

const storageKey = 'brigade.lang';

function initialLanguage(): Lang {
  try {
    const stored = localStorage.getItem(storageKey);
    if (stored === 'ko' || stored === 'en') return stored;
  } catch {
    // storage unavailable: the default below
  }
  // Korean unless the browser asks for English first.
  return typeof navigator !== 'undefined' && /^en\b/i.test(navigator.language) ? 'en' : 'ko';
}

/** English is its own chunk: most visitors read Korean and never download it. */
async function ensureResources(lang: Lang) {
  if (lang === 'en' && !i18next.hasResourceBundle('en', 'translation')) {
    i18next.addResourceBundle('en', 'translation', (await import('./en')).default);
  }
}

export async function setupI18n(lang: Lang = initialLanguage()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: { ko: { translation: ko } },
      partialBundledLanguages: true,
      lng: lang,
      fallbackLng: 'ko',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  await ensureResources(lang);
  await i18next.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  return i18next;
}

export async function changeLanguage(lang: Lang) {
  try {
    localStorage.setItem(storageKey, lang);
  } catch {
    // not remembered, still switched
  }
  await ensureResources(lang);
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** t() plus the current language as the formatters need it. */
export function useT() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'ko';
  return { t, lang };
}
