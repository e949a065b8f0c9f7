/**
 * The i18n catalogue: zh-TW first, English second. Every UI string goes through `t()`; the
 * zh-TW catalogue is the typed source of keys (see i18next.d.ts), and catalogue.test.ts keeps
 * en.json key-for-key identical.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-tw';
import zhTW from './zh-TW.json';
import en from './en.json';

export const LANGUAGES = ['zh-TW', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** localStorage key that remembers the user's language choice on this browser. */
export const LANGUAGE_STORAGE_KEY = 'csep.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The remembered language, zh-TW when nothing (or something unknown) is stored. */
export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(value) ? value : 'zh-TW';
  } catch {
    return 'zh-TW';
  }
}

/** The language currently shown. */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'zh-TW';
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language === 'zh-TW' ? 'zh-Hant-TW' : 'en';
  dayjs.locale(language === 'zh-TW' ? 'zh-tw' : 'en');
  document.title = i18n.t('app.title');
}

/** Switches the UI language and remembers it in localStorage. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the switch still applies to this page.
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (lng) => {
  if (isLanguage(lng)) applyToDocument(lng);
});

// Resources are bundled, so initialisation completes synchronously (initAsync: false).
void i18n.use(initReactI18next).init({
  resources: {
    'zh-TW': { translation: zhTW },
    en: { translation: en },
  },
  lng: storedLanguage(),
  fallbackLng: 'zh-TW',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes already.
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});
applyToDocument(currentLanguage());

export default i18n;
