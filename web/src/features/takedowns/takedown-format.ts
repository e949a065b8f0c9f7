/**
 * Pure helpers of the takedown pages (no React): the filters in the address bar, the 24-hour
 * clock of a target and its 180-day retention window, which steps a state allows, and the speed
 * figures' units. Unit-tested alone (takedown-format.test.ts).
 */
import { addDays, parseYmd, taipeiToday } from '../findings/period.ts';
import { TAKEDOWN_STATES, type SpeedGroupBy, type SpeedQuery, type TakedownState, type Target, type TargetDetail, type TargetFilters } from './takedowns.api.ts';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** The order's window (G5.2): removed within 24 hours of T. */
export const ORDER_WINDOW_MS = 24 * HOUR_MS;
/** The platform keeps the data for 180 days from T; reminders go out at day 150 and 170. */
export const RETENTION_DAYS = 180;
export const REMINDER_DAYS = [150, 170] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isTakedownState = (value: string): value is TakedownState => (TAKEDOWN_STATES as readonly string[]).includes(value);

/** antd tag colours per state: the clock running is blue, past due red, done green, withdrawn grey. */
export const STATE_COLOR: Record<TakedownState, string> = {
  identified: 'default',
  evidence_sealed: 'cyan',
  reported: 'geekblue',
  order_issued: 'blue',
  overdue: 'red',
  rpz_requested: 'volcano',
  rpz_applied: 'purple',
  removed: 'green',
  withdrawn: 'default',
};

/** States in which the target is still followed up. */
export const OPEN_STATES: readonly TakedownState[] = ['identified', 'evidence_sealed', 'reported', 'order_issued', 'overdue', 'rpz_requested', 'rpz_applied'];

// The list's filters in the address bar -----------------------------------------------------------

/** Reads `state=a,b&platformId=` from the address; unknown values are dropped, states kept in catalogue order. */
export function readTakedownFilters(params: URLSearchParams): TargetFilters {
  const states = params.getAll('state').flatMap((value) => value.split(','));
  const state = TAKEDOWN_STATES.filter((s) => states.includes(s));
  const platformId = params.get('platformId');
  return {
    ...(state.length > 0 ? { state } : {}),
    ...(platformId && UUID.test(platformId) ? { platformId } : {}),
  };
}

/** The address-bar form of the filters (empty ones left out). */
export function takedownFilterParams(filters: TargetFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.state && filters.state.length > 0) out.state = TAKEDOWN_STATES.filter((s) => filters.state?.includes(s)).join(',');
  if (filters.platformId) out.platformId = filters.platformId;
  return out;
}

// The clock ---------------------------------------------------------------------------------------

/** What the 24-hour clock of a target shows at one instant. */
export type TakedownClock =
  /** No order yet: nothing is counting. */
  | { kind: 'idle' }
  /** The order's 24 hours are running. */
  | { kind: 'countdown'; dueAt: number; remainingMs: number }
  /** Past T + 24 h and not removed (also when the overdue job has not run yet). */
  | { kind: 'overdue'; dueAt: number; overdueMs: number }
  /** Removed at R; `orderToRemovalMs` is T → R (null without an order). */
  | { kind: 'removed'; removedAt: number; orderToRemovalMs: number | null; within24h: boolean | null }
  | { kind: 'withdrawn' };

const ms = (iso: string | null): number | null => {
  if (!iso) return null;
  const value = Date.parse(iso);
  return Number.isNaN(value) ? null : value;
};

/** The clock of a target at server time `nowMs`. */
export function clockOf(target: Pick<Target, 'state' | 'orderIssuedAt' | 'dueAt' | 'removedAt'>, nowMs: number): TakedownClock {
  if (target.state === 'withdrawn') return { kind: 'withdrawn' };
  const order = ms(target.orderIssuedAt);
  if (target.state === 'removed') {
    const removedAt = ms(target.removedAt);
    if (removedAt === null) return { kind: 'idle' };
    const orderToRemovalMs = order === null ? null : Math.max(0, removedAt - order);
    return { kind: 'removed', removedAt, orderToRemovalMs, within24h: orderToRemovalMs === null ? null : orderToRemovalMs <= ORDER_WINDOW_MS };
  }
  const dueAt = ms(target.dueAt) ?? (order === null ? null : order + ORDER_WINDOW_MS);
  if (dueAt === null) return { kind: 'idle' };
  const remainingMs = dueAt - nowMs;
  if (target.state === 'order_issued' && remainingMs > 0) return { kind: 'countdown', dueAt, remainingMs };
  return { kind: 'overdue', dueAt, overdueMs: Math.max(0, -remainingMs) };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `hh:mm:ss` of a non-negative duration (hours may exceed 24). */
export function formatHms(durationMs: number): string {
  const total = Math.max(0, Math.floor(durationMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(total % 60)}`;
}

/** Whole hours of a duration (a started hour is not counted). */
export const wholeHours = (durationMs: number): number => Math.floor(Math.max(0, durationMs) / HOUR_MS);

/** Hours with one decimal (`12.5`) of a duration in milliseconds. */
export const hoursOneDecimal = (durationMs: number): string => (Math.round(durationMs / (HOUR_MS / 10)) / 10).toFixed(1);

// The retention window ------------------------------------------------------------------------------

export interface RetentionWindow {
  orderAt: number;
  endsAt: number;
  /** Whole days left (negative once ended), as the server counts them. */
  daysLeft: number;
  /** Days since T, 0 … 180. */
  elapsedDays: number;
  /** T + 150 days and T + 170 days. */
  reminderAt: [number, number];
}

/** The 180-day window from T (null before the order). */
export function retentionOf(target: Pick<Target, 'orderIssuedAt' | 'retentionEndsAt'>, nowMs: number): RetentionWindow | null {
  const orderAt = ms(target.orderIssuedAt);
  if (orderAt === null) return null;
  const endsAt = ms(target.retentionEndsAt) ?? orderAt + RETENTION_DAYS * DAY_MS;
  return {
    orderAt,
    endsAt,
    daysLeft: Math.floor((endsAt - nowMs) / DAY_MS),
    elapsedDays: Math.min(RETENTION_DAYS, Math.max(0, Math.floor((nowMs - orderAt) / DAY_MS))),
    reminderAt: [orderAt + REMINDER_DAYS[0] * DAY_MS, orderAt + REMINDER_DAYS[1] * DAY_MS],
  };
}

// The steps a state allows (mirrors src/modules/takedowns/takedowns.service.ts) ------------------

export const TAKEDOWN_ACTIONS = ['refreshSeal', 'report', 'order', 'check', 'removal', 'rpz', 'rpzApplied', 'withdraw', 'dataRequest'] as const;
export type TakedownAction = (typeof TAKEDOWN_ACTIONS)[number];

const REMOVABLE: readonly TakedownState[] = ['reported', 'order_issued', 'overdue', 'rpz_requested', 'rpz_applied'];

/** The steps the page offers for a target at server time `nowMs` (none without `can.update`). */
export function takedownActions(detail: Pick<TargetDetail, 'state' | 'orderIssuedAt' | 'retentionEndsAt' | 'can'>, nowMs: number): Set<TakedownAction> {
  const actions = new Set<TakedownAction>();
  if (!detail.can.update) return actions;
  const { state } = detail;
  if (state === 'identified') actions.add('refreshSeal');
  // From `identified` the server seals first when a sealed capture exists, else refuses (EVIDENCE_NOT_SEALED).
  if (state === 'identified' || state === 'evidence_sealed') actions.add('report');
  if (state === 'reported') actions.add('order');
  if (REMOVABLE.includes(state)) {
    actions.add('check');
    actions.add('removal');
  }
  if (state === 'overdue') actions.add('rpz');
  if (state === 'rpz_requested') actions.add('rpzApplied');
  if (OPEN_STATES.includes(state)) actions.add('withdraw');
  const endsAt = ms(detail.retentionEndsAt);
  if (detail.orderIssuedAt && endsAt !== null && nowMs <= endsAt) actions.add('dataRequest');
  return actions;
}

/** The host of a URL (the RPZ form's default domain), '' when it does not parse. */
export function urlHost(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

// Speed figures ----------------------------------------------------------------------------------------

/** Seconds as hours with one decimal, or null. */
export const secondsToHours = (seconds: number | null): string | null => (seconds === null ? null : (Math.round(seconds / 360) / 10).toFixed(1));

/** The default period: the last 90 days up to today (Taipei), both inclusive. */
export function defaultSpeedPeriod(today: string = taipeiToday()): { from: string; to: string } {
  return { from: addDays(today, -89), to: today };
}

/** Reads `from=&to=&groupBy=` from the address; anything missing or malformed falls back to the default. */
export function readSpeedQuery(params: URLSearchParams, today: string = taipeiToday()): SpeedQuery {
  const fallback = defaultSpeedPeriod(today);
  const from = parseYmd(params.get('from'));
  const to = parseYmd(params.get('to'));
  const period = from && to && from <= to ? { from, to } : fallback;
  const groupBy: SpeedGroupBy = params.get('groupBy') === 'unit' ? 'unit' : 'platform';
  return { ...period, groupBy };
}
