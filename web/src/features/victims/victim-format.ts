/**
 * Pure helpers of the victim pages (no React): the national ID check and the ROC date an officer
 * types from an ID card, the age on the incident date (a preview; the server decides), and the
 * SIPC complaint's 24/72-hour clock on the server's time. Unit-tested alone (victim-format.test.ts).
 * Nothing here ever puts a typed value into a message (G6.3.6).
 */
import { formatRocDate, taipeiDayStartIso } from '../../lib/roc-date.ts';
import type { SipcComplaint } from './victims.api.ts';

export const HOUR_MS = 3_600_000;

// The national ID (mirrors src/modules/victims/national-id.ts) -----------------------------------

/** The value of each leading letter (內政部 assignment; I, O, W, X, Y, Z came last and are out of order). */
const LETTER_VALUES: Record<string, number> = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};

/** Upper-cases and strips spaces, the way the server reads it. */
export function normaliseNationalId(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** True for a national ID or resident unified ID (A123456789, A800000014) whose check digit is right. */
export function isValidNationalId(text: string): boolean {
  const id = normaliseNationalId(text);
  if (!/^[A-Z][1289]\d{8}$/.test(id)) return false;
  const letter = LETTER_VALUES[id[0]!]!;
  let sum = Math.floor(letter / 10) + (letter % 10) * 9;
  for (let i = 1; i < 9; i += 1) sum += Number(id[i]) * (9 - i);
  return (sum + Number(id[9])) % 10 === 0;
}

// Civil dates --------------------------------------------------------------------------------------

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysInMonth = (year: number, month: number): number => [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Reads a date as written on Taiwanese papers: the ROC year, month and day separated by `/`, `-`,
 * `.` or spaces (`100/4/2`, `100-04-02`), or run together (`1000402`); or a Gregorian
 * `2011-04-02`. Answers `YYYY-MM-DD`, or null when it is no existing date.
 */
export function parseTypedDate(text: string): string | null {
  const value = text.normalize('NFKC').trim().replace(/^民國\s*/u, '');
  let parts: [number, number, number] | null = null;
  const separated = /^(\d{1,4})\s*[/.\-\s年]\s*(\d{1,2})\s*[/.\-\s月]\s*(\d{1,2})\s*日?$/u.exec(value);
  const packed = /^(\d{2,3})(\d{2})(\d{2})$/.exec(value);
  if (separated) parts = [Number(separated[1]), Number(separated[2]), Number(separated[3])];
  else if (packed) parts = [Number(packed[1]), Number(packed[2]), Number(packed[3])];
  if (!parts) return null;
  const [first, month, day] = parts;
  // Four digits are a Gregorian year; up to three an ROC year (民國 1 = 1912).
  const year = first >= 1000 ? first : first + 1911;
  if (first < 1 || year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** `114/07/08` for a civil date `2025-07-08`; '' for anything else. */
export function formatRocDay(ymd: string | null | undefined): string {
  return ymd && /^\d{4}-\d{2}-\d{2}$/.test(ymd) ? formatRocDate(taipeiDayStartIso(ymd)) : '';
}

/**
 * Completed years of age on `on` for a person born on `birth` (民法第 124 條 with 第 121 條第 2 項:
 * a 29 February birth counts a year from 1 March in a common year); null when `on` precedes the
 * birth. The server's `isMinorOnDate` is the authority; this is the form's preview.
 */
export function ageOn(birth: string, on: string): number | null {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  if (on < birth) return null;
  const leapBirthday = bm === 2 && bd === 29 && !isLeapYear(oy);
  const [am, ad] = leapBirthday ? [3, 1] : [bm, bd];
  const beforeAnniversary = om < am || (om === am && od < ad);
  return oy - by - (beforeAnniversary ? 1 : 0);
}

/** Under 18 on the incident date: a child or youth under the Act (Art. 2). */
export const MINOR_BELOW_AGE = 18;

// The SIPC complaint's clock ------------------------------------------------------------------------

/** What a complaint's clock shows at one instant. */
export type SipcClock =
  /** Not removed yet and before its due time. */
  | { kind: 'countdown'; dueAt: number; remainingMs: number }
  /** Not removed and past due (also after an answer of "not removed"). */
  | { kind: 'overdue'; dueAt: number; overdueMs: number }
  /** Removed at `removedAt`, within the target or not. */
  | { kind: 'removed'; dueAt: number; removedAt: number; filedToRemovalMs: number; withinTarget: boolean };

/** The clock of a complaint at server time `nowMs` (the server's rule: overdue while not removed past due). */
export function sipcClockOf(complaint: Pick<SipcComplaint, 'filedAt' | 'dueAt' | 'outcome' | 'outcomeAt'>, nowMs: number): SipcClock {
  const dueAt = Date.parse(complaint.dueAt);
  const removedAt = complaint.outcome === 'removed' && complaint.outcomeAt ? Date.parse(complaint.outcomeAt) : null;
  if (removedAt !== null) return { kind: 'removed', dueAt, removedAt, filedToRemovalMs: Math.max(0, removedAt - Date.parse(complaint.filedAt)), withinTarget: removedAt <= dueAt };
  const remainingMs = dueAt - nowMs;
  return remainingMs > 0 ? { kind: 'countdown', dueAt, remainingMs } : { kind: 'overdue', dueAt, overdueMs: -remainingMs };
}

/** `hh:mm:ss` of a non-negative duration (hours may exceed 24). */
export function formatHms(durationMs: number): string {
  const total = Math.max(0, Math.floor(durationMs / 1000));
  return `${pad2(Math.floor(total / 3600))}:${pad2(Math.floor((total % 3600) / 60))}:${pad2(total % 60)}`;
}

/** Whole hours of a duration (a started hour is not counted). */
export const wholeHours = (durationMs: number): number => Math.floor(Math.max(0, durationMs) / HOUR_MS);
