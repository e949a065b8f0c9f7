import { useTranslation } from 'react-i18next';

interface Named {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** A unit's name in the UI language (the Chinese name when no English one is recorded). */
export function unitNameIn(language: string, unit: Named): string {
  if (language === 'en') return unit.nameEn || unit.nameZh || unit.code;
  return unit.nameZh || unit.code;
}

/** Hook form of {@link unitNameIn} that follows language switches. */
export function useUnitName(): (unit: Named) => string {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'zh-TW';
  return (unit) => unitNameIn(language, unit);
}
