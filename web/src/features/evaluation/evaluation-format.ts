/**
 * Pure helpers of the evaluation page: the query read from the address (with safe defaults), the
 * ROC names the period pickers show, how a figure reads, and the scale of the trend chart.
 */
import { PERIOD_KINDS, type EvaluationQuery, type MetricKey, type PeriodKind } from './evaluation.api.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The evaluation query in the address; a missing or broken period falls back to this month. */
export function readEvaluationQuery(params: URLSearchParams, today: string): EvaluationQuery {
  const kind = (PERIOD_KINDS as readonly string[]).includes(params.get('period') ?? '') ? (params.get('period') as PeriodKind) : 'month';
  const anchor = DAY.test(params.get('anchor') ?? '') ? params.get('anchor')! : today;
  const from = DAY.test(params.get('from') ?? '') ? params.get('from')! : undefined;
  const to = DAY.test(params.get('to') ?? '') ? params.get('to')! : undefined;
  const ruleSetId = UUID.test(params.get('ruleSet') ?? '') ? params.get('ruleSet')! : undefined;
  const unitId = UUID.test(params.get('unit') ?? '') ? params.get('unit')! : undefined;
  if (kind === 'custom' && from && to && from <= to) return { periodKind: 'custom', from, to, anchor, ruleSetId, unitId };
  return { periodKind: kind === 'custom' ? 'month' : kind, anchor, ruleSetId, unitId };
}

/** The address of a query (the inverse of {@link readEvaluationQuery}). */
export function evaluationSearch(query: EvaluationQuery): Record<string, string> {
  const out: Record<string, string> = { period: query.periodKind };
  if (query.periodKind === 'custom') {
    if (query.from) out.from = query.from;
    if (query.to) out.to = query.to;
  } else if (query.anchor) out.anchor = query.anchor;
  if (query.ruleSetId) out.ruleSet = query.ruleSetId;
  if (query.unitId) out.unit = query.unitId;
  return out;
}

/** What a picker shows for a day of the period: `114年7月`, `114年第3季`, `114年`. */
export function rocPeriodName(kind: Exclude<PeriodKind, 'custom'>, day: string): string {
  const year = Number(day.slice(0, 4)) - 1911;
  const month = Number(day.slice(5, 7));
  if (kind === 'month') return `${year}年${month}月`;
  if (kind === 'quarter') return `${year}年第${Math.floor((month - 1) / 3) + 1}季`;
  return `${year}年`;
}

/** How a figure reads: counts whole, hours and percentages with one decimal; none as a dash. */
export function metricText(metric: MetricKey, value: number | null, none = '—'): string {
  if (value === null) return none;
  if (metric === 'removedWithin24hShare') return `${value.toFixed(1)}%`;
  if (metric === 'patrolHours' || metric === 'medianHoursToRemoval' || metric === 'trainingHours') return String(Math.round(value * 10) / 10);
  return String(value);
}

/** A round upper bound for a chart axis (1, 2, 5 × 10ⁿ) at or above the largest value. */
export function niceMax(values: readonly (number | null)[]): number {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null && Number.isFinite(v)));
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** `114/07` for a month key `2025-07`. */
export const rocMonthKey = (key: string): string => `${Number(key.slice(0, 4)) - 1911}/${key.slice(5, 7)}`;
