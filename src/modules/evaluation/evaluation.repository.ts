/**
 * SQL for the evaluation's figures (G4.1.4): every figure of evaluation-metrics.ts for the rows of
 * one level of the unit tree, per period or per Taipei month, set-based — one grouped statement per
 * source table. A row is a child of the group unit with its whole subtree (the path prefix decides,
 * so a precinct's figures include its squads, sections and stations), `self` is what was recorded
 * on the group unit itself, and the grouping set without a row gives the group's total.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../core/db/client.ts';
import { caseTransfers, cases } from '../cases/cases.tables.ts';
import { findings } from '../findings/findings.tables.ts';
import { outreachActivities } from '../outreach/outreach.tables.ts';
import { patrolSessions } from '../patrols/patrols.tables.ts';
import { suspectIdentifiers, suspects } from '../suspects/suspects.tables.ts';
import { takedownTargets } from '../takedowns/takedowns.tables.ts';
import { trainingCourses, trainingTrainees } from '../training/training.tables.ts';
import { units } from '../units/units.tables.ts';
import { victimServices, victims } from '../victims/victims.tables.ts';
import { emptyMetricValues, PATROL_SESSION_MAX_HOURS, type MetricKey, type MetricValues } from './evaluation-metrics.ts';

/** The row of the group unit's own records, and of the whole group. */
export const SELF_ROW = 'self';
export const TOTAL_ROW = 'total';

export type FigureQuery = {
  /** Path of the group unit; its children (with their subtrees) are the rows. */
  groupPath: string;
  from: Date;
  to: Date;
  /** First and last Taipei day of the range, for date columns. */
  firstDay: string;
  lastDay: string;
  /** One bucket for the whole range (`''`), or one per Taipei month (`YYYY-MM`). */
  bucket: 'range' | 'month';
  now: Date;
};

/** figures.get(rowKey).get(bucket) → the row's figures in that bucket (missing: nothing recorded). */
export type FigureTable = Map<string, Map<string, MetricValues>>;

type Row = Record<string, unknown>;

const ts = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

export const evaluationRepository = {
  async figures(db: DbOrTx, q: FigureQuery): Promise<FigureTable> {
    // Each unit under the group, with the row it counts in: the child of the group on its path.
    const scopeUnits = sql`scope_units as (
      select u.id, case when u.path = ${q.groupPath} then ${SELF_ROW}
                        else split_part(substr(u.path, ${q.groupPath.length + 1}), '/', 1) end as row_key
      from ${units} u where starts_with(u.path, ${q.groupPath}))`;
    const bucketOf = (column: SQL) => (q.bucket === 'range' ? sql`''::text` : sql`to_char(${column} at time zone 'Asia/Taipei', 'YYYY-MM')`);
    const bucketOfDay = (column: SQL) => (q.bucket === 'range' ? sql`''::text` : sql`to_char(${column}, 'YYYY-MM')`);
    const inRange = (column: SQL) => sql`${column} >= ${ts(q.from)} and ${column} < ${ts(q.to)}`;
    const dayInRange = (column: SQL) => sql`${column} >= ${q.firstDay}::date and ${column} <= ${q.lastDay}::date`;
    // The rows and, as the grouping set without a row, the group's total (medians do not add up).
    const grouped = (bucket: SQL) => (q.bucket === 'range' ? sql`group by grouping sets ((su.row_key), ())` : sql`group by grouping sets ((su.row_key, ${bucket}), (${bucket}))`);

    const run = async (fields: Partial<Record<MetricKey, string>>, query: SQL): Promise<void> => {
      const result = (await db.execute(query)) as unknown as { rows: Row[] };
      for (const row of result.rows) {
        const rowKey = row.row_key === null || row.row_key === undefined ? TOTAL_ROW : String(row.row_key);
        const bucket = String(row.bucket ?? '');
        let byBucket = table.get(rowKey);
        if (!byBucket) table.set(rowKey, (byBucket = new Map()));
        let values = byBucket.get(bucket);
        if (!values) byBucket.set(bucket, (values = emptyMetricValues()));
        for (const [metric, column] of Object.entries(fields) as [MetricKey, string][]) {
          const raw = row[column];
          values[metric] = raw === null || raw === undefined ? null : Number(raw);
        }
      }
    };
    const table: FigureTable = new Map();

    const patrolBucket = bucketOf(sql`ps.started_at`);
    const findingBucket = bucketOf(sql`f.seen_at`);
    const art40Bucket = bucketOf(sql`c.art40_confirmed_at`);
    const reportBucket = bucketOf(sql`t.reported_at`);
    const orderBucket = bucketOf(sql`t.order_issued_at`);
    const rpzBucket = bucketOf(sql`t.rpz_requested_at`);
    const transferBucket = bucketOfDay(sql`tr.transferred_on`);
    const suspectBucket = bucketOf(sql`fi.identified_at`);
    const victimBucket = bucketOf(sql`r.referred_at`);
    const outreachBucket = bucketOf(sql`a.starts_at`);
    const trainingBucket = bucketOfDay(sql`tc.held_on`);

    // PGlite has one connection and runs these one after another; PostgreSQL overlaps them.
    await Promise.all([
      run(
        { patrolSessions: 'sessions', patrolHours: 'hours' },
        sql`with ${scopeUnits}
          select su.row_key, ${patrolBucket} as bucket, count(*)::int as sessions,
                 coalesce(sum(least(greatest(extract(epoch from (coalesce(ps.ended_at, ${ts(q.now)}) - ps.started_at)), 0), ${PATROL_SESSION_MAX_HOURS * 3600})), 0)::float8 / 3600 as hours
          from ${patrolSessions} ps join scope_units su on su.id = ps.unit_id
          where ${inRange(sql`ps.started_at`)}
          ${grouped(patrolBucket)}`,
      ),
      run(
        { findings: 'n' },
        sql`with ${scopeUnits}
          select su.row_key, ${findingBucket} as bucket, count(*)::int as n
          from ${findings} f join scope_units su on su.id = f.unit_id
          where ${inRange(sql`f.seen_at`)}
          ${grouped(findingBucket)}`,
      ),
      run(
        { art40Cases: 'n' },
        sql`with ${scopeUnits}
          select su.row_key, ${art40Bucket} as bucket, count(*)::int as n
          from ${cases} c join scope_units su on su.id = c.owning_unit_id
          where c.art40_outcome = 'art40' and ${inRange(sql`c.art40_confirmed_at`)}
          ${grouped(art40Bucket)}`,
      ),
      run(
        { takedownReports: 'n' },
        sql`with ${scopeUnits}
          select su.row_key, ${reportBucket} as bucket, count(*)::int as n
          from ${takedownTargets} t join ${cases} c on c.id = t.case_id join scope_units su on su.id = c.owning_unit_id
          where ${inRange(sql`t.reported_at`)}
          ${grouped(reportBucket)}`,
      ),
      run(
        { takedownOrders: 'orders', removedWithin24h: 'within', medianHoursToRemoval: 'median_hours' },
        // As the speed figures count them (takedown-queries.repository.ts): removed by the due time
        // T + 24 h; a removal verified before T counts as 0 hours.
        sql`with ${scopeUnits}
          select su.row_key, ${orderBucket} as bucket, count(*)::int as orders,
                 count(*) filter (where t.removed_at is not null and t.removed_at <= t.due_at)::int as within,
                 percentile_cont(0.5) within group (order by greatest(extract(epoch from (t.removed_at - t.order_issued_at)), 0))
                   filter (where t.removed_at is not null) / 3600 as median_hours
          from ${takedownTargets} t join ${cases} c on c.id = t.case_id join scope_units su on su.id = c.owning_unit_id
          where ${inRange(sql`t.order_issued_at`)}
          ${grouped(orderBucket)}`,
      ),
      run(
        { rpzEscalations: 'n' },
        sql`with ${scopeUnits}
          select su.row_key, ${rpzBucket} as bucket, count(*)::int as n
          from ${takedownTargets} t join ${cases} c on c.id = t.case_id join scope_units su on su.id = c.owning_unit_id
          where ${inRange(sql`t.rpz_requested_at`)}
          ${grouped(rpzBucket)}`,
      ),
      run(
        { casesTransferred: 'n' },
        sql`with ${scopeUnits}
          select su.row_key, ${transferBucket} as bucket, count(*)::int as n
          from ${caseTransfers} tr join ${cases} c on c.id = tr.case_id join scope_units su on su.id = c.owning_unit_id
          where ${dayInRange(sql`tr.transferred_on`)}
          ${grouped(transferBucket)}`,
      ),
      run(
        { suspectsIdentified: 'n' },
        // A suspect counts once, in the period its first identifier was recorded.
        sql`with ${scopeUnits},
          fi as (select s.case_id, min(si.created_at) as identified_at
                 from ${suspects} s join ${suspectIdentifiers} si on si.suspect_id = s.id
                 where si.created_at < ${ts(q.to)}
                 group by s.id, s.case_id)
          select su.row_key, ${suspectBucket} as bucket, count(*)::int as n
          from fi join ${cases} c on c.id = fi.case_id join scope_units su on su.id = c.owning_unit_id
          where ${inRange(sql`fi.identified_at`)}
          ${grouped(suspectBucket)}`,
      ),
      run(
        { victimsReferred: 'n' },
        // G5.3.2: the first sign of a referral — the social worker's arrival, an adult's "yes", or
        // the first SAB service offered (a day, taken at Taipei midnight). least() skips nulls.
        sql`with ${scopeUnits},
          r as (select v.case_id,
                       least(v.social_worker_arrived_at,
                             case when v.wants_social_worker = 'yes' or v.wants_counselling_referral = 'yes' then v.referral_answered_at end,
                             (select min(vs.offered_on) from ${victimServices} vs where vs.victim_id = v.id)::timestamp at time zone 'Asia/Taipei') as referred_at
                from ${victims} v)
          select su.row_key, ${victimBucket} as bucket, count(*)::int as n
          from r join ${cases} c on c.id = r.case_id join scope_units su on su.id = c.owning_unit_id
          where ${inRange(sql`r.referred_at`)}
          ${grouped(victimBucket)}`,
      ),
      run(
        { outreachActivities: 'n', outreachAudience: 'audience' },
        sql`with ${scopeUnits}
          select su.row_key, ${outreachBucket} as bucket, count(*)::int as n, coalesce(sum(a.audience_count), 0)::int as audience
          from ${outreachActivities} a join scope_units su on su.id = a.unit_id
          where a.deleted_at is null and ${inRange(sql`a.starts_at`)}
          ${grouped(outreachBucket)}`,
      ),
      run(
        { trainingHours: 'hours' },
        sql`with ${scopeUnits}
          select su.row_key, ${trainingBucket} as bucket, coalesce(sum(tc.hours), 0)::float8 as hours
          from ${trainingTrainees} tt join ${trainingCourses} tc on tc.id = tt.course_id join scope_units su on su.id = tt.unit_id
          where tc.deleted_at is null and ${dayInRange(sql`tc.held_on`)}
          ${grouped(trainingBucket)}`,
      ),
    ]);

    // The share is derived once the counts are in (none without orders).
    for (const byBucket of table.values()) {
      for (const values of byBucket.values()) {
        const orders = values.takedownOrders ?? 0;
        values.removedWithin24hShare = orders === 0 ? null : ((values.removedWithin24h ?? 0) / orders) * 100;
      }
    }
    return table;
  },
};
