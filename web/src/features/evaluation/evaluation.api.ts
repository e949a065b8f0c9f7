/**
 * `/api/evaluation`: the per-unit evaluation (G4.1.4) — one level of the unit tree for a period,
 * scored under a versioned rule set with every step shown, the monthly trend, the files — and the
 * rule sets. Schemas: src/modules/evaluation/evaluation.contract.ts. The server decides what the
 * user sees (WCPD and CIB: every unit; a supervisor: their unit's subtree and its own rank).
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, apiPost, withQuery } from '../../lib/api.ts';
import type { UnitKind } from '../admin-units/units.api.ts';
import { fetchFile, type FetchedFile } from '../board/file-download.ts';

export const METRIC_KEYS = [
  'patrolSessions',
  'patrolHours',
  'findings',
  'art40Cases',
  'takedownReports',
  'takedownOrders',
  'removedWithin24h',
  'removedWithin24hShare',
  'medianHoursToRemoval',
  'rpzEscalations',
  'casesTransferred',
  'suspectsIdentified',
  'victimsReferred',
  'outreachActivities',
  'outreachAudience',
  'trainingHours',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];
export type MetricValues = Record<MetricKey, number | null>;

/** The figures by the part of the work they measure (the table's column groups). */
export const METRIC_GROUPS: { key: 'patrol' | 'cases' | 'takedowns' | 'prevention'; metrics: MetricKey[] }[] = [
  { key: 'patrol', metrics: ['patrolSessions', 'patrolHours', 'findings'] },
  { key: 'cases', metrics: ['art40Cases', 'casesTransferred', 'suspectsIdentified', 'victimsReferred'] },
  { key: 'takedowns', metrics: ['takedownReports', 'takedownOrders', 'removedWithin24h', 'removedWithin24hShare', 'medianHoursToRemoval', 'rpzEscalations'] },
  { key: 'prevention', metrics: ['outreachActivities', 'outreachAudience', 'trainingHours'] },
];

export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface MetricRule {
  pointsPerItem: number;
  cap: number | null;
  weight: number;
}

export interface RuleSetRules {
  rankedUnitKinds: UnitKind[];
  metrics: Partial<Record<MetricKey, MetricRule>>;
}

export interface RuleSet {
  id: string;
  version: number;
  name: string;
  basis: string;
  description: string | null;
  rules: RuleSetRules;
  basedOnId: string | null;
  createdBy: { id: string; displayName: string } | null;
  createdAt: string;
  current: boolean;
}

export interface RowUnit {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: UnitKind;
}

export interface MetricScore {
  metric: MetricKey;
  value: number | null;
  scored: boolean;
  pointsPerItem: number;
  rawPoints: number;
  cap: number | null;
  capped: boolean;
  points: number;
  weight: number;
  contribution: number;
}

export type RowScope = 'subtree' | 'self' | 'total';

export interface EvaluatedRow {
  key: string;
  unit: RowUnit;
  scope: RowScope;
  hasSubunits: boolean;
  values: MetricValues;
  score: number;
  rank: number | null;
  breakdown: MetricScore[];
}

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  firstDay: string;
  lastDay: string;
  label: string;
  key: string;
}

export interface RuleSetRef {
  id: string;
  version: number;
  name: string;
  basis: string;
}

export interface EvaluationReport {
  period: Period;
  ruleSet: RuleSetRef;
  group: RowUnit & { isDepartment: boolean; parentId: string | null };
  rows: EvaluatedRow[];
  total: EvaluatedRow;
  rankedCount: number;
  departmentRank: { unit: RowUnit; rank: number; of: number; score: number } | null;
  seesDepartment: boolean;
}

export interface EvaluationTrend {
  months: Period[];
  ruleSet: RuleSetRef;
  group: RowUnit;
  series: { key: string; unit: RowUnit; scope: RowScope; scores: number[]; ranks: (number | null)[]; values: MetricValues[] }[];
}

export interface EvaluationQuery {
  periodKind: PeriodKind;
  anchor?: string;
  from?: string;
  to?: string;
  ruleSetId?: string;
  unitId?: string;
}

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

const params = (q: EvaluationQuery) => ({ periodKind: q.periodKind, anchor: q.periodKind === 'custom' ? undefined : q.anchor, from: q.periodKind === 'custom' ? q.from : undefined, to: q.periodKind === 'custom' ? q.to : undefined, ruleSetId: q.ruleSetId, unitId: q.unitId });

export const EVALUATION_KEY = ['evaluation'] as const;
export const RULE_SETS_KEY = ['evaluation', 'rule-sets'] as const;

export function useEvaluation(query: EvaluationQuery) {
  return useQuery({
    queryKey: ['evaluation', 'report', params(query)],
    queryFn: ({ signal }) => apiGet<EvaluationReport>(withQuery('/api/evaluation', params(query)), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useEvaluationTrend(query: { months: number; end: string; ruleSetId?: string; unitId?: string }) {
  return useQuery({
    queryKey: ['evaluation', 'trend', query],
    queryFn: ({ signal }) => apiGet<EvaluationTrend>(withQuery('/api/evaluation/trend', { ...query }), { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRuleSets() {
  return useQuery({ queryKey: RULE_SETS_KEY, queryFn: ({ signal }) => apiGet<{ items: RuleSet[]; can: { manage: boolean } }>('/api/evaluation/rule-sets', { signal }), staleTime: 60_000 });
}

/** `POST /api/evaluation/rule-sets` (201): publishes the next version. */
export function createRuleSet(input: { name: string; basis: string; description: string | null; rules: RuleSetRules; basedOnId: string | null }): Promise<RuleSet> {
  return apiPost<RuleSet>('/api/evaluation/rule-sets', input);
}

/** The evaluation as CSV (UTF-8 with BOM), XLSX or the printable PDF report. */
export function exportEvaluation(query: EvaluationQuery, format: ExportFormat): Promise<FetchedFile> {
  if (format === 'pdf') return fetchFile(withQuery('/api/evaluation/report.pdf', params(query)), 'evaluation.pdf', 'application/pdf');
  const accept = format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return fetchFile(withQuery('/api/evaluation/export', { ...params(query), format }), `evaluation.${format}`, accept);
}
