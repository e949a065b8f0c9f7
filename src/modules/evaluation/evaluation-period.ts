/**
 * Evaluation periods — a month, a quarter, a year, or custom days — as UTC instants bounded at
 * Taipei midnights (the database keeps UTC; the department counts in Asia/Taipei), with their ROC
 * names (114年7月, 114年第3季, 114年). Pure; `to` is exclusive.
 */
import { AppError } from '../../core/errors.ts';
import { formatRocDate } from '../../core/time.ts';

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export type EvaluationPeriod = {
  kind: PeriodKind;
  from: Date;
  /** Exclusive: the Taipei midnight after the period's last day. */
  to: Date;
  /** The first and last Taipei days, `YYYY-MM-DD` (for date columns such as a transfer's day). */
  firstDay: string;
  lastDay: string;
  /** ROC name: `114年7月`, `114年第3季`, `114年`, `114/07/01–114/09/30`. */
  label: string;
  /** Stable key: `2025-07`, `2025-Q3`, `2025`, `2025-07-01_2025-09-30`. */
  key: string;
};

const TAIPEI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** The longest custom period (three years), so one request cannot ask for decades. */
export const MAX_CUSTOM_DAYS = 3 * 366;

const pad = (n: number) => String(n).padStart(2, '0');
/** The instant of Taipei midnight starting the given day (month may overflow: Date.UTC normalises it). */
const taipeiMidnight = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day) - TAIPEI_OFFSET_MS);
const dayText = (instant: Date) => new Date(instant.getTime() + TAIPEI_OFFSET_MS).toISOString().slice(0, 10);

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { field });
}

/** Reads `YYYY-MM-DD` (a day that exists) into its parts. */
export function parseDay(field: string, text: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw invalid(field, `${field} 須為 YYYY-MM-DD (${field} must be a day, YYYY-MM-DD): ${text}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw invalid(field, `${field} 不是有效日期 (${field} is not a date): ${text}`);
  return { year, month, day };
}

function period(kind: PeriodKind, from: Date, to: Date, label: string, key: string): EvaluationPeriod {
  return { kind, from, to, firstDay: dayText(from), lastDay: dayText(new Date(to.getTime() - 1)), label, key };
}

/** The calendar month (Taipei) of `year`-`month`. */
export function monthPeriod(year: number, month: number): EvaluationPeriod {
  return period('month', taipeiMidnight(year, month, 1), taipeiMidnight(year, month + 1, 1), `${year - 1911}年${month}月`, `${year}-${pad(month)}`);
}

/**
 * The period of the given kind around `anchor` (any day inside it), or the custom days
 * `from`–`to` (both included). Dates are Taipei calendar days.
 */
export function resolvePeriod(input: { kind: PeriodKind; anchor?: string; from?: string; to?: string }, today: string): EvaluationPeriod {
  if (input.kind === 'custom') {
    if (!input.from || !input.to) throw invalid('from', '自訂期間須有起迄日 (a custom period needs from and to)');
    const a = parseDay('from', input.from);
    const b = parseDay('to', input.to);
    const from = taipeiMidnight(a.year, a.month, a.day);
    const to = taipeiMidnight(b.year, b.month, b.day + 1);
    if (to <= from) throw invalid('to', '迄日不可早於起日 (to is before from)');
    if (to.getTime() - from.getTime() > MAX_CUSTOM_DAYS * DAY_MS) throw invalid('from', `期間最長 ${MAX_CUSTOM_DAYS} 日 (at most ${MAX_CUSTOM_DAYS} days)`);
    return period('custom', from, to, `${formatRocDate(from)}–${formatRocDate(new Date(to.getTime() - 1))}`, `${input.from}_${input.to}`);
  }
  const { year, month } = parseDay('anchor', input.anchor ?? today);
  if (input.kind === 'month') return monthPeriod(year, month);
  if (input.kind === 'quarter') {
    const quarter = Math.floor((month - 1) / 3) + 1;
    const first = (quarter - 1) * 3 + 1;
    return period('quarter', taipeiMidnight(year, first, 1), taipeiMidnight(year, first + 3, 1), `${year - 1911}年第${quarter}季`, `${year}-Q${quarter}`);
  }
  return period('year', taipeiMidnight(year, 1, 1), taipeiMidnight(year + 1, 1, 1), `${year - 1911}年`, String(year));
}

/** The `count` calendar months ending with the month of `endDay`, oldest first (for trends). */
export function trailingMonths(endDay: string, count: number): EvaluationPeriod[] {
  const { year, month } = parseDay('end', endDay);
  const months: EvaluationPeriod[] = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const index = year * 12 + (month - 1) - back;
    months.push(monthPeriod(Math.floor(index / 12), (index % 12) + 1));
  }
  return months;
}

/** Today's Taipei calendar day, `YYYY-MM-DD`. */
export function taipeiDay(now: Date): string {
  return dayText(now);
}
