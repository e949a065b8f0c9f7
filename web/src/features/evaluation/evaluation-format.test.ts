import { describe, expect, it } from 'vitest';
import { evaluationSearch, metricText, niceMax, readEvaluationQuery, rocMonthKey, rocPeriodName } from './evaluation-format.ts';

describe('evaluation page helpers', () => {
  it('reads the query from the address and writes it back', () => {
    const id = '0d6f1c1e-8f4a-4d62-9a55-2f6a3f0b7c11';
    const query = readEvaluationQuery(new URLSearchParams(`period=quarter&anchor=2025-05-02&ruleSet=${id}&unit=nope`), '2025-07-08');
    expect(query).toEqual({ periodKind: 'quarter', anchor: '2025-05-02', ruleSetId: id, unitId: undefined });
    expect(evaluationSearch(query)).toEqual({ period: 'quarter', anchor: '2025-05-02', ruleSet: id });
    // A custom period without valid days falls back to the month of today.
    expect(readEvaluationQuery(new URLSearchParams('period=custom&from=2025-07-09&to=2025-07-01'), '2025-07-08')).toMatchObject({ periodKind: 'month', anchor: '2025-07-08' });
    expect(evaluationSearch(readEvaluationQuery(new URLSearchParams('period=custom&from=2025-07-01&to=2025-07-09'), '2025-07-08'))).toEqual({ period: 'custom', from: '2025-07-01', to: '2025-07-09' });
  });

  it('names periods in the ROC calendar', () => {
    expect(rocPeriodName('month', '2025-07-08')).toBe('114年7月');
    expect(rocPeriodName('quarter', '2025-11-30')).toBe('114年第4季');
    expect(rocPeriodName('year', '2024-01-01')).toBe('113年');
    expect(rocMonthKey('2025-01')).toBe('114/01');
  });

  it('reads figures and scales charts', () => {
    expect(metricText('removedWithin24hShare', 33.333)).toBe('33.3%');
    expect(metricText('patrolHours', 18.04)).toBe('18');
    expect(metricText('medianHoursToRemoval', null)).toBe('—');
    expect(niceMax([3, 17.2, null])).toBe(20);
    expect(niceMax([0, null])).toBe(1);
    expect(niceMax([101])).toBe(200);
  });
});
