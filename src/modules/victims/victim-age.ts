/**
 * A victim's age on the incident date, and so whether they were a minor (G5.3.1: the complaint
 * path follows the victim's age on the incident date). Pure: civil dates in, a verdict out.
 *
 * The rule (`civil-code-124/v1`):
 * - 民法第 124 條第 1 項：年齡自出生之日起算 — age counts from the day of birth itself, so a person
 *   born on 2008-03-10 completes a year at the end of each 03-09 and is 18 from 2026-03-10 on:
 *   the 18th birthday itself is adult.
 * - 民法第 121 條第 2 項 (the end of a period counted in years): the last day is the day before the
 *   anniversary; when the last year has no such day, the period ends with that month. A person
 *   born on 29 February therefore completes a year at the end of 28 February in a common year and
 *   is a year older from 1 March; in a leap year from 29 February.
 * - 兒童及少年性剝削防制條例第 2 條 and 兒童及少年福利與權益保障法第 2 條: a child or youth is a
 *   person under 18. A victim under 18 on the incident date is a minor.
 *
 * Dates are civil dates (`YYYY-MM-DD`) as people write them in Taiwan; no time zone enters.
 */

/** The rule that decided a stored minor/adult flag; kept beside it so a later rule never silently rewrites history. */
export const AGE_RULE = 'civil-code-124/v1';
export type AgeRule = typeof AGE_RULE;

/** Age of majority for the Act's protection (Act Art. 2: 兒童或少年 = under 18). */
export const MINOR_BELOW_AGE = 18;

/** A calendar date without time or zone. */
export type CivilDate = { year: number; month: number; day: number };

/** Why a date or a pair of dates cannot be used; the message never repeats the value (it may be a sealed date of birth). */
export class CivilDateError extends Error {
  constructor(readonly problem: 'not_a_date' | 'before_birth') {
    super(problem === 'not_a_date' ? 'not a calendar date (YYYY-MM-DD)' : 'the incident date is before the date of birth');
    this.name = 'CivilDateError';
  }
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Parses `YYYY-MM-DD` into a date that exists (2025-02-29 does not); throws `CivilDateError` otherwise. */
export function parseCivilDate(text: string): CivilDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new CivilDateError('not_a_date');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new CivilDateError('not_a_date');
  return { year, month, day };
}

/** `YYYY-MM-DD`. */
export function formatCivilDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function compare(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The day in `year` from which a person born on `birth` counts one more year (民法第 121 條第 2 項):
 * the same month and day, or 1 March for a 29 February birth in a common year.
 */
export function anniversaryIn(birth: CivilDate, year: number): CivilDate {
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) return { year, month: 3, day: 1 };
  return { year, month: birth.month, day: birth.day };
}

/** Completed years of age on `on` (民法第 124 條). Throws `CivilDateError('before_birth')` for a date before the birth. */
export function ageOnDate(birth: CivilDate, on: CivilDate): number {
  if (compare(on, birth) < 0) throw new CivilDateError('before_birth');
  const years = on.year - birth.year;
  return compare(on, anniversaryIn(birth, on.year)) < 0 ? years - 1 : years;
}

export type AgeVerdict = { age: number; isMinor: boolean; rule: AgeRule };

/** The victim's age on the incident date and whether that makes them a minor (under 18), under `AGE_RULE`. */
export function isMinorOnDate(dateOfBirth: string, incidentDate: string): AgeVerdict {
  const age = ageOnDate(parseCivilDate(dateOfBirth), parseCivilDate(incidentDate));
  return { age, isMinor: age < MINOR_BELOW_AGE, rule: AGE_RULE };
}
