/**
 * Platforms offered in the platform fields (free text is accepted too). Brand names are the same
 * in both UI languages.
 */
export const PLATFORM_SUGGESTIONS: readonly string[] = [
  'Facebook',
  'Instagram',
  'Threads',
  'X (Twitter)',
  'LINE',
  'Telegram',
  'Discord',
  'Dcard',
  'PTT',
  'TikTok',
  'YouTube',
  'WeChat',
  'Plurk',
  'Snapchat',
  'Reddit',
];

/** AutoComplete options filtered by what has been typed (case-insensitive). */
export function platformOptions(typed: string | undefined): { value: string }[] {
  const needle = (typed ?? '').trim().toLowerCase();
  return PLATFORM_SUGGESTIONS.filter((name) => name.toLowerCase().includes(needle)).map((value) => ({ value }));
}
