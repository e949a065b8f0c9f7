/**
 * A unit's score under a rule set, with every step shown (value × points, cap applied, weight →
 * contribution), and the ranking of units by score. Pure: figures and rules in, numbers out.
 */
import { METRIC_KEYS, roundMetric, type MetricKey, type MetricValues } from './evaluation-metrics.ts';
import type { RuleSetRules } from './evaluation-rules.ts';

export type MetricScore = {
  metric: MetricKey;
  /** The figure as shown (hours and percentages to one decimal); null = nothing to compute from. */
  value: number | null;
  /** False when the rule set leaves the figure out: shown, not scored. */
  scored: boolean;
  pointsPerItem: number;
  /** value × pointsPerItem, before the cap. */
  rawPoints: number;
  cap: number | null;
  capped: boolean;
  /** rawPoints limited to ±cap. */
  points: number;
  weight: number;
  /** points × weight. */
  contribution: number;
};

export type ScoredUnit = { score: number; breakdown: MetricScore[] };

/** Two decimals, without the floating-point tails (0.1 × 3 = 0.30000000000000004). */
export const roundScore = (value: number): number => Math.round((value + Number.EPSILON) * 100) / 100;

/** Scores one unit's figures; each step is rounded to two decimals so the breakdown adds up by hand. */
export function scoreUnit(values: MetricValues, rules: RuleSetRules): ScoredUnit {
  const breakdown: MetricScore[] = [];
  let score = 0;
  for (const metric of METRIC_KEYS) {
    const value = roundMetric(metric, values[metric]);
    const rule = rules.metrics[metric];
    if (!rule) {
      breakdown.push({ metric, value, scored: false, pointsPerItem: 0, rawPoints: 0, cap: null, capped: false, points: 0, weight: 0, contribution: 0 });
      continue;
    }
    const rawPoints = value === null ? 0 : roundScore(value * rule.pointsPerItem);
    const capped = rule.cap !== null && Math.abs(rawPoints) > rule.cap;
    const points = capped ? Math.sign(rawPoints) * rule.cap! : rawPoints;
    const contribution = roundScore(points * rule.weight);
    score += contribution;
    breakdown.push({ metric, value, scored: true, pointsPerItem: rule.pointsPerItem, rawPoints, cap: rule.cap, capped, points, weight: rule.weight, contribution });
  }
  return { score: roundScore(score), breakdown };
}

/**
 * Standard competition ranking ("1224"): higher score first, equal scores share a rank and the
 * next rank skips. Returns the rank of each item in input order.
 */
export function rankByScore(scores: readonly number[]): number[] {
  return scores.map((score) => 1 + scores.filter((other) => other > score).length);
}
