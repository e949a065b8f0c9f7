import { describe, expect, it } from 'vitest';
import { formatRocDate, formatRocDateLong, formatRocDateTime, toTaipeiIso } from './time.ts';

describe('ROC calendar in Asia/Taipei', () => {
  it('formats the guideline date as police paperwork writes it', () => {
    const instant = new Date('2025-07-08T06:05:00Z'); // 14:05 in Taipei
    expect(formatRocDate(instant)).toBe('114/07/08');
    expect(formatRocDateTime(instant)).toBe('114/07/08 14:05');
    expect(formatRocDateLong(instant)).toBe('114年7月8日');
    expect(toTaipeiIso(instant)).toBe('2025-07-08T14:05:00+08:00');
  });

  it('crosses midnight by the Taipei clock, not UTC', () => {
    expect(formatRocDateTime(new Date('2025-07-07T16:30:00Z'))).toBe('114/07/08 00:30');
    expect(formatRocDateTime(new Date('2025-07-07T15:59:00Z'))).toBe('114/07/07 23:59');
  });

  it('changes the ROC year at the Taipei new year', () => {
    expect(formatRocDateLong(new Date('2024-12-31T16:00:00Z'))).toBe('114年1月1日');
    expect(formatRocDateLong(new Date('2024-12-31T15:59:59Z'))).toBe('113年12月31日');
  });
});
