/**
 * The scoring rules of an evaluation plan as data (G4.1.4): per figure, points per item, a cap on
 * those points and a weight; plus which kinds of unit the department-wide ranking compares. Pure:
 * validation and the seeded default, no database.
 *
 * Format (stored as `evaluation_rule_sets.rules`):
 *
 *   { "rankedUnitKinds": ["division", "corps", "precinct"],
 *     "metrics": { "patrolHours": { "pointsPerItem": 0.5, "cap": 20, "weight": 1 }, … } }
 *
 * A figure's points are value × pointsPerItem, limited to ±cap (no limit when cap is null); its
 * contribution is points × weight; a unit's score is the sum of contributions. A figure left out of
 * `metrics` is shown but not scored. Points may be negative (a figure where less is better), caps
 * and weights may not.
 */
import { UNIT_KINDS, type UnitKind } from '../../core/access/roles.ts';
import { METRIC_KEYS, type MetricKey } from './evaluation-metrics.ts';

export type MetricRule = { pointsPerItem: number; cap: number | null; weight: number };
export type RuleSetRules = { rankedUnitKinds: UnitKind[]; metrics: Partial<Record<MetricKey, MetricRule>> };

/** Limits that keep a typo (a weight of 1000) from passing as a plan. */
export const RULE_LIMITS = { pointsPerItem: 1000, cap: 1_000_000, weight: 100 } as const;

export type RuleProblem = { path: string; message: string };

const isMetricKey = (key: string): key is MetricKey => (METRIC_KEYS as readonly string[]).includes(key);
const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Checks a rule set and lists every problem with its path and a bilingual message, so a refused
 * plan says all that is wrong at once. Returns the cleaned rules (known keys only) when valid.
 */
export function checkRules(input: unknown): { rules: RuleSetRules; problems: [] } | { rules: null; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (!isPlainObject(input)) return { rules: null, problems: [{ path: 'rules', message: '評核規則須為物件 (rules must be an object)' }] };

  for (const key of Object.keys(input)) if (key !== 'rankedUnitKinds' && key !== 'metrics') problem(key, `不明的欄位 (unknown field)`);

  const kinds = input.rankedUnitKinds;
  const rankedUnitKinds: UnitKind[] = [];
  if (!Array.isArray(kinds) || kinds.length === 0) {
    problem('rankedUnitKinds', '須列出至少一種受評單位類別 (list at least one kind of unit to rank)');
  } else {
    for (const [index, kind] of kinds.entries()) {
      if (typeof kind !== 'string' || !(UNIT_KINDS as readonly string[]).includes(kind)) problem(`rankedUnitKinds.${index}`, `不是單位類別 (not a unit kind): ${String(kind)}`);
      else if (!rankedUnitKinds.includes(kind as UnitKind)) rankedUnitKinds.push(kind as UnitKind);
    }
  }

  const metrics: Partial<Record<MetricKey, MetricRule>> = {};
  if (!isPlainObject(input.metrics)) {
    problem('metrics', '須為各指標的計分規則 (metrics must map figures to their rules)');
  } else {
    for (const [key, rule] of Object.entries(input.metrics)) {
      const path = `metrics.${key}`;
      if (!isMetricKey(key)) {
        problem(path, `不是已知指標 (unknown figure); known: ${METRIC_KEYS.join(', ')}`);
        continue;
      }
      if (!isPlainObject(rule)) {
        problem(path, '須有 pointsPerItem、cap、weight (needs pointsPerItem, cap and weight)');
        continue;
      }
      for (const field of Object.keys(rule)) if (!['pointsPerItem', 'cap', 'weight'].includes(field)) problem(`${path}.${field}`, '不明的欄位 (unknown field)');
      const { pointsPerItem, cap, weight } = rule;
      let valid = true;
      if (!isFiniteNumber(pointsPerItem) || Math.abs(pointsPerItem) > RULE_LIMITS.pointsPerItem) {
        problem(`${path}.pointsPerItem`, `每單位得分須為 −${RULE_LIMITS.pointsPerItem} 至 ${RULE_LIMITS.pointsPerItem} 的數字 (points per item must be a number from −${RULE_LIMITS.pointsPerItem} to ${RULE_LIMITS.pointsPerItem})`);
        valid = false;
      }
      if (cap !== null && (!isFiniteNumber(cap) || cap < 0 || cap > RULE_LIMITS.cap)) {
        problem(`${path}.cap`, `上限須為 0 至 ${RULE_LIMITS.cap} 的數字，或不設上限 (cap must be from 0 to ${RULE_LIMITS.cap}, or null for none)`);
        valid = false;
      }
      if (!isFiniteNumber(weight) || weight < 0 || weight > RULE_LIMITS.weight) {
        problem(`${path}.weight`, `權重須為 0 至 ${RULE_LIMITS.weight} 的數字 (weight must be a number from 0 to ${RULE_LIMITS.weight})`);
        valid = false;
      }
      if (valid) metrics[key] = { pointsPerItem: pointsPerItem as number, cap: cap as number | null, weight: weight as number };
    }
    const scoring = Object.values(metrics).some((rule) => rule.pointsPerItem !== 0 && rule.weight > 0 && rule.cap !== 0);
    if (problems.length === 0 && !scoring) problem('metrics', '至少一項指標須計分 (at least one figure must score: points, weight and cap not zero)');
  }
  return problems.length === 0 ? { rules: { rankedUnitKinds, metrics }, problems: [] } : { rules: null, problems };
}

/**
 * The default plan seeded on the first start: the department's current practice as this system
 * understands it, to be confirmed (or replaced by a new version) by CIB, who evaluates (G4.1.4).
 * The department-wide ranking compares WCPD, CIB and the 14 precincts, each with its sub-units.
 */
export const DEFAULT_RULE_SET = {
  name: '預設評核規則（本局現行作法）',
  basis: '本局現行作法，待刑事警察大隊確認 (department practice, to be confirmed by CIB)',
  description: '依本局 114 年 6 月 18 日「強化網路犯罪偵查績效評核計畫」之精神訂定之暫行計分方式；刑事警察大隊確認或修正後，以新版本發布。',
  rules: {
    rankedUnitKinds: ['division', 'corps', 'precinct'],
    metrics: {
      patrolSessions: { pointsPerItem: 0.5, cap: 10, weight: 1 },
      patrolHours: { pointsPerItem: 0.5, cap: 20, weight: 1 },
      findings: { pointsPerItem: 0.2, cap: 20, weight: 1 },
      art40Cases: { pointsPerItem: 2, cap: 20, weight: 1 },
      takedownReports: { pointsPerItem: 0.5, cap: 10, weight: 1 },
      removedWithin24hShare: { pointsPerItem: 0.1, cap: 10, weight: 1 },
      // Less is better, but scoring it would reward units that take nothing down: shown, not scored.
      medianHoursToRemoval: { pointsPerItem: 0, cap: null, weight: 0 },
      rpzEscalations: { pointsPerItem: 0.5, cap: 5, weight: 1 },
      casesTransferred: { pointsPerItem: 3, cap: 30, weight: 1 },
      suspectsIdentified: { pointsPerItem: 1, cap: 15, weight: 1 },
      victimsReferred: { pointsPerItem: 2, cap: 10, weight: 1 },
      outreachActivities: { pointsPerItem: 1, cap: 10, weight: 1 },
      outreachAudience: { pointsPerItem: 0.01, cap: 10, weight: 1 },
      trainingHours: { pointsPerItem: 0.5, cap: 10, weight: 1 },
    },
  } satisfies RuleSetRules,
};
