import { describe, expect, it } from 'vitest';
import { formatTaipeiIso, isValidCalendarDate, parseClockTime, parseTaipeiDateTime, weekdayOf } from './taipei-time.ts';

describe('parseClockTime', () => {
  it.each([
    ['21:15', 21, 15],
    ['9:05', 9, 5],
    ['上午10:00', 10, 0],
    ['上午12:30', 0, 30],
    ['上午00:15', 0, 15],
    ['下午12:10', 12, 10],
    ['下午 01:23', 13, 23],
    ['9:15 PM', 21, 15],
    ['12:00 AM', 0, 0],
    ['12:00 pm', 12, 0],
    ['PM 9:15', 21, 15],
  ])('reads %s', (text, hour, minute) => {
    expect(parseClockTime(text)).toEqual({ hour, minute, second: 0 });
  });

  it.each(['24:00', '12:60', '下午13:00', '13:00 PM', 'noon', ''])('refuses %j', (text) => {
    expect(parseClockTime(text)).toBeNull();
  });
});

describe('parseTaipeiDateTime', () => {
  it.each([
    ['2025-11-20T21:15:00+08:00', '2025-11-20T21:15:00+08:00'],
    ['2025-11-20T21:15', '2025-11-20T21:15:00+08:00'],
    ['2025-11-20 21:15:07', '2025-11-20T21:15:07+08:00'],
    ['2025-11-20T16:15:00Z', '2025-11-21T00:15:00+08:00'],
    ['2025-11-20T21:15:00-05:00', '2025-11-21T10:15:00+08:00'],
    ['2025-11-20T21:15:00.250+08:00', '2025-11-20T21:15:00.250+08:00'],
    ['2025/11/20 21:15', '2025-11-20T21:15:00+08:00'],
    ['2025/1/2 8:05', '2025-01-02T08:05:00+08:00'],
  ])('reads %s', (text, iso) => {
    expect(parseTaipeiDateTime(text)).toBe(iso);
  });

  it.each(['2025-13-01T00:00', '2025/02/29 10:00', '20/11/2025 21:15', '2025-11-20', 'yesterday'])('refuses %j', (text) => {
    expect(parseTaipeiDateTime(text)).toBeNull();
  });
});

describe('calendar helpers', () => {
  it('validates dates, including leap years', () => {
    expect(isValidCalendarDate({ year: 2024, month: 2, day: 29 })).toBe(true);
    expect(isValidCalendarDate({ year: 2025, month: 2, day: 29 })).toBe(false);
    expect(isValidCalendarDate({ year: 2025, month: 0, day: 1 })).toBe(false);
  });

  it('knows that 2025-11-20 is a Thursday and formats +08:00', () => {
    expect(weekdayOf({ year: 2025, month: 11, day: 20 })).toBe(4);
    expect(formatTaipeiIso({ year: 2025, month: 1, day: 2 }, { hour: 3, minute: 4, second: 5 })).toBe('2025-01-02T03:04:05+08:00');
  });
});
