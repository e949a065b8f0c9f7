import 'i18next';
import type zhTW from './zh-TW.json';

// Keys passed to t() are checked at compile time against the zh-TW catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhTW };
    returnNull: false;
  }
}
