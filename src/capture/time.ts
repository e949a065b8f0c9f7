/**
 * Timestamps for capture records. Evidence timestamps carry an explicit UTC offset
 * (e.g. `2025-11-20T21:10:33.120+08:00`) so that a reader in Taipei sees local wall-clock
 * time and the instant stays unambiguous; a bare `Z` would force every reader to convert.
 */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsCache.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    partsCache.set(timeZone, formatter);
  }
  return formatter;
}

/** Formats `date` as ISO 8601 with milliseconds and the numeric offset of `timeZone` (never `Z`). */
export function isoWithOffset(date: Date, timeZone = 'Asia/Taipei'): string {
  const parts = new Map(formatterFor(timeZone).formatToParts(date).map((p) => [p.type, p.value]));
  const name = parts.get('timeZoneName') ?? 'GMT';
  // "GMT" alone means +00:00; otherwise "GMT+08:00" / "GMT-03:30".
  const offset = name === 'GMT' ? '+00:00' : name.slice(3);
  const ms = String(date.getUTCMilliseconds()).padStart(3, '0');
  const year = (parts.get('year') ?? '').padStart(4, '0');
  return `${year}-${parts.get('month')}-${parts.get('day')}T${parts.get('hour')}:${parts.get('minute')}:${parts.get('second')}.${ms}${offset}`;
}

/** WARC-Date form: UTC with `Z` and milliseconds, as WARC 1.1 §5.4 requires. */
export function warcDate(date: Date): string {
  return date.toISOString();
}

/** True when `value` is ISO 8601 with an explicit numeric offset (what manifests must use). */
export function hasNumericOffset(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?[+-]\d{2}:\d{2}$/.test(value);
}
