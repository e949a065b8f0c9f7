/**
 * The periodic per-unit evaluation (G4.1.4): for one level of the unit tree and one period, every
 * figure of evaluation-metrics.ts per unit (each unit with all its sub-units — a precinct's figures
 * include its squads, sections and stations), scored under a versioned rule set with every step
 * shown, ranked; trends over the months; exports. Access is checked first (evaluation-access.ts).
 *
 * Rows: the department view ranks the department's direct sub-units of the kinds the rule set
 * names (WCPD, CIB and the precincts by default). Below the department, a unit's view lists every
 * active sub-unit, ranked among themselves, and a row of what was recorded on the unit itself
 * (a precinct's headquarters), which is shown but not ranked. Every view ends with the total.
 *
 * Reading the figures is not audited (they are counts, never case content, like the takedown speed
 * figures); refusals are, and so is every export and print (evaluation-export.service.ts).
 */
import type { Database } from '../../core/db/client.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { ServiceContext } from '../../core/request-context.ts';
import { recordAuditNow } from '../audit/audit.service.ts';
import { unitsRepository } from '../units/units.repository.ts';
import type { UnitRow } from '../units/units.tables.ts';
import { evaluationScopeFor, type EvaluationScope } from './evaluation-access.ts';
import { emptyMetricValues, METRIC_KEYS, roundMetric, type MetricValues } from './evaluation-metrics.ts';
import { resolvePeriod, taipeiDay, trailingMonths, type EvaluationPeriod, type PeriodKind } from './evaluation-period.ts';
import type { RuleSetRules } from './evaluation-rules.ts';
import { rankByScore, scoreUnit, type MetricScore } from './evaluation-scoring.ts';
import { evaluationRepository, SELF_ROW, TOTAL_ROW, type FigureTable } from './evaluation.repository.ts';
import type { EvaluationRuleSetRow } from './evaluation.tables.ts';
import { ruleSetsRepository } from './rule-sets.repository.ts';

export type EvaluationQuery = { periodKind: PeriodKind; anchor?: string; from?: string; to?: string; ruleSetId?: string; unitId?: string };

export type RowUnit = Pick<UnitRow, 'id' | 'code' | 'nameZh' | 'nameEn' | 'kind'>;

export type EvaluatedRow = {
  /** The unit's id; for the unit's own records `self:{id}`; for the whole group `total:{id}`. */
  key: string;
  unit: RowUnit;
  /** `subtree`: the unit with its sub-units; `self`: records on the group unit only; `total`: the whole group. */
  scope: 'subtree' | 'self' | 'total';
  /** True when the row can be opened one level down. */
  hasSubunits: boolean;
  values: MetricValues;
  score: number;
  /** Null for rows outside the ranking (the group's own records, the total). */
  rank: number | null;
  breakdown: MetricScore[];
};

export type EvaluationReport = {
  period: EvaluationPeriod;
  ruleSet: EvaluationRuleSetRow;
  group: RowUnit & { isDepartment: boolean; parentId: string | null };
  rows: EvaluatedRow[];
  total: EvaluatedRow;
  /** How many rows the ranking compares. */
  rankedCount: number;
  /** For a supervisor whose unit the department ranks: its place among them (others' figures stay hidden). */
  departmentRank: { unit: RowUnit; rank: number; of: number; score: number } | null;
  /** Whether the actor sees the department view (WCPD, CIB). */
  seesDepartment: boolean;
};

type Context = {
  scope: EvaluationScope;
  units: UnitRow[];
  root: UnitRow;
  group: UnitRow;
  ruleSet: EvaluationRuleSetRow;
};

const rowUnit = (u: UnitRow): RowUnit => ({ id: u.id, code: u.code, nameZh: u.nameZh, nameEn: u.nameEn, kind: u.kind });

async function requireScope(db: Database, ctx: ServiceContext, action: string): Promise<EvaluationScope> {
  const scope = evaluationScopeFor(ctx.actor);
  if (scope) return scope;
  await recordAuditNow(db, ctx, { action, objectType: 'evaluation', outcome: 'denied' });
  throw new AppError('FORBIDDEN', '無權查看績效評核 (not allowed to see the performance evaluation)');
}

/**
 * Resolves the rule set (default: the current version), the unit tree and the group unit the rows
 * sit under (default: the department for WCPD and CIB, the supervisor's own unit otherwise).
 * A supervisor asking for a unit outside their subtree is refused and the attempt audited.
 */
async function resolveContext(db: Database, ctx: ServiceContext, action: string, query: { ruleSetId?: string; unitId?: string }): Promise<Context> {
  const scope = await requireScope(db, ctx, action);
  const ruleSet = query.ruleSetId ? await ruleSetsRepository.findById(db, query.ruleSetId) : await ruleSetsRepository.latest(db);
  if (!ruleSet) throw query.ruleSetId ? notFound('rule set') : new AppError('CONFLICT', '尚無評核規則 (no evaluation rule set yet)');
  const units = await unitsRepository.findAll(db);
  const root = units.find((u) => u.parentId === null);
  if (!root) throw new AppError('CONFLICT', '尚無單位 (the unit tree is empty)');
  const defaultGroupId = scope.kind === 'all' ? root.id : scope.unitId;
  const group = units.find((u) => u.id === (query.unitId ?? defaultGroupId));
  if (!group) throw new AppError('VALIDATION_FAILED', `單位不存在 (no unit ${query.unitId})`, { field: 'unitId' });
  if (scope.kind === 'subtree' && !group.path.startsWith(scope.unitPath)) {
    await recordAuditNow(db, ctx, { action, objectType: 'evaluation', objectId: group.id, outcome: 'denied' });
    throw new AppError('FORBIDDEN', '僅能查看所屬單位及其下級單位之評核 (a supervisor sees their own unit and its sub-units only)');
  }
  return { scope, units, root, group, ruleSet };
}

/** The rows of a level: the ranked children (at the department, of the rule set's kinds), then the group's own records. */
function rowUnitsOf(context: Pick<Context, 'units' | 'root' | 'group'>, rules: RuleSetRules): { ranked: UnitRow[]; self: boolean } {
  const isDepartment = context.group.id === context.root.id;
  const children = context.units.filter((u) => u.parentId === context.group.id && u.active);
  const ranked = isDepartment ? children.filter((u) => rules.rankedUnitKinds.includes(u.kind)) : children;
  return { ranked: [...ranked].sort((a, b) => a.code.localeCompare(b.code)), self: !isDepartment };
}

const rounded = (values: MetricValues): MetricValues => {
  const out = emptyMetricValues();
  for (const key of METRIC_KEYS) out[key] = roundMetric(key, values[key]);
  return out;
};

function evaluatedRows(context: Context, figures: FigureTable, bucket: string): { rows: EvaluatedRow[]; total: EvaluatedRow; rankedCount: number } {
  const rules = context.ruleSet.rules;
  const { ranked, self } = rowUnitsOf(context, rules);
  const hasChildren = new Set(context.units.filter((u) => u.active && u.parentId !== null).map((u) => u.parentId));
  const valuesOf = (key: string) => figures.get(key)?.get(bucket) ?? emptyMetricValues();
  const make = (key: string, unit: UnitRow, scope: EvaluatedRow['scope'], figureKey: string): EvaluatedRow => {
    const values = valuesOf(figureKey);
    const { score, breakdown } = scoreUnit(values, rules);
    return { key, unit: rowUnit(unit), scope, hasSubunits: scope === 'subtree' && hasChildren.has(unit.id), values: rounded(values), score, rank: null, breakdown };
  };
  const rankedRows = ranked.map((unit) => make(unit.id, unit, 'subtree', unit.id));
  const ranks = rankByScore(rankedRows.map((r) => r.score));
  rankedRows.forEach((row, index) => (row.rank = ranks[index] ?? null));
  rankedRows.sort((a, b) => (a.rank! - b.rank!) || a.unit.code.localeCompare(b.unit.code));
  const rows = self ? [...rankedRows, make(`${SELF_ROW}:${context.group.id}`, context.group, 'self', SELF_ROW)] : rankedRows;
  return { rows, total: make(`${TOTAL_ROW}:${context.group.id}`, context.group, 'total', TOTAL_ROW), rankedCount: rankedRows.length };
}

/** The figures of one level for one period, scored and ranked. */
export async function evaluate(db: Database, ctx: ServiceContext, query: EvaluationQuery, now = new Date()): Promise<EvaluationReport> {
  const context = await resolveContext(db, ctx, 'evaluation.view', query);
  const period = resolvePeriod({ kind: query.periodKind, anchor: query.anchor, from: query.from, to: query.to }, taipeiDay(now));
  const range = { from: period.from, to: period.to, firstDay: period.firstDay, lastDay: period.lastDay, bucket: 'range' as const, now };
  const figures = await evaluationRepository.figures(db, { groupPath: context.group.path, ...range });
  const { rows, total, rankedCount } = evaluatedRows(context, figures, '');

  // A supervisor's own place in the department ranking: computed over every ranked unit, only
  // their own row leaves the service.
  let departmentRank: EvaluationReport['departmentRank'] = null;
  const ownUnit = context.units.find((u) => u.id === ctx.actor!.unitId);
  if (context.scope.kind === 'subtree' && ownUnit && ownUnit.parentId === context.root.id && context.ruleSet.rules.rankedUnitKinds.includes(ownUnit.kind) && ownUnit.active) {
    const departmentContext = { ...context, group: context.root };
    const departmentFigures = await evaluationRepository.figures(db, { groupPath: context.root.path, ...range });
    const department = evaluatedRows(departmentContext, departmentFigures, '');
    const own = department.rows.find((r) => r.unit.id === ownUnit.id);
    if (own?.rank) departmentRank = { unit: own.unit, rank: own.rank, of: department.rankedCount, score: own.score };
  }
  return {
    period,
    ruleSet: context.ruleSet,
    group: { ...rowUnit(context.group), isDepartment: context.group.id === context.root.id, parentId: context.group.parentId },
    rows,
    total,
    rankedCount,
    departmentRank,
    seesDepartment: context.scope.kind === 'all',
  };
}

export type TrendQuery = { months?: number; end?: string; ruleSetId?: string; unitId?: string };
export type TrendSeries = { key: string; unit: RowUnit; scope: EvaluatedRow['scope']; scores: number[]; ranks: (number | null)[]; values: MetricValues[] };
export type EvaluationTrend = { months: EvaluationPeriod[]; ruleSet: EvaluationRuleSetRow; group: RowUnit; series: TrendSeries[] };

/** The longest trend one request computes. */
export const MAX_TREND_MONTHS = 36;

/** Each row's score (and figures) per Taipei month, for the last `months` months up to `end`'s month. */
export async function evaluationTrend(db: Database, ctx: ServiceContext, query: TrendQuery, now = new Date()): Promise<EvaluationTrend> {
  const context = await resolveContext(db, ctx, 'evaluation.trend', query);
  const count = query.months ?? 12;
  if (!Number.isInteger(count) || count < 1 || count > MAX_TREND_MONTHS) throw new AppError('VALIDATION_FAILED', `月數須為 1 至 ${MAX_TREND_MONTHS} (months must be 1 to ${MAX_TREND_MONTHS})`, { field: 'months' });
  const months = trailingMonths(query.end ?? taipeiDay(now), count);
  const first = months[0]!;
  const last = months.at(-1)!;
  const figures = await evaluationRepository.figures(db, {
    groupPath: context.group.path,
    from: first.from,
    to: last.to,
    firstDay: first.firstDay,
    lastDay: last.lastDay,
    bucket: 'month',
    now,
  });
  const perMonth = months.map((m) => evaluatedRows(context, figures, m.key));
  const series: TrendSeries[] = (perMonth[0]?.rows ?? []).map((row) => {
    const inMonth = perMonth.map((month) => month.rows.find((r) => r.key === row.key)!);
    return { key: row.key, unit: row.unit, scope: row.scope, scores: inMonth.map((r) => r.score), ranks: inMonth.map((r) => r.rank), values: inMonth.map((r) => r.values) };
  });
  const totals = perMonth.map((m) => m.total);
  series.push({ key: totals[0]!.key, unit: totals[0]!.unit, scope: 'total', scores: totals.map((r) => r.score), ranks: totals.map(() => null), values: totals.map((r) => r.values) });
  return { months, ruleSet: context.ruleSet, group: rowUnit(context.group), series };
}
