import { describe, expect, it } from 'vitest';
import { addDays, dayAfterStartIso, dayStartIso, parseYmd, taipeiPickerValue, taipeiToday } from './period.ts';

describe('period helpers', () => {
  it('bounds a Taipei day in UTC, the end exclusive', () => {
    expect(dayStartIso('2025-07-08')).toBe('2025-07-07T16:00:00.000Z');
    expect(dayAfterStartIso('2025-07-08')).toBe('2025-07-08T16:00:00.000Z');
  });

  it('knows the Taipei day whatever the instant', () => {
    expect(taipeiToday(new Date('2025-07-07T15:59:59Z'))).toBe('2025-07-07');
    expect(taipeiToday(new Date('2025-07-07T16:00:00Z'))).toBe('2025-07-08');
  });

  it('shifts days across months and years', () => {
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-12-03', -89)).toBe('2024-09-05');
  });

  it('accepts only YYYY-MM-DD from the address bar', () => {
    expect(parseYmd('2025-07-08')).toBe('2025-07-08');
    expect(parseYmd('2025-7-8')).toBeUndefined();
    expect(parseYmd('<script>')).toBeUndefined();
    expect(parseYmd(null)).toBeUndefined();
  });

  it('gives the picker the Taipei wall clock of an instant', () => {
    expect(taipeiPickerValue('2025-07-07T16:05:00Z')?.format('YYYY-MM-DDTHH:mm')).toBe('2025-07-08T00:05');
    expect(taipeiPickerValue(null)).toBeNull();
    expect(taipeiPickerValue('nonsense')).toBeNull();
  });
});
