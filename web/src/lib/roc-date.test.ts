import { describe, expect, it } from 'vitest';
import {
  formatRocDate,
  formatRocDateLong,
  formatRocDateTime,
  taipeiDayEndIso,
  taipeiDayStartIso,
} from './roc-date.ts';

describe('ROC date formatting in Asia/Taipei', () => {
  it('formats the guideline date in the three forms', () => {
    const iso = '2025-07-08T06:05:00Z'; // 14:05 in Taipei
    expect(formatRocDateTime(iso)).toBe('114/07/08 14:05');
    expect(formatRocDate(iso)).toBe('114/07/08');
    expect(formatRocDateLong(iso)).toBe('114年7月8日');
  });

  it('moves to the next Taipei day when UTC is still on the previous one', () => {
    expect(formatRocDateTime('2025-07-07T16:30:00Z')).toBe('114/07/08 00:30');
    expect(formatRocDate('2025-07-07T16:30:00Z')).toBe('114/07/08');
    expect(formatRocDateTime('2025-07-07T15:59:00Z')).toBe('114/07/07 23:59');
  });

  it('prints midnight as 00, never 24', () => {
    expect(formatRocDateTime('2025-07-07T16:00:00Z')).toBe('114/07/08 00:00');
  });

  it('crosses the year (and ROC year) boundary in Taipei time', () => {
    expect(formatRocDateTime('2024-12-31T15:59:00Z')).toBe('113/12/31 23:59');
    expect(formatRocDateTime('2024-12-31T16:00:00Z')).toBe('114/01/01 00:00');
    expect(formatRocDateLong('2024-12-31T16:00:00Z')).toBe('114年1月1日');
    expect(formatRocDate('1912-01-01T00:00:00+08:00')).toBe('1/01/01');
  });

  it('keeps single-digit months and days unpadded in the long form only', () => {
    expect(formatRocDateLong('2025-01-05T02:00:00Z')).toBe('114年1月5日');
    expect(formatRocDate('2025-01-05T02:00:00Z')).toBe('114/01/05');
    expect(formatRocDateLong('2025-12-25T02:00:00Z')).toBe('114年12月25日');
    expect(formatRocDateLong('2025-09-30T17:00:00Z')).toBe('114年10月1日');
  });

  it('accepts Date objects and epoch milliseconds', () => {
    const d = new Date('2025-07-08T06:05:00Z');
    expect(formatRocDateTime(d)).toBe('114/07/08 14:05');
    expect(formatRocDateTime(d.getTime())).toBe('114/07/08 14:05');
  });

  it('returns an empty string for an invalid instant', () => {
    expect(formatRocDateTime('not a date')).toBe('');
    expect(formatRocDate('')).toBe('');
    expect(formatRocDateLong(Number.NaN)).toBe('');
  });

  it('turns a Taipei calendar day into UTC bounds', () => {
    expect(taipeiDayStartIso('2025-07-08')).toBe('2025-07-07T16:00:00.000Z');
    expect(taipeiDayEndIso('2025-07-08')).toBe('2025-07-08T15:59:59.999Z');
  });
});
