/**
 * ROC (民國) calendar formatting in Asia/Taipei, the way police paperwork writes dates.
 *
 * The server stores and sends UTC instants; the wall clock is always computed for Asia/Taipei,
 * whatever the browser's own time zone is, so a screen in any office shows the same date.
 * ROC year = Gregorian year − 1911 (民國 1 = 1912).
 */

/** Anything the helpers accept as an instant: an ISO 8601 string, epoch milliseconds or a Date. */
export type Instant = string | number | Date;

/** The Taipei wall-clock parts of one instant; `rocYear` is already shifted by 1911. */
export interface TaipeiParts {
  rocYear: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const ROC_EPOCH_OFFSET = 1911;

// en-CA gives numeric parts; h23 avoids the "24:05" some engines produce with hour12: false.
const taipeiFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Taipei',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function toDate(value: Instant): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Splits an instant into its Asia/Taipei wall-clock parts; null when the input is not a valid instant. */
export function taipeiParts(value: Instant): TaipeiParts | null {
  const date = toDate(value);
  if (date === null) return null;
  const parts: Record<string, number> = {};
  for (const part of taipeiFormatter.formatToParts(date)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    rocYear: (parts.year ?? 0) - ROC_EPOCH_OFFSET,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
  };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `114/07/08` — ROC date in Asia/Taipei; empty string for an invalid instant. */
export function formatRocDate(value: Instant): string {
  const p = taipeiParts(value);
  return p ? `${p.rocYear}/${pad2(p.month)}/${pad2(p.day)}` : '';
}

/** `114/07/08 14:05` — ROC date and 24-hour time in Asia/Taipei; empty string for an invalid instant. */
export function formatRocDateTime(value: Instant): string {
  const p = taipeiParts(value);
  return p ? `${p.rocYear}/${pad2(p.month)}/${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}` : '';
}

/** `114年7月8日` — the long form used in letters and notices; empty string for an invalid instant. */
export function formatRocDateLong(value: Instant): string {
  const p = taipeiParts(value);
  return p ? `${p.rocYear}年${p.month}月${p.day}日` : '';
}

/**
 * The UTC instant (ISO string) at which a Taipei calendar day starts, from `YYYY-MM-DD`.
 * Taipei has no daylight saving time, so the offset is always +08:00.
 */
export function taipeiDayStartIso(ymd: string): string {
  return new Date(`${ymd}T00:00:00.000+08:00`).toISOString();
}

/** The last millisecond of a Taipei calendar day, as a UTC ISO string, from `YYYY-MM-DD`. */
export function taipeiDayEndIso(ymd: string): string {
  return new Date(new Date(`${ymd}T00:00:00.000+08:00`).getTime() + 86_400_000 - 1).toISOString();
}
