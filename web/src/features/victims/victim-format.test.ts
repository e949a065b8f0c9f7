import { describe, expect, it } from 'vitest';
import { ageOn, formatHms, formatRocDay, isValidNationalId, parseTypedDate, sipcClockOf, wholeHours } from './victim-format.ts';

const HOUR = 3_600_000;

describe('isValidNationalId', () => {
  it('accepts well-formed numbers with the right check digit, typed loosely', () => {
    expect(isValidNationalId('A123456789')).toBe(true);
    expect(isValidNationalId(' a123456789 ')).toBe(true);
    // A resident's unified ID (second character 8 or 9) follows the same layout.
    expect(isValidNationalId('A800000014')).toBe(true);
  });

  it('refuses a wrong check digit, a wrong shape or a wrong second character', () => {
    expect(isValidNationalId('A123456788')).toBe(false);
    expect(isValidNationalId('A12345678')).toBe(false);
    expect(isValidNationalId('A323456789')).toBe(false);
    expect(isValidNationalId('1234567890')).toBe(false);
  });
});

describe('parseTypedDate', () => {
  it('reads ROC dates as written on papers and Gregorian ones', () => {
    expect(parseTypedDate('100/04/02')).toBe('2011-04-02');
    expect(parseTypedDate('100/4/2')).toBe('2011-04-02');
    expect(parseTypedDate('88-09-09')).toBe('1999-09-09');
    expect(parseTypedDate('1000402')).toBe('2011-04-02');
    expect(parseTypedDate('民國100年4月2日')).toBe('2011-04-02');
    expect(parseTypedDate('2011-04-02')).toBe('2011-04-02');
  });

  it('refuses days that do not exist and text that is no date', () => {
    expect(parseTypedDate('114/02/29')).toBeNull();
    expect(parseTypedDate('113/02/29')).toBe('2024-02-29');
    expect(parseTypedDate('100/13/01')).toBeNull();
    expect(parseTypedDate('yesterday')).toBeNull();
    expect(parseTypedDate('')).toBeNull();
  });
});

describe('formatRocDay', () => {
  it('writes a civil date in the ROC calendar', () => {
    expect(formatRocDay('2025-07-08')).toBe('114/07/08');
    expect(formatRocDay(null)).toBe('');
    expect(formatRocDay('soon')).toBe('');
  });
});

describe('ageOn', () => {
  it('counts completed years from the day of birth (民法第 124 條)', () => {
    expect(ageOn('2008-03-10', '2026-03-09')).toBe(17);
    expect(ageOn('2008-03-10', '2026-03-10')).toBe(18);
    expect(ageOn('2011-04-02', '2025-06-01')).toBe(14);
  });

  it('counts a 29 February birthday from 1 March in a common year', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('has no age before the birth', () => {
    expect(ageOn('2020-01-01', '2019-12-31')).toBeNull();
  });
});

describe('sipcClockOf', () => {
  const filedAt = '2025-07-08T00:00:00.000Z';
  const dueAt = '2025-07-09T00:00:00.000Z';
  const due = Date.parse(dueAt);

  it('counts down to the due time while not removed', () => {
    expect(sipcClockOf({ filedAt, dueAt, outcome: null, outcomeAt: null }, due - 2 * HOUR)).toEqual({ kind: 'countdown', dueAt: due, remainingMs: 2 * HOUR });
  });

  it('is overdue past the due time, also after an answer of "not removed"', () => {
    expect(sipcClockOf({ filedAt, dueAt, outcome: null, outcomeAt: null }, due + 3 * HOUR)).toEqual({ kind: 'overdue', dueAt: due, overdueMs: 3 * HOUR });
    expect(sipcClockOf({ filedAt, dueAt, outcome: 'not_removed', outcomeAt: dueAt }, due + HOUR).kind).toBe('overdue');
  });

  it('reads met or missed once removed', () => {
    const met = sipcClockOf({ filedAt, dueAt, outcome: 'removed', outcomeAt: '2025-07-08T10:00:00.000Z' }, due + 100 * HOUR);
    expect(met).toMatchObject({ kind: 'removed', withinTarget: true, filedToRemovalMs: 10 * HOUR });
    const missed = sipcClockOf({ filedAt, dueAt, outcome: 'removed', outcomeAt: '2025-07-09T01:00:00.000Z' }, due + 100 * HOUR);
    expect(missed).toMatchObject({ kind: 'removed', withinTarget: false });
  });
});

describe('durations', () => {
  it('formats hh:mm:ss and whole hours', () => {
    expect(formatHms(72 * HOUR - 1000)).toBe('71:59:59');
    expect(formatHms(-5)).toBe('00:00:00');
    expect(wholeHours(25.9 * HOUR)).toBe(25);
  });
});
