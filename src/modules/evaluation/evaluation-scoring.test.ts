/** Scores that explain themselves, caps both ways, and competition ranking. */
import { describe, expect, it } from 'vitest';
import { emptyMetricValues } from './evaluation-metrics.ts';
import { checkRules, DEFAULT_RULE_SET } from './evaluation-rules.ts';
import { rankByScore, scoreUnit } from './evaluation-scoring.ts';

describe('scoring', () => {
  it('multiplies, caps, weighs and adds, two decimals at each step', () => {
    const values = { ...emptyMetricValues(), patrolHours: 45.25, findings: 3, removedWithin24hShare: 66.666, medianHoursToRemoval: 30 };
    const rules = {
      rankedUnitKinds: ['precinct' as const],
      metrics: {
        patrolHours: { pointsPerItem: 0.5, cap: 20, weight: 1.5 },
        findings: { pointsPerItem: 0.1, cap: null, weight: 1 },
        removedWithin24hShare: { pointsPerItem: 0.1, cap: 10, weight: 1 },
        medianHoursToRemoval: { pointsPerItem: -0.5, cap: 5, weight: 1 },
      },
    };
    const { score, breakdown } = scoreUnit(values, rules);
    const by = Object.fromEntries(breakdown.map((b) => [b.metric, b]));
    // 45.25 h shows as 45.3; × 0.5 = 22.65, capped at 20, × 1.5 = 30.
    expect(by.patrolHours).toMatchObject({ value: 45.3, rawPoints: 22.65, capped: true, points: 20, contribution: 30 });
    expect(by.findings).toMatchObject({ value: 3, rawPoints: 0.3, capped: false, contribution: 0.3 });
    expect(by.removedWithin24hShare).toMatchObject({ value: 66.7, rawPoints: 6.67, contribution: 6.67 });
    // Negative points are capped at −cap.
    expect(by.medianHoursToRemoval).toMatchObject({ rawPoints: -15, capped: true, points: -5, contribution: -5 });
    expect(by.art40Cases).toMatchObject({ scored: false, contribution: 0 });
    expect(score).toBe(31.97);
  });

  it('scores nothing for a figure without data (no orders: no share)', () => {
    const { breakdown, score } = scoreUnit(emptyMetricValues(), DEFAULT_RULE_SET.rules);
    expect(breakdown.find((b) => b.metric === 'removedWithin24hShare')).toMatchObject({ value: null, rawPoints: 0, contribution: 0 });
    expect(score).toBe(0);
  });

  it('ranks 1224', () => {
    expect(rankByScore([10, 30, 10, 5, 30])).toEqual([3, 1, 3, 5, 1]);
  });
});

describe('rule sets', () => {
  it('accepts the default and drops nothing of it', () => {
    const checked = checkRules(DEFAULT_RULE_SET.rules);
    expect(checked.problems).toEqual([]);
    expect(checked.rules).toEqual(DEFAULT_RULE_SET.rules);
  });

  it('names every problem with its path', () => {
    const checked = checkRules({ rankedUnitKinds: [], metrics: { findings: { pointsPerItem: 'a', cap: 1, weight: 1, extra: 1 }, nope: {} }, colour: 'red' });
    expect(checked.rules).toBeNull();
    expect(checked.problems.map((p) => p.path)).toEqual(['colour', 'rankedUnitKinds', 'metrics.findings.extra', 'metrics.findings.pointsPerItem', 'metrics.nope']);
    expect(checkRules('rules').problems[0]!.message).toMatch(/must be an object/);
    expect(checkRules({ rankedUnitKinds: ['precinct'], metrics: { findings: { pointsPerItem: 1, cap: null, weight: Number.NaN } } }).problems[0]!.path).toBe('metrics.findings.weight');
  });
});
