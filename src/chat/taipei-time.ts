/**
 * Calendar and clock helpers for chat exports. LINE writes local wall-clock times without an
 * offset; the platform serves Taipei, so they are read as Asia/Taipei, which has been UTC+08:00
 * all year since 1980 (no daylight saving), and written as ISO 8601 with an explicit +08:00.
 */

/** A calendar date (month 1–12). */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A wall-clock time. */
export interface ClockTime {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** The fixed offset of Asia/Taipei (no daylight saving since 1980). */
export const TAIPEI_OFFSET = '+08:00';
const TAIPEI_OFFSET_MINUTES = 8 * 60;

/** True when the date exists in the Gregorian calendar (no 2025/02/30). */
export function isValidCalendarDate(date: CalendarDate): boolean {
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  const probe = new Date(Date.UTC(date.year, date.month - 1, date.day));
  return probe.getUTCFullYear() === date.year && probe.getUTCMonth() === date.month - 1 && probe.getUTCDate() === date.day;
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** Formats a Taipei wall-clock date and time as ISO 8601 with the +08:00 offset. */
export function formatTaipeiIso(date: CalendarDate, time: ClockTime): string {
  return `${String(date.year).padStart(4, '0')}-${twoDigits(date.month)}-${twoDigits(date.day)}T${twoDigits(time.hour)}:${twoDigits(time.minute)}:${twoDigits(time.second)}${TAIPEI_OFFSET}`;
}

function clock(hour: number, minute: number, second = 0): ClockTime | null {
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { hour, minute, second };
}

// 12-hour clock: 12 AM is midnight, 12 PM is noon. Hour 0 is tolerated as midnight (上午00:15).
function fromTwelveHour(hour: number, minute: number, afternoon: boolean): ClockTime | null {
  if (hour > 12) return null;
  const base = hour % 12;
  return clock(afternoon ? base + 12 : base, minute);
}

/**
 * Parses a LINE time: "21:15", "9:05", "上午10:00", "下午 01:23", "9:15 PM", "PM 9:15".
 * Returns null when the text is not a time.
 */
export function parseClockTime(text: string): ClockTime | null {
  const trimmed = text.trim();
  let match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  if (match) return clock(Number(match[1]), Number(match[2]), Number(match[3] ?? 0));
  match = /^(上午|下午)\s?(\d{1,2}):(\d{2})$/.exec(trimmed);
  if (match) return fromTwelveHour(Number(match[2]), Number(match[3]), match[1] === '下午');
  match = /^(\d{1,2}):(\d{2})\s?([AaPp])\.?[Mm]\.?$/.exec(trimmed);
  if (match) return fromTwelveHour(Number(match[1]), Number(match[2]), match[3]!.toUpperCase() === 'P');
  match = /^([AaPp])[Mm]\s?(\d{1,2}):(\d{2})$/.exec(trimmed);
  if (match) return fromTwelveHour(Number(match[2]), Number(match[3]), match[1]!.toUpperCase() === 'P');
  return null;
}

/**
 * Parses a CSV chat time and returns it as ISO 8601 in Taipei time: ISO 8601 ("2025-11-20T21:15",
 * seconds, fractions and an offset optional; an offset other than +08:00 is converted) or
 * "YYYY/MM/DD HH:mm[:ss]" read as Taipei time. Returns null when the text is neither.
 */
export function parseTaipeiDateTime(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(trimmed);
  const slashed = iso ? null : /^(\d{4})\/(\d{1,2})\/(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(trimmed);
  const match = iso ?? slashed;
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  const time = clock(Number(match[4]), Number(match[5]), Number(match[6] ?? 0));
  if (!isValidCalendarDate(date) || time === null) return null;
  const fraction = iso?.[7] === undefined ? '' : `.${iso[7]}`;
  const offset = iso?.[8];
  if (offset === undefined || offset === TAIPEI_OFFSET || offset === '+0800') {
    return formatTaipeiIso(date, time).replace(TAIPEI_OFFSET, `${fraction}${TAIPEI_OFFSET}`);
  }
  // Another offset: move the instant to Taipei wall-clock time.
  const offsetMinutes = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  const instant = Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute, time.second) - offsetMinutes * 60_000;
  const taipei = new Date(instant + TAIPEI_OFFSET_MINUTES * 60_000);
  return formatTaipeiIso(
    { year: taipei.getUTCFullYear(), month: taipei.getUTCMonth() + 1, day: taipei.getUTCDate() },
    { hour: taipei.getUTCHours(), minute: taipei.getUTCMinutes(), second: taipei.getUTCSeconds() },
  ).replace(TAIPEI_OFFSET, `${fraction}${TAIPEI_OFFSET}`);
}
