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

let pagesWanted = false;
const pagesLoaded = new Set<Lang>();

/**
 * English is its own chunk: most visitors read Korean and never download it. The route pages' strings are a chunk
 * per language too, loaded with the first page (see loadPageStrings): the first download carries only the shell's.
 */
async function ensureResources(lang: Lang) {
  if (lang === 'en' && !i18next.hasResourceBundle('en', 'translation')) {
    i18next.addResourceBundle('en', 'translation', { ...(await import('./en')).default });
  }
  if (pagesWanted && !pagesLoaded.has(lang)) {
    const pages = (await (lang === 'en' ? import('./pages.en') : import('./pages.ko'))).default;
    i18next.addResourceBundle(lang, 'translation', pages, true, false);
    pagesLoaded.add(lang);
  }
}

/** Loads the route pages' strings in the current language (and, from then on, in any language switched to). */
export async function loadPageStrings() {
  pagesWanted = true;
  await ensureResources(i18next.language === 'en' ? 'en' : 'ko');
}

export async function setupI18n(lang: Lang = initialLanguage()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      // Copies: i18next merges the pages' strings into the object it holds, and the modules stay as written.
      resources: { ko: { translation: { ...ko } } },
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
