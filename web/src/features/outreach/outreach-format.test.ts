import { describe, expect, it } from 'vitest';
import { byTaipeiDay, calendarWindow, fileSize, taipeiDayOf, taipeiTime, totalAudience } from './outreach-format.ts';
import type { Activity } from './outreach.api.ts';

const activity = (id: string, startsAt: string, audienceCount: number | null) => ({ id, startsAt, audienceCount }) as Activity;

describe('outreach calendar helpers', () => {
  it('puts an activity on its Taipei day, not the UTC one', () => {
    expect(taipeiDayOf('2025-03-31T16:30:00.000Z')).toBe('2025-04-01');
    expect(taipeiTime('2025-03-31T16:30:00.000Z')).toBe('00:30');
    const days = byTaipeiDay([activity('b', '2025-04-01T02:00:00.000Z', 10), activity('a', '2025-03-31T16:30:00.000Z', null)]);
    expect([...days.keys()]).toEqual(['2025-04-01']);
    expect(days.get('2025-04-01')!.map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('covers the month and the spill-over weeks the calendar shows', () => {
    expect(calendarWindow('2025-03')).toEqual({ from: '2025-02-21T16:00:00.000Z', to: '2025-04-14T16:00:00.000Z' });
  });

  it('adds known audiences and sizes files', () => {
    expect(totalAudience([activity('a', '', 120), activity('b', '', null), activity('c', '', 30)])).toBe(150);
    expect(fileSize(1536)).toBe('2 KB');
    expect(fileSize(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
