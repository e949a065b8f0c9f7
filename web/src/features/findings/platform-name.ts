/** A platform's name in the UI language (brand names are mostly the same in both). */
export function platformName(platform: { code: string; nameZh: string; nameEn: string }, language: string | undefined): string {
  if (language === 'en') return platform.nameEn || platform.nameZh || platform.code;
  return platform.nameZh || platform.code;
}
