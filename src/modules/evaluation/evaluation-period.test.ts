/** Evaluation periods bounded at Taipei midnights, named in the ROC calendar. */
import { describe, expect, it } from 'vitest';
import { resolvePeriod, trailingMonths } from './evaluation-period.ts';

const TODAY = '2025-07-08';

describe('evaluation periods', () => {
  it('bounds a month at Taipei midnights (UTC 16:00 the day before)', () => {
    const p = resolvePeriod({ kind: 'month', anchor: '2025-07-20' }, TODAY);
    expect(p).toMatchObject({ label: '114年7月', key: '2025-07', firstDay: '2025-07-01', lastDay: '2025-07-31' });
    expect(p.from.toISOString()).toBe('2025-06-30T16:00:00.000Z');
    expect(p.to.toISOString()).toBe('2025-07-31T16:00:00.000Z');
  });

  it('defaults to the period of today and knows quarters and years (December rolls over)', () => {
    expect(resolvePeriod({ kind: 'month' }, TODAY).key).toBe('2025-07');
    const q4 = resolvePeriod({ kind: 'quarter', anchor: '2024-11-30' }, TODAY);
    expect(q4).toMatchObject({ label: '113年第4季', key: '2024-Q4', firstDay: '2024-10-01', lastDay: '2024-12-31' });
    expect(q4.to.toISOString()).toBe('2024-12-31T16:00:00.000Z');
    const year = resolvePeriod({ kind: 'year', anchor: '2025-02-01' }, TODAY);
    expect(year).toMatchObject({ label: '114年', firstDay: '2025-01-01', lastDay: '2025-12-31' });
  });

  it('takes custom days inclusive and refuses backwards, impossible or over-long ranges', () => {
    const custom = resolvePeriod({ kind: 'custom', from: '2025-07-01', to: '2025-07-01' }, TODAY);
    expect(custom).toMatchObject({ label: '114/07/01–114/07/01', firstDay: '2025-07-01', lastDay: '2025-07-01' });
    expect(custom.to.getTime() - custom.from.getTime()).toBe(86_400_000);
    expect(() => resolvePeriod({ kind: 'custom', from: '2025-07-02', to: '2025-07-01' }, TODAY)).toThrow(/to is before from/);
    expect(() => resolvePeriod({ kind: 'custom', from: '2025-02-30', to: '2025-03-01' }, TODAY)).toThrow(/not a date/);
    expect(() => resolvePeriod({ kind: 'custom', from: '2020-01-01', to: '2025-01-01' }, TODAY)).toThrow(/at most/);
    expect(() => resolvePeriod({ kind: 'custom', from: '2025-01-01' }, TODAY)).toThrow(/needs from and to/);
  });

  it('lists trailing months oldest first, across a year end', () => {
    expect(trailingMonths('2025-02-10', 4).map((m) => m.key)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });
});
