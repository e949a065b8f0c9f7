/**
 * The figures the evaluation counts per unit and period (G4.1.4, under the department's evaluation
 * plan; G1), each with its meaning written out once, here: the repository computes exactly these,
 * the exports and the printed report name them from this list. Pure data, no database.
 */

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

/** A unit's figures for one period. Null only where there is nothing to compute from (a share or a median without orders). */
export type MetricValues = Record<MetricKey, number | null>;

export type MetricDefinition = {
  zh: string;
  en: string;
  /** How the value reads: a count, hours, or a percentage (0–100). */
  measure: 'count' | 'hours' | 'percent';
  /** The guideline clause the figure evidences. */
  clause: string;
  /** What is counted, in one line (shown in "how computed" and the report's notes). */
  definition: string;
};

/** A session counts at most this many hours: a patrol left open overnight is not 20 hours of patrol. */
export const PATROL_SESSION_MAX_HOURS = 12;

export const METRICS: Record<MetricKey, MetricDefinition> = {
  patrolSessions: { zh: '巡查次數', en: 'Patrol sessions', measure: 'count', clause: 'G5.1', definition: 'Patrol sessions started in the period by officers of the unit.' },
  patrolHours: {
    zh: '巡查時數',
    en: 'Patrol hours',
    measure: 'hours',
    clause: 'G5.1',
    definition: `Hours of those sessions (an open session counts up to now), each at most ${PATROL_SESSION_MAX_HOURS} h.`,
  },
  findings: { zh: '巡查發現', en: 'Findings', measure: 'count', clause: 'G5.1, G6.1', definition: 'Findings the unit met (seen) in the period.' },
  art40Cases: { zh: '第 40 條確認案件', en: 'Art. 40 cases confirmed', measure: 'count', clause: 'G6.3.1', definition: "The unit's cases whose Art. 40 check a supervisor confirmed in the period." },
  takedownReports: { zh: '通報下架', en: 'Takedown reports', measure: 'count', clause: 'G5.2, G6.2', definition: "Takedown targets of the unit's cases reported (iWIN/SAB) in the period." },
  takedownOrders: { zh: '下架處分', en: 'Takedown orders', measure: 'count', clause: 'G5.2', definition: "Targets of the unit's cases whose order (T) was issued in the period." },
  removedWithin24h: { zh: '24 小時內移除', en: 'Removed within 24 h', measure: 'count', clause: 'G5.2', definition: 'Of those orders, targets verified removed by T + 24 h.' },
  removedWithin24hShare: { zh: '24 小時內移除率', en: 'Share removed within 24 h', measure: 'percent', clause: 'G5.2', definition: 'Removed within 24 h ÷ orders issued in the period, in percent (none without orders).' },
  medianHoursToRemoval: {
    zh: '處分至移除中位數（時）',
    en: 'Median hours to removal',
    measure: 'hours',
    clause: 'G5.2',
    definition: 'Median hours from order to verified removal, over the removed targets ordered in the period (a removal before T counts as 0).',
  },
  rpzEscalations: { zh: '轉請 DNS RPZ', en: 'RPZ escalations', measure: 'count', clause: 'G5.2', definition: "Targets of the unit's cases escalated to TWNIC's RPZ in the period." },
  casesTransferred: { zh: '移送案件', en: 'Cases transferred', measure: 'count', clause: 'G4.2.3', definition: "The unit's cases transferred to the prosecutors on a day of the period." },
  suspectsIdentified: {
    zh: '查獲嫌疑人',
    en: 'Suspects identified',
    measure: 'count',
    clause: 'G6.3.4',
    definition: "Suspects of the unit's cases whose first identifier (account, IP, e-mail or phone) was recorded in the period.",
  },
  victimsReferred: {
    zh: '被害人轉介',
    en: 'Victims referred',
    measure: 'count',
    clause: 'G5.3.2',
    definition:
      "Victims of the unit's cases first referred in the period: a social worker came (minor, or adult who asked), an adult said yes to a social worker or counselling, or an SAB service was offered.",
  },
  outreachActivities: { zh: '宣導活動', en: 'Outreach activities', measure: 'count', clause: 'G5.4, G4.1.5', definition: 'Prevention activities of the unit held in the period (deleted ones do not count).' },
  outreachAudience: { zh: '宣導人次', en: 'Outreach audience', measure: 'count', clause: 'G5.4', definition: 'Sum of the audience counts of those activities (unknown counts as 0; online reach is not included).' },
  trainingHours: { zh: '訓練時數', en: 'Training hours', measure: 'hours', clause: 'G4.1.4', definition: "Course hours × trainees of the unit (the trainee's unit on the day) for courses held in the period." },
};

/** All figures zero (shares and medians none): a unit with nothing recorded. */
export function emptyMetricValues(): MetricValues {
  const values = {} as MetricValues;
  for (const key of METRIC_KEYS) values[key] = key === 'removedWithin24hShare' || key === 'medianHoursToRemoval' ? null : 0;
  return values;
}

/** Shows a value with the precision its measure needs (hours and percentages to one decimal). */
export function roundMetric(key: MetricKey, value: number | null): number | null {
  if (value === null) return null;
  return METRICS[key].measure === 'count' ? Math.round(value) : Math.round(value * 10) / 10;
}
