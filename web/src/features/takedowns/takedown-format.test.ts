import { describe, expect, it } from 'vitest';
import { noteServerDateHeader, noteServerNow, resetServerClock, serverNowMs } from '../../lib/server-clock.ts';
import {
  clockOf,
  defaultSpeedPeriod,
  formatHms,
  readSpeedQuery,
  readTakedownFilters,
  retentionOf,
  secondsToHours,
  takedownActions,
  takedownFilterParams,
  urlHost,
  wholeHours,
} from './takedown-format.ts';

const T = Date.parse('2025-07-08T02:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const ordered = { orderIssuedAt: iso(T), dueAt: iso(T + 24 * HOUR), removedAt: null };

describe('clockOf', () => {
  it('counts down the 24 hours of an order', () => {
    const clock = clockOf({ state: 'order_issued', ...ordered }, T + 90 * 60_000);
    expect(clock).toEqual({ kind: 'countdown', dueAt: T + 24 * HOUR, remainingMs: 22.5 * HOUR });
    expect(clock.kind === 'countdown' && formatHms(clock.remainingMs)).toBe('22:30:00');
  });

  it('is overdue past T + 24 h, even before the overdue job has moved the state', () => {
    expect(clockOf({ state: 'order_issued', ...ordered }, T + 25 * HOUR)).toEqual({ kind: 'overdue', dueAt: T + 24 * HOUR, overdueMs: HOUR });
    const overdue = clockOf({ state: 'rpz_requested', ...ordered }, T + 30 * HOUR + 59 * 60_000);
    expect(overdue.kind === 'overdue' && wholeHours(overdue.overdueMs)).toBe(6);
  });

  it('tells whether a removal came within 24 hours of T', () => {
    expect(clockOf({ state: 'removed', ...ordered, removedAt: iso(T + 20 * HOUR) }, T + 99 * HOUR)).toEqual({
      kind: 'removed',
      removedAt: T + 20 * HOUR,
      orderToRemovalMs: 20 * HOUR,
      within24h: true,
    });
    const late = clockOf({ state: 'removed', ...ordered, removedAt: iso(T + 24 * HOUR + 1000) }, T);
    expect(late.kind === 'removed' && late.within24h).toBe(false);
    const noOrder = clockOf({ state: 'removed', orderIssuedAt: null, dueAt: null, removedAt: iso(T) }, T);
    expect(noOrder).toEqual({ kind: 'removed', removedAt: T, orderToRemovalMs: null, within24h: null });
  });

  it('is idle before the order and says withdrawn after a withdrawal', () => {
    expect(clockOf({ state: 'reported', orderIssuedAt: null, dueAt: null, removedAt: null }, T).kind).toBe('idle');
    expect(clockOf({ state: 'withdrawn', ...ordered }, T).kind).toBe('withdrawn');
  });
});

describe('retentionOf', () => {
  it('counts the 180-day window and its reminder marks from T', () => {
    const window = retentionOf({ orderIssuedAt: iso(T), retentionEndsAt: iso(T + 180 * 24 * HOUR) }, T + 10.5 * 24 * HOUR);
    expect(window?.daysLeft).toBe(169);
    expect(window?.elapsedDays).toBe(10);
    expect(window?.reminderAt).toEqual([T + 150 * 24 * HOUR, T + 170 * 24 * HOUR]);
    expect(retentionOf({ orderIssuedAt: null, retentionEndsAt: null }, T)).toBeNull();
  });
});

describe('takedownActions', () => {
  const detail = (state: Parameters<typeof takedownActions>[0]['state'], extra: object = {}) => ({
    state,
    orderIssuedAt: null,
    retentionEndsAt: null,
    can: { update: true },
    ...extra,
  });
  it('offers only the steps the state allows', () => {
    expect([...takedownActions(detail('identified'), T)].sort()).toEqual(['refreshSeal', 'report', 'withdraw']);
    expect([...takedownActions(detail('reported'), T)].sort()).toEqual(['check', 'order', 'removal', 'withdraw']);
    const window = { orderIssuedAt: iso(T), retentionEndsAt: iso(T + 180 * 24 * HOUR) };
    expect([...takedownActions(detail('overdue', window), T + 30 * HOUR)].sort()).toEqual(['check', 'dataRequest', 'removal', 'rpz', 'withdraw']);
    expect([...takedownActions(detail('rpz_requested', window), T)]).toContain('rpzApplied');
    expect([...takedownActions(detail('removed', window), T + 181 * 24 * HOUR)]).toEqual([]);
    expect([...takedownActions(detail('removed', window), T + 2 * HOUR)]).toEqual(['dataRequest']);
  });
  it('offers nothing without the right to update', () => {
    expect(takedownActions({ ...detail('evidence_sealed'), can: { update: false } }, T).size).toBe(0);
  });
});

describe('list filters in the address', () => {
  it('keeps known states in catalogue order and a UUID platform', () => {
    const params = new URLSearchParams('state=overdue,identified,bogus&platformId=3f2b6a4e-1c1d-4e55-9a0b-2f1f0c0d0e0f');
    const filters = readTakedownFilters(params);
    expect(filters).toEqual({ state: ['identified', 'overdue'], platformId: '3f2b6a4e-1c1d-4e55-9a0b-2f1f0c0d0e0f' });
    expect(takedownFilterParams(filters)).toEqual({ state: 'identified,overdue', platformId: '3f2b6a4e-1c1d-4e55-9a0b-2f1f0c0d0e0f' });
    expect(readTakedownFilters(new URLSearchParams('platformId=x'))).toEqual({});
  });
});

describe('speed helpers', () => {
  it('shows seconds as hours with one decimal', () => {
    expect(secondsToHours(5400)).toBe('1.5');
    expect(secondsToHours(0)).toBe('0.0');
    expect(secondsToHours(null)).toBeNull();
  });
  it('defaults to the last 90 days and reads the period from the address', () => {
    expect(defaultSpeedPeriod('2025-07-08')).toEqual({ from: '2025-04-10', to: '2025-07-08' });
    expect(readSpeedQuery(new URLSearchParams('from=2025-01-01&to=2025-02-01&groupBy=unit'), '2025-07-08')).toEqual({ from: '2025-01-01', to: '2025-02-01', groupBy: 'unit' });
    expect(readSpeedQuery(new URLSearchParams('from=2025-03-01&to=2025-02-01'), '2025-07-08')).toEqual({ from: '2025-04-10', to: '2025-07-08', groupBy: 'platform' });
  });
  it('reads the host of a URL for the RPZ domain', () => {
    expect(urlHost('https://Bad.Example.com/x?y=1')).toBe('bad.example.com');
    expect(urlHost('not a url')).toBe('');
  });
});

describe('server clock', () => {
  it('runs from the server time of the latest answer, not from the PC clock', () => {
    resetServerClock();
    expect(serverNowMs(1000)).toBe(1000);
    noteServerDateHeader('Tue, 08 Jul 2025 02:00:00 GMT', T - 60_000);
    expect(serverNowMs(T - 60_000)).toBe(T + 500);
    noteServerNow(iso(T + 5000), T);
    expect(serverNowMs(T + 1000)).toBe(T + 6000);
    // A header (whole seconds) never overrides an exact reading.
    noteServerDateHeader('Tue, 08 Jul 2025 03:00:00 GMT', T);
    expect(serverNowMs(T)).toBe(T + 5000);
    resetServerClock();
  });
});
