/**
 * Calendar periods picked in the ROC-formatted range picker, as the API's UTC bounds. A picked
 * day is a Taipei calendar day; the end bound is the start of the day after (the API's `to` is
 * exclusive).
 */
import dayjs, { type Dayjs } from 'dayjs';
import { formatRocDate, taipeiDayStartIso } from '../../lib/roc-date.ts';

/** The picker shows ROC dates; the picked day is read back with format('YYYY-MM-DD'). */
export const rocPickerFormat = (value: Dayjs): string => formatRocDate(`${value.format('YYYY-MM-DD')}T12:00:00+08:00`);

/** `YYYY-MM-DD` of a picked day. */
export const ymd = (value: Dayjs): string => value.format('YYYY-MM-DD');

/** The UTC start of a Taipei day `YYYY-MM-DD`. */
export const dayStartIso = (day: string): string => taipeiDayStartIso(day);

/** The UTC start of the Taipei day after `YYYY-MM-DD` (an exclusive end bound). */
export function dayAfterStartIso(day: string): string {
  return new Date(new Date(taipeiDayStartIso(day)).getTime() + 86_400_000).toISOString();
}

/** A valid `YYYY-MM-DD` from the address bar, or undefined. */
export function parseYmd(value: string | null): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  return dayjs(value, 'YYYY-MM-DD').isValid() ? value : undefined;
}

/** Today's Taipei calendar day as `YYYY-MM-DD`, whatever the browser's time zone. */
export function taipeiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` shifted by whole days. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A picker value showing an instant's Taipei wall clock (dayjs works in the browser's zone, so
 * the Taipei parts are given to it as a local time; read back with `taipeiWallClockIso`).
 */
export function taipeiPickerValue(iso: string | null): Dayjs | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const taipei = new Date(date.getTime() + 8 * 3_600_000);
  return dayjs(
    `${taipei.getUTCFullYear()}-${pad2(taipei.getUTCMonth() + 1)}-${pad2(taipei.getUTCDate())}T${pad2(taipei.getUTCHours())}:${pad2(taipei.getUTCMinutes())}`,
  );
}
