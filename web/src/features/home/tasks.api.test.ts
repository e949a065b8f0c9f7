import { describe, expect, it } from 'vitest';
import { sortByDue } from './tasks.api.ts';

describe('sortByDue', () => {
  it('puts the earliest deadline first and tasks without one last', () => {
    const tasks = [
      { id: 'none', dueAt: null, triggeredAt: '2025-07-01T00:00:00.000Z' },
      { id: 'late', dueAt: '2025-07-10T00:00:00.000Z', triggeredAt: '2025-07-01T00:00:00.000Z' },
      { id: 'soon', dueAt: '2025-07-03T00:00:00.000Z', triggeredAt: '2025-07-02T00:00:00.000Z' },
      { id: 'soon-older', dueAt: '2025-07-03T00:00:00.000Z', triggeredAt: '2025-07-01T00:00:00.000Z' },
    ];
    expect(sortByDue(tasks).map((t) => t.id)).toEqual(['soon-older', 'soon', 'late', 'none']);
    // The input is left as it was.
    expect(tasks[0]?.id).toBe('none');
  });
});
